package io.cryptomargin.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptomargin.margin.InterCommodityPair;
import io.cryptomargin.margin.MarginModel;
import io.cryptomargin.margin.MarginParameters;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.util.ArrayList;
import java.util.List;

/**
 * Portfolio-margin models from model parameter files: the file's {@code scenarioSet} (read by
 * {@link ModelFiles}) plus its {@code margin} part:
 *
 * <pre>{@code
 * "margin": {
 *   "initialToMaintenance": 1.1,              // initial = maintenance x this
 *   "intraSpreadRate": 0.01,                  // calendar charge per matched coin of delta, x price
 *   "intraTierBoundariesDays": [7, 30, 90, 180], // expiry tiers (upper bounds, days)
 *   "shortOptionMinimumRate": 0.01,           // per short option, x price
 *   "interCommodityCredits": [{"first": "BTC", "second": "ETH", "creditRate": 0.5}],
 *   "minimumEquityUsd": 100000                // equity needed to qualify for portfolio margin
 * }
 * }</pre>
 */
public final class MarginModelFiles {
  private MarginModelFiles() {}

  /**
   * A built-in model ({@code span-16}, {@code crypto-pm}) or a model file, with its margin part.
   *
   * @throws ValidationException listing every problem of the file with its JSON path
   */
  public static MarginModel load(String idOrPath) {
    ModelFile file = ModelFiles.load(idOrPath);
    return new MarginModel(file.scenarioSet(), parameters(file), file.description());
  }

  /** The margin parameters of a parsed model file. */
  public static MarginParameters parameters(ModelFile file) {
    return parameters(file.margin(), file.source(), file.id());
  }

  /**
   * The margin parameters from a model file's {@code margin} part, for model files without a
   * scenario set ({@code historical-var}).
   *
   * @param marginPart the part as plain values
   * @param source names the file in error messages
   * @param modelId names the model in error messages
   */
  static MarginParameters parameters(java.util.Map<String, Object> marginPart, String source, String modelId) {
    if (marginPart.isEmpty()) {
      throw ValidationException.of(source + ": margin", "is required to margin with model " + modelId);
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
      problems.add(path + ".intraTierBoundariesDays", "is required: an array of days, e.g. [7, 30, 90, 180]");
    } else {
      for (int i = 0; i < tierNode.size(); i++) {
        tiers.add(Json.asNumber(tierNode.get(i), path + ".intraTierBoundariesDays[" + i + "]", problems));
      }
    }
    List<InterCommodityPair> pairs = new ArrayList<>();
    JsonNode pairNode = margin.get("interCommodityCredits");
    if (pairNode != null && !pairNode.isArray()) {
      problems.add(path + ".interCommodityCredits", "must be an array of {first, second, creditRate}");
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
