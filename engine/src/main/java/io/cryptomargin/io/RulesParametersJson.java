package io.cryptomargin.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptomargin.rules.FuturesRates;
import io.cryptomargin.rules.OptionRates;
import io.cryptomargin.rules.RulesParameters;
import io.cryptomargin.rules.SearchLimits;
import io.cryptomargin.rules.StrategyKind;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rules-based model's parameter file, {@code models/deribit-sm.json} or {@code
 * models/strategy-based.json}. The file is self-describing: every parameter is an entry with its
 * value, its tag (METHODOLOGY section 0: {@code D}, {@code D-num}, {@code T}, {@code I}, {@code
 * P}), its source and the date it was read:
 *
 * <pre>{@code
 * {"id": "strategy-based", "version": "2.0.0", "asOf": "2026-12-06", "description": "...",
 *  "rules": {
 *    "options": {"initialRate": {"value": 0.15, "tag": "D", "source": "...", "date": "2023-11-17"},
 *                "initialFloorRate": {...}, "maintenanceRate": {...}},
 *    "futures": {"defaults": {"initialRate": {...}, "maintenanceRate": {...}, "sizeRatePerCoin": {...}},
 *                "underlyings": {"SOL": {"initialRate": {...}}}},
 *    "spotHaircuts": {"default": {...}, "BTC": {...}, "ETH": {...}},
 *    "strategies": {"verticalSpread": {"value": true, ...}, "ironCondor": {...}, "calendar": {...},
 *                   "covered": {...}, "straddle": {...}},
 *    "search": {"nodeBudget": {...}, "maxCandidates": {...}, "timeBudgetMillis": {...}}}}
 * }</pre>
 *
 * Rates are fractions. Per-underlying futures entries are merged field by field over the defaults.
 * Every strategy switch must be present (a missing switch is an error, not a silent default).
 */
public final class RulesParametersJson {
  /** Deribit standard margin, per leg. */
  public static final String DERIBIT_SM = "deribit-sm";

  /** The same legs with strategies recognized. */
  public static final String STRATEGY_BASED = "strategy-based";

  /** The built-in rules models, in the order they are compared. */
  public static final List<String> BUILT_IN = List.of(DERIBIT_SM, STRATEGY_BASED);

  private static final List<String> ENTRY_KEYS = List.of("value", "tag", "source", "date", "note");

  private RulesParametersJson() {}

  /** Whether a name is one of the built-in rules models. */
  public static boolean isBuiltIn(String id) {
    return BUILT_IN.contains(id);
  }

  /**
   * A built-in model ({@code deribit-sm}, {@code strategy-based}) or a parameter file.
   *
   * @throws ValidationException for an unknown id or a bad file (every problem)
   */
  public static RulesParameters load(String idOrPath) {
    if (idOrPath == null || idOrPath.isBlank()) {
      return builtIn();
    }
    if (isBuiltIn(idOrPath)) {
      return parse(Json.builtInModel(idOrPath), "built-in:" + idOrPath);
    }
    Path path = Path.of(idOrPath);
    if (!Files.isRegularFile(path)) {
      throw ValidationException.of(
          "rules",
          "unknown rules parameters '"
              + idOrPath
              + "': not one of "
              + BUILT_IN
              + " and no such file");
    }
    return parse(Json.readFile(path), path.toString());
  }

  /** The built-in {@code strategy-based} parameters (the rules model an account falls back to). */
  public static RulesParameters builtIn() {
    return load(STRATEGY_BASED);
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
      throw ValidationException.of(
          source, "must be a JSON object with id, version, asOf and rules");
    }
    Problems problems = new Problems();
    String id = Json.text(root, "id", "", problems, true);
    String version = Json.text(root, "version", "", problems, true);
    String asOf = Json.text(root, "asOf", "", problems, true);
    Json.onlyKnownKeys(
        root, "", List.of("id", "version", "asOf", "description", "rules"), problems);
    JsonNode rules = Json.object(root, "rules", "", problems, true);
    if (rules == null) {
      problems.throwIfAny();
    }
    Json.onlyKnownKeys(
        rules,
        "rules",
        List.of("options", "futures", "spotHaircuts", "strategies", "search"),
        problems);
    JsonNode options = Json.object(rules, "options", "rules", problems, true);
    double initialRate =
        options == null ? Double.NaN : rate(options, "initialRate", "rules.options", problems);
    double floorRate =
        options == null ? Double.NaN : rate(options, "initialFloorRate", "rules.options", problems);
    double maintenanceRate =
        options == null ? Double.NaN : rate(options, "maintenanceRate", "rules.options", problems);

    JsonNode futures = Json.object(rules, "futures", "rules", problems, true);
    FuturesRates defaultFutures = null;
    Map<String, FuturesRates> futuresByUnderlying = new LinkedHashMap<>();
    if (futures != null) {
      JsonNode defaults = Json.object(futures, "defaults", "rules.futures", problems, true);
      if (defaults != null) {
        defaultFutures = futuresRates(defaults, null, "rules.futures.defaults", problems);
        JsonNode unders = Json.object(futures, "underlyings", "rules.futures", problems, false);
        if (unders != null) {
          for (Iterator<Map.Entry<String, JsonNode>> it = unders.properties().iterator();
              it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            FuturesRates rates =
                futuresRates(
                    e.getValue(), defaults, "rules.futures.underlyings." + e.getKey(), problems);
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
      defaultHaircut = rate(haircuts, "default", "rules.spotHaircuts", problems);
      for (Iterator<String> it = haircuts.fieldNames(); it.hasNext(); ) {
        String coin = it.next();
        if (!coin.equals("default")) {
          haircutByCoin.put(coin, rate(haircuts, coin, "rules.spotHaircuts", problems));
        }
      }
    }

    JsonNode switches = Json.object(rules, "strategies", "rules", problems, true);
    EnumSet<StrategyKind> recognized = EnumSet.noneOf(StrategyKind.class);
    if (switches != null) {
      for (StrategyKind kind : StrategyKind.values()) {
        JsonNode entry = entry(switches, kind.parameterName(), "rules.strategies", problems);
        JsonNode value = entry == null ? null : entry.get("value");
        if (entry == null) {
          continue;
        }
        if (value == null || !value.isBoolean()) {
          problems.add(
              "rules.strategies." + kind.parameterName() + ".value",
              "must be true or false, was " + (value == null ? "missing" : Json.describe(value)));
        } else if (value.booleanValue()) {
          recognized.add(kind);
        }
      }
      List<String> known =
          Arrays.stream(StrategyKind.values()).map(StrategyKind::parameterName).toList();
      switches
          .fieldNames()
          .forEachRemaining(
              name -> {
                if (!known.contains(name)) {
                  problems.add(
                      "rules.strategies." + name,
                      "unknown strategy; known: " + String.join(", ", known));
                }
              });
    }
    JsonNode search = Json.object(rules, "search", "rules", problems, true);
    Long nodes = search == null ? null : whole(search, "nodeBudget", "rules.search", problems);
    Long candidates =
        search == null ? null : whole(search, "maxCandidates", "rules.search", problems);
    Long millis =
        search == null ? null : whole(search, "timeBudgetMillis", "rules.search", problems);
    problems.throwIfAny();
    try {
      SearchLimits limits =
          new SearchLimits(nodes, (int) Math.min(candidates, Integer.MAX_VALUE), millis);
      return new RulesParameters(
          id,
          version,
          asOf,
          new OptionRates(initialRate, floorRate, maintenanceRate),
          defaultFutures,
          futuresByUnderlying,
          defaultHaircut,
          haircutByCoin,
          recognized,
          limits);
    } catch (ValidationException e) {
      Problems wrapped = new Problems().addAll("rules", e);
      wrapped.throwIfAny();
      throw e;
    }
  }

  /**
   * A described parameter: an object with its value, tag, source and date. Null (with problems)
   * when it is missing or malformed.
   */
  private static JsonNode entry(JsonNode parent, String field, String path, Problems problems) {
    JsonNode entry = Json.object(parent, field, path, problems, true);
    if (entry == null) {
      return null;
    }
    String at = Json.path(path, field);
    String tag = Json.text(entry, "tag", at, problems, true);
    if (tag != null && !ModelFiles.TAGS.contains(tag)) {
      problems.add(
          at + ".tag", "must be one of " + String.join(", ", ModelFiles.TAGS) + ", was " + tag);
    }
    Json.text(entry, "source", at, problems, true);
    Json.text(entry, "date", at, problems, true);
    Json.onlyKnownKeys(entry, at, ENTRY_KEYS, problems);
    if (!entry.has("value")) {
      problems.add(at + ".value", "is required");
      return null;
    }
    return entry;
  }

  private static double rate(JsonNode parent, String field, String path, Problems problems) {
    JsonNode entry = entry(parent, field, path, problems);
    return entry == null
        ? Double.NaN
        : Json.nonNegative(entry, "value", Json.path(path, field), problems, true);
  }

  private static Long whole(JsonNode parent, String field, String path, Problems problems) {
    JsonNode entry = entry(parent, field, path, problems);
    return entry == null
        ? null
        : Json.integer(entry, "value", Json.path(path, field), problems, true);
  }

  private static FuturesRates futuresRates(
      JsonNode node, JsonNode defaults, String path, Problems problems) {
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

  private static double merged(
      JsonNode node, JsonNode defaults, String field, String path, Problems problems) {
    JsonNode source = node.has(field) || defaults == null ? node : defaults;
    return rate(source, field, path, problems);
  }
}
