package io.cryptomargin.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptomargin.rules.FuturesRates;
import io.cryptomargin.rules.OptionRates;
import io.cryptomargin.rules.RulesParameters;
import io.cryptomargin.rules.StrategyKind;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rules-based model's parameter file, {@code models/rules-based.json}:
 *
 * <pre>{@code
 * {"id": "rules-based", "version": "1.0.0", "description": "...",
 *  "rules": {
 *    "options": {"initialRate": 0.15, "initialFloorRate": 0.10, "maintenanceRate": 0.075},
 *    "futures": {"defaults": {"initialRate": 0.02, "maintenanceRate": 0.01, "sizeRatePerCoin": 0.00005},
 *                "underlyings": {"SOL": {"initialRate": 0.04}}},
 *    "spotHaircuts": {"default": 0.20, "BTC": 0.10, "ETH": 0.10},
 *    "strategies": {"verticalSpread": true, "ironCondor": true, "coveredCall": false,
 *                   "calendar": false, "straddle": false, "futuresHedge": false},
 *    "searchNodeBudget": 200000}}
 * }</pre>
 * Rates are fractions. Per-underlying futures entries are merged field by field over the defaults.
 * Every strategy switch must be present (a missing switch is an error, not a silent default).
 */
public final class RulesParametersJson {
  /** The built-in parameter set's id. */
  public static final String BUILT_IN = "rules-based";

  private RulesParametersJson() {}

  /**
   * The built-in parameters ({@code rules-based}) or a parameter file.
   *
   * @throws ValidationException for an unknown id or a bad file (every problem)
   */
  public static RulesParameters load(String idOrPath) {
    if (idOrPath == null || idOrPath.isBlank() || idOrPath.equals(BUILT_IN)) {
      return parse(Json.builtInModel(BUILT_IN), "built-in:" + BUILT_IN);
    }
    Path path = Path.of(idOrPath);
    if (!Files.isRegularFile(path)) {
      throw ValidationException.of("rules", "unknown rules parameters '" + idOrPath + "': not '" + BUILT_IN
          + "' and no such file");
    }
    return parse(Json.readFile(path), path.toString());
  }

  /** The built-in parameters. */
  public static RulesParameters builtIn() {
    return load(BUILT_IN);
  }

  /**
   * Parses a parameter file's text.
   *
   * @param source how error messages name it
   * @throws ValidationException listing every problem with its JSON path
   */
  public static RulesParameters parse(String text, String source) {
    JsonNode root = Json.parse(text, source);
    if (!root.isObject()) {
      throw ValidationException.of(source, "must be a JSON object with id, version and rules");
    }
    Problems problems = new Problems();
    String id = Json.text(root, "id", "", problems, true);
    String version = Json.text(root, "version", "", problems, true);
    JsonNode rules = Json.object(root, "rules", "", problems, true);
    if (rules == null) {
      problems.throwIfAny();
    }
    JsonNode options = Json.object(rules, "options", "rules", problems, true);
    double initialRate = options == null ? Double.NaN : Json.nonNegative(options, "initialRate", "rules.options", problems, true);
    double floorRate = options == null ? Double.NaN : Json.nonNegative(options, "initialFloorRate", "rules.options", problems, true);
    double maintenanceRate = options == null ? Double.NaN
        : Json.nonNegative(options, "maintenanceRate", "rules.options", problems, true);

    JsonNode futures = Json.object(rules, "futures", "rules", problems, true);
    FuturesRates defaultFutures = null;
    Map<String, FuturesRates> futuresByUnderlying = new LinkedHashMap<>();
    if (futures != null) {
      JsonNode defaults = Json.object(futures, "defaults", "rules.futures", problems, true);
      if (defaults != null) {
        defaultFutures = futuresRates(defaults, null, "rules.futures.defaults", problems);
        JsonNode unders = Json.object(futures, "underlyings", "rules.futures", problems, false);
        if (unders != null) {
          for (Iterator<Map.Entry<String, JsonNode>> it = unders.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            FuturesRates rates = futuresRates(e.getValue(), defaults, "rules.futures.underlyings." + e.getKey(), problems);
            if (rates != null) {
              futuresByUnderlying.put(e.getKey(), rates);
            }
          }
        }
      }
    }

    JsonNode haircuts = Json.object(rules, "spotHaircuts", "rules", problems, true);
    double defaultHaircut = Double.NaN;
    Map<String, Double> haircutByCoin = new LinkedHashMap<>();
    if (haircuts != null) {
      defaultHaircut = Json.nonNegative(haircuts, "default", "rules.spotHaircuts", problems, true);
      for (Iterator<Map.Entry<String, JsonNode>> it = haircuts.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getKey().equals("default")) {
          haircutByCoin.put(e.getKey(), Json.asNumber(e.getValue(), "rules.spotHaircuts." + e.getKey(), problems));
        }
      }
    }

    JsonNode switches = Json.object(rules, "strategies", "rules", problems, true);
    EnumSet<StrategyKind> recognized = EnumSet.noneOf(StrategyKind.class);
    if (switches != null) {
      for (StrategyKind kind : StrategyKind.values()) {
        JsonNode value = switches.get(kind.parameterName());
        if (value == null || !value.isBoolean()) {
          problems.add("rules.strategies." + kind.parameterName(), "must be true or false, was "
              + (value == null ? "missing" : Json.describe(value)));
        } else if (value.booleanValue()) {
          recognized.add(kind);
        }
      }
      switches.fieldNames().forEachRemaining(name -> {
        boolean known = false;
        for (StrategyKind kind : StrategyKind.values()) {
          known |= kind.parameterName().equals(name);
        }
        if (!known) {
          problems.add("rules.strategies." + name, "unknown strategy; known: verticalSpread, ironCondor, "
              + "coveredCall, calendar, straddle, futuresHedge");
        }
      });
    }
    Long budget = Json.integer(rules, "searchNodeBudget", "rules", problems, true);
    problems.throwIfAny();
    try {
      return new RulesParameters(id, version, new OptionRates(initialRate, floorRate, maintenanceRate), defaultFutures,
          futuresByUnderlying, defaultHaircut, haircutByCoin, recognized, budget);
    } catch (ValidationException e) {
      Problems wrapped = new Problems().addAll("rules", e);
      wrapped.throwIfAny();
      throw e;
    }
  }

  private static FuturesRates futuresRates(JsonNode node, JsonNode defaults, String path, Problems problems) {
    if (!node.isObject()) {
      problems.add(path, "must be an object");
      return null;
    }
    int before = problems.count();
    double initial = merged(node, defaults, "initialRate", path, problems);
    double maintenance = merged(node, defaults, "maintenanceRate", path, problems);
    double size = merged(node, defaults, "sizeRatePerCoin", path, problems);
    if (problems.count() > before) {
      return null;
    }
    try {
      return new FuturesRates(initial, maintenance, size);
    } catch (ValidationException e) {
      problems.addAll(path, e);
      return null;
    }
  }

  private static double merged(JsonNode node, JsonNode defaults, String field, String path, Problems problems) {
    JsonNode source = node.has(field) || defaults == null ? node : defaults;
    return Json.nonNegative(source, field, path, problems, true);
  }

}
