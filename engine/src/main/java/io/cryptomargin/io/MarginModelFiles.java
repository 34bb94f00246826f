package io.cryptomargin.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptomargin.book.InterCommodityPair;
import io.cryptomargin.book.MarginParameters;
import io.cryptomargin.margin.CryptoPmCharges;
import io.cryptomargin.margin.CurrencyRisk;
import io.cryptomargin.margin.MarginModel;
import io.cryptomargin.margin.SpanCharges;
import io.cryptomargin.margin.TimsCharges;
import io.cryptomargin.scenario.CryptoPmDefinition;
import io.cryptomargin.scenario.TimsDefinition;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Portfolio-margin models from model parameter files: the file's {@code scenarioSet} (read by
 * {@link ModelFiles}) plus its {@code margin} part, read as the scenario set's kind requires:
 *
 * <pre>{@code
 * span-16:   {"initialToMaintenance": 1.1,          // speculator: IM = MM x this
 *             "hedgerInitialToMaintenance": 1.0,    // hedger or member (optional, default 1.0)
 *             "intraSpreadRate": 0.01, "intraTierBoundariesDays": [7, 30, 90, 180],
 *             "shortOptionMinimumRate": 0,          // CME form: x PSR x price x coins
 *             "interCommodityCredits": [{"first": "BTC", "second": "ETH", "creditRate": 0.5}],
 *             "minimumEquityUsd": 100000}
 * crypto-pm: {"minimumEquityUsd": 100000, "mmFactor": 0.8, "deltaShockRate": 0,
 *             "correlationContingencyRate": 0,
 *             "currencies": {"BTC": {"dampenerUsd": 100000, "minAnnualisedMove": 0.01, "pnlOffset": 0.6,
 *                                    "maxOffsetablePnlUsd": 20000000, "haircut": 0}, ...},
 *             "usdLike": {...}, "otherCoins": {...}}
 * tims:      {"minimumEquityUsd": 100000, "perContractMinimumUsdPerCoin": 0.375}
 * }</pre>
 */
public final class MarginModelFiles {
  private MarginModelFiles() {}

  /**
   * A built-in model ({@code span-16}, {@code crypto-pm}, {@code tims}), a built-in profile ({@code
   * crypto-pm-2026-09}) or a model file, with its margin part.
   *
   * @throws ValidationException listing every problem of the file with its JSON path
   */
  public static MarginModel load(String idOrPath) {
    return model(ModelFiles.load(idOrPath));
  }

  /**
   * The model of a parsed model file: its scenario set, and its margin part read as the scenario
   * set's kind requires (span-16: SPAN's charges; crypto-pm: Deribit's risk-matrix terms; tims:
   * FINRA's floor).
   *
   * @throws ValidationException listing every problem of the margin part with its JSON path
   */
  public static MarginModel model(ModelFile file) {
    if (file.scenarioSet() instanceof CryptoPmDefinition) {
      JsonNode margin = marginNode(file);
      Problems problems = new Problems();
      Json.onlyKnownKeys(margin, "margin", CRYPTO_PM_KEYS, problems);
      double minimumEquity = Json.nonNegative(margin, "minimumEquityUsd", "margin", problems, true);
      double mmFactor = Json.number(margin, "mmFactor", "margin", problems, true);
      double deltaShock = Json.number(margin, "deltaShockRate", "margin", problems, true);
      double correlation =
          Json.number(margin, "correlationContingencyRate", "margin", problems, true);
      Map<String, CurrencyRisk> byCurrency = new LinkedHashMap<>();
      JsonNode currencies = Json.object(margin, "currencies", "margin", problems, true);
      if (currencies != null) {
        currencies
            .properties()
            .forEach(
                e -> {
                  CurrencyRisk risk =
                      currencyRisk(e.getValue(), "margin.currencies." + e.getKey(), problems);
                  if (risk != null) {
                    byCurrency.put(e.getKey(), risk);
                  }
                });
      }
      CurrencyRisk usdLike =
          currencyRisk(
              Json.object(margin, "usdLike", "margin", problems, true), "margin.usdLike", problems);
      CurrencyRisk otherCoins =
          currencyRisk(
              Json.object(margin, "otherCoins", "margin", problems, true),
              "margin.otherCoins",
              problems);
      CryptoPmCharges charges =
          usdLike == null || otherCoins == null
              ? null
              : Json.construct(
                  () ->
                      new CryptoPmCharges(
                          mmFactor, byCurrency, usdLike, otherCoins, deltaShock, correlation),
                  "margin",
                  problems);
      throwIfAny(problems, file.source());
      return new MarginModel(
          file.scenarioSet(),
          onlyQualification(minimumEquity),
          file.description(),
          file.profile(),
          charges);
    }
    if (file.scenarioSet() instanceof TimsDefinition) {
      JsonNode margin = marginNode(file);
      Problems problems = new Problems();
      Json.onlyKnownKeys(margin, "margin", TIMS_KEYS, problems);
      double minimumEquity = Json.nonNegative(margin, "minimumEquityUsd", "margin", problems, true);
      double perContract =
          Json.nonNegative(margin, "perContractMinimumUsdPerCoin", "margin", problems, true);
      throwIfAny(problems, file.source());
      return new MarginModel(
          file.scenarioSet(),
          onlyQualification(minimumEquity),
          file.description(),
          file.profile(),
          new TimsCharges(perContract));
    }
    Map<String, Object> spanPart = new LinkedHashMap<>(file.margin());
    Object hedger = spanPart.remove("hedgerInitialToMaintenance");
    MarginParameters parameters = parameters(spanPart, file.source(), file.id());
    SpanCharges charges = SpanCharges.DEFAULT;
    if (hedger != null) {
      Problems problems = new Problems();
      double factor =
          Json.asNumber(
              Json.MAPPER.valueToTree(hedger), "margin.hedgerInitialToMaintenance", problems);
      throwIfAny(problems, file.source());
      charges = Json.construct(() -> new SpanCharges(factor), "margin", problems);
      throwIfAny(problems, file.source());
    }
    return new MarginModel(
        file.scenarioSet(), parameters, file.description(), file.profile(), charges);
  }

  private static final List<String> CRYPTO_PM_KEYS =
      List.of(
          "minimumEquityUsd",
          "mmFactor",
          "deltaShockRate",
          "correlationContingencyRate",
          "currencies",
          "usdLike",
          "otherCoins");
  private static final List<String> CURRENCY_KEYS =
      List.of("dampenerUsd", "minAnnualisedMove", "pnlOffset", "maxOffsetablePnlUsd", "haircut");
  private static final List<String> TIMS_KEYS =
      List.of("minimumEquityUsd", "perContractMinimumUsdPerCoin");

  private static JsonNode marginNode(ModelFile file) {
    if (file.margin().isEmpty()) {
      throw ValidationException.of(
          file.source() + ": margin", "is required to margin with model " + file.id());
    }
    return Json.MAPPER.valueToTree(file.margin());
  }

  private static CurrencyRisk currencyRisk(JsonNode node, String path, Problems problems) {
    if (node == null) {
      return null;
    }
    Json.onlyKnownKeys(node, path, CURRENCY_KEYS, problems);
    double dampener = Json.number(node, "dampenerUsd", path, problems, true);
    double roll = Json.number(node, "minAnnualisedMove", path, problems, true);
    double offset = Json.number(node, "pnlOffset", path, problems, true);
    double maxOffset = Json.number(node, "maxOffsetablePnlUsd", path, problems, true);
    double haircut = Json.number(node, "haircut", path, problems, true);
    return Json.construct(
        () -> new CurrencyRisk(dampener, roll, offset, maxOffset, haircut), path, problems);
  }

  /** The shared parameters of a model whose own charges set IM: only the qualification applies. */
  private static MarginParameters onlyQualification(double minimumEquityUsd) {
    return new MarginParameters(
        1.0,
        0.0,
        List.of(),
        0.0,
        List.of(),
        Double.isNaN(minimumEquityUsd) ? 0.0 : minimumEquityUsd);
  }

  private static void throwIfAny(Problems problems, String source) {
    if (problems.count() == 0) {
      return;
    }
    Problems named = new Problems();
    try {
      problems.throwIfAny();
    } catch (ValidationException e) {
      named.addAll(source, e);
    }
    named.throwIfAny();
  }

  /** The margin parameters of a parsed span-16 model file (SPAN's charges). */
  public static MarginParameters parameters(ModelFile file) {
    Map<String, Object> spanPart = new LinkedHashMap<>(file.margin());
    spanPart.remove("hedgerInitialToMaintenance");
    return parameters(spanPart, file.source(), file.id());
  }

  /**
   * The margin parameters from a model file's {@code margin} part, for model files without a
   * scenario set ({@code historical-var}).
   *
   * @param marginPart the part as plain values
   * @param source names the file in error messages
   * @param modelId names the model in error messages
   */
  static MarginParameters parameters(
      java.util.Map<String, Object> marginPart, String source, String modelId) {
    if (marginPart.isEmpty()) {
      throw ValidationException.of(
          source + ": margin", "is required to margin with model " + modelId);
    }
    JsonNode margin = Json.MAPPER.valueToTree(marginPart);
    String path = "margin";
    Problems problems = new Problems();
    double factor = Json.number(margin, "initialToMaintenance", path, problems, true);
    double intraRate = Json.nonNegative(margin, "intraSpreadRate", path, problems, true);
    double somRate = Json.nonNegative(margin, "shortOptionMinimumRate", path, problems, true);
    double minimumEquity = Json.nonNegative(margin, "minimumEquityUsd", path, problems, true);
    List<Double> tiers = new ArrayList<>();
    JsonNode tierNode = margin.get("intraTierBoundariesDays");
    if (tierNode == null || !tierNode.isArray()) {
      problems.add(
          path + ".intraTierBoundariesDays",
          "is required: an array of days, e.g. [7, 30, 90, 180]");
    } else {
      for (int i = 0; i < tierNode.size(); i++) {
        tiers.add(
            Json.asNumber(tierNode.get(i), path + ".intraTierBoundariesDays[" + i + "]", problems));
      }
    }
    List<InterCommodityPair> pairs = new ArrayList<>();
    JsonNode pairNode = margin.get("interCommodityCredits");
    if (pairNode != null && !pairNode.isArray()) {
      problems.add(
          path + ".interCommodityCredits", "must be an array of {first, second, creditRate}");
    } else if (pairNode != null) {
      for (int i = 0; i < pairNode.size(); i++) {
        String at = path + ".interCommodityCredits[" + i + "]";
        JsonNode pair = pairNode.get(i);
        String first = Json.text(pair, "first", at, problems, true);
        String second = Json.text(pair, "second", at, problems, true);
        double rate = Json.number(pair, "creditRate", at, problems, true);
        if (first != null && second != null && !Double.isNaN(rate)) {
          try {
            pairs.add(new InterCommodityPair(first, second, rate));
          } catch (ValidationException e) {
            problems.addAll(at, e);
          }
        }
      }
    }
    problems.throwIfAny();
    try {
      return new MarginParameters(factor, intraRate, tiers, somRate, pairs, minimumEquity);
    } catch (ValidationException e) {
      Problems nested = new Problems();
      nested.addAll(source + ": margin", e);
      nested.throwIfAny();
      throw e;
    }
  }
}
