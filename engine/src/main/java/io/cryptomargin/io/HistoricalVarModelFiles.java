package io.cryptomargin.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptomargin.book.MarginParameters;
import io.cryptomargin.historical.HistoricalVarModel;
import io.cryptomargin.historical.HistoricalVarParameters;
import io.cryptomargin.historical.HorizonScaling;
import io.cryptomargin.historical.PriceHistory;
import io.cryptomargin.historical.ReturnWeighting;
import io.cryptomargin.historical.StressPeriod;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code historical-var} model file ({@code models/historical-var.json} or a user's file):
 *
 * <pre>{@code
 * {"id": "historical-var", "version": "1.0.0", "description": "...",
 *  "historical": {
 *    "confidence": 0.99,            // ES confidence
 *    "horizonDays": 1,              // margin period of risk, days
 *    "horizonScaling": "sqrt",      // "sqrt" (r x sqrt(h)) or "overlapping" (h-day returns)
 *    "lookbackDays": 1000,          // most recent dated returns used
 *    "filtered": true,              // FHS: returns x sigma_now / sigma_then (EWMA); false = plain
 *    "ewmaLambda": 0.94,
 *    "minimumDailyVol": 0.005,      // floor on EWMA vols, daily fraction
 *    "volMultiplierBounds": [0.5, 3],
 *    "stressPeriods": [{"from": "2020-03-09", "to": "2020-03-16"}],
 *    "worstScenariosReported": 10,
 *    "history": "classpath:history/btc_usd_daily.csv",  // or a file path, relative to the model file
 *    "historyCoin": "BTC"           // the coin of a one-coin candle file
 *  },
 *  "margin": { ... the same keys as span-16's margin part ... }}
 * }</pre>
 *
 * Optional fields take the values shown.
 */
public final class HistoricalVarModelFiles {
  /** The built-in model id. */
  public static final String BUILT_IN = HistoricalVarModel.ID;

  private HistoricalVarModelFiles() {}

  /**
   * The built-in model, or a model file, with the history it names.
   *
   * @param historyOverride a history file to use instead of the file's own (null: the file's)
   * @throws ValidationException listing every problem of the file and of the history
   */
  public static HistoricalVarModel load(String idOrPath, String historyOverride) {
    return load(idOrPath, historyOverride, null);
  }

  /**
   * The built-in model or a model file, with another history.
   *
   * @param historyOverride a history file (or {@code classpath:} resource) to use instead of the
   *     file's own
   * @param historyCoinOverride the coin of a one-coin candle history (null: the file's {@code
   *     historyCoin})
   */
  public static HistoricalVarModel load(
      String idOrPath, String historyOverride, String historyCoinOverride) {
    String text;
    String source;
    Path base = null;
    if (idOrPath == null || idOrPath.isBlank() || idOrPath.equals(BUILT_IN)) {
      text = Json.builtInModel(BUILT_IN);
      source = "built-in:" + BUILT_IN;
    } else {
      Path path = Path.of(idOrPath);
      if (!Files.isRegularFile(path)) {
        throw ValidationException.of("model", "no such historical-var model file: " + idOrPath);
      }
      text = Json.readFile(path);
      source = idOrPath;
      base = path.toAbsolutePath().getParent();
    }
    return parse(text, source, base, historyOverride, historyCoinOverride);
  }

  /**
   * Parses a model file's text and reads its history.
   *
   * @param baseDirectory where a relative history path is resolved (null: the working directory)
   */
  public static HistoricalVarModel parse(
      String text, String source, Path baseDirectory, String historyOverride) {
    return parse(text, source, baseDirectory, historyOverride, null);
  }

  private static HistoricalVarModel parse(
      String text,
      String source,
      Path baseDirectory,
      String historyOverride,
      String historyCoinOverride) {
    JsonNode root = Json.parse(text, source);
    Problems problems = new Problems();
    String id = Json.text(root, "id", "", problems, true);
    String version = Json.text(root, "version", "", problems, true);
    String description = Json.text(root, "description", "", problems, false);
    if (id != null && !id.equals(HistoricalVarModel.ID)) {
      problems.add("id", "must be " + HistoricalVarModel.ID + ", was " + id);
    }
    JsonNode h = Json.object(root, "historical", "", problems, true);
    JsonNode marginNode = Json.object(root, "margin", "", problems, true);
    HistoricalVarParameters parameters = null;
    String history = null;
    String historyCoin = "BTC";
    if (h != null) {
      String p = "historical";
      HistoricalVarParameters d = HistoricalVarParameters.defaults();
      double confidence = or(Json.number(h, "confidence", p, problems, false), d.confidence());
      int horizon = (int) or(integer(h, "horizonDays", p, problems), d.horizonDays());
      String scalingText = Json.text(h, "horizonScaling", p, problems, false);
      HorizonScaling scaling = d.horizonScaling();
      if ("overlapping".equals(scalingText)) {
        scaling = HorizonScaling.OVERLAPPING;
      } else if (scalingText != null && !scalingText.equals("sqrt")) {
        problems.add(
            p + ".horizonScaling",
            "must be \"sqrt\" or \"overlapping\", was \"" + scalingText + "\"");
      }
      int lookback = (int) or(integer(h, "lookbackDays", p, problems), d.lookbackDays());
      JsonNode filtered = h.get("filtered");
      ReturnWeighting weighting = d.weighting();
      if (filtered != null && !filtered.isBoolean()) {
        problems.add(p + ".filtered", "must be true or false");
      } else if (filtered != null) {
        weighting = filtered.booleanValue() ? ReturnWeighting.FILTERED : ReturnWeighting.PLAIN;
      }
      double lambda = or(Json.number(h, "ewmaLambda", p, problems, false), d.ewmaLambda());
      double minVol =
          or(Json.number(h, "minimumDailyVol", p, problems, false), d.minimumDailyVol());
      double volFloor = d.volMultiplierFloor();
      double volCap = d.volMultiplierCap();
      JsonNode bounds = h.get("volMultiplierBounds");
      if (bounds != null) {
        if (!bounds.isArray() || bounds.size() != 2) {
          problems.add(p + ".volMultiplierBounds", "must be [floor, cap], e.g. [0.5, 3]");
        } else {
          volFloor = Json.asNumber(bounds.get(0), p + ".volMultiplierBounds[0]", problems);
          volCap = Json.asNumber(bounds.get(1), p + ".volMultiplierBounds[1]", problems);
        }
      }
      List<StressPeriod> stress = new ArrayList<>(d.stressPeriods());
      JsonNode periods = h.get("stressPeriods");
      if (periods != null) {
        stress.clear();
        if (!periods.isArray()) {
          problems.add(p + ".stressPeriods", "must be an array of {from, to} dates");
        } else {
          for (int i = 0; i < periods.size(); i++) {
            String at = p + ".stressPeriods[" + i + "]";
            LocalDate from =
                date(Json.text(periods.get(i), "from", at, problems, true), at + ".from", problems);
            LocalDate to =
                date(Json.text(periods.get(i), "to", at, problems, true), at + ".to", problems);
            if (from != null && to != null) {
              Json.construct(() -> stress.add(new StressPeriod(from, to)), at, problems);
            }
          }
        }
      }
      int worst =
          (int) or(integer(h, "worstScenariosReported", p, problems), d.worstScenariosReported());
      history = Json.text(h, "history", p, problems, historyOverride == null);
      String coin = Json.text(h, "historyCoin", p, problems, false);
      historyCoin = coin == null ? historyCoin : coin;
      int before = problems.count();
      HorizonScaling scalingFinal = scaling;
      ReturnWeighting weightingFinal = weighting;
      double floorFinal = volFloor;
      double capFinal = volCap;
      if (problems.count() == before) {
        parameters =
            Json.construct(
                () ->
                    new HistoricalVarParameters(
                        confidence,
                        horizon,
                        scalingFinal,
                        lookback,
                        weightingFinal,
                        lambda,
                        minVol,
                        floorFinal,
                        capFinal,
                        stress,
                        worst),
                p,
                problems);
      }
    }
    MarginParameters margin = null;
    if (marginNode != null) {
      Map<String, Object> plain = Json.toPlainMap(marginNode);
      margin =
          Json.construct(
              () -> MarginModelFiles.parameters(plain, source, HistoricalVarModel.ID),
              "",
              problems);
    }
    problems.throwIfAny();
    String historySource = historyOverride != null ? historyOverride : history;
    if (!historySource.startsWith(PriceHistoryCsv.CLASSPATH)
        && baseDirectory != null
        && historyOverride == null) {
      historySource = baseDirectory.resolve(historySource).toString();
    }
    PriceHistory prices =
        PriceHistoryCsv.read(
            historySource, historyCoinOverride != null ? historyCoinOverride : historyCoin);
    return new HistoricalVarModel(version, description, parameters, margin, prices);
  }

  private static double or(double value, double fallback) {
    return Double.isNaN(value) ? fallback : value;
  }

  private static double integer(JsonNode node, String field, String path, Problems problems) {
    Long value = Json.integer(node, field, path, problems, false);
    return value == null ? Double.NaN : value;
  }

  private static LocalDate date(String text, String path, Problems problems) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      problems.add(path, "must be a date such as 2020-03-12, was '" + text + "'");
      return null;
    }
  }
}
