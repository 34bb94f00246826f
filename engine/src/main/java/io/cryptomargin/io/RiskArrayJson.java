package io.cryptomargin.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptomargin.instrument.InstrumentKind;
import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.riskarray.RiskArray;
import io.cryptomargin.riskarray.RiskArraySet;
import io.cryptomargin.scenario.ScenarioSetDefinition;
import io.cryptomargin.validation.InputRange;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Risk arrays as JSON:
 *
 * <pre>{@code
 * {"scenarioSet": "span-16", "parameterVersion": "1.0.0", "snapshot": "...", "asOf": "2020-05-14T05:44:06Z",
 *  "scenarios": ["price unchanged, vol up", ...],
 *  "riskArrays": [{"instrument": "BTC-26JUN20-9000-C", "underlying": "BTC", "settlementCurrency": "BTC",
 *                  "expiry": "2020-06-26T08:00:00Z", "kind": "OPTION", "putCall": "CALL",
 *                  "losses": [...], "compositeDelta": 0.52, "price": 0.01, "underlyingPrice": 9350}]}
 * }</pre>
 *
 * Losses and prices are per contract in the settlement currency (loss positive, weights applied),
 * composite delta in coins per contract. Reading also accepts a clearing house's minimal arrays,
 * {@code {"scenarioSet": "...", "riskArrays": [{"instrument", "underlying", "losses",
 * "compositeDelta"}]}} with optional {@code price} (or {@code optionValue}), {@code contractSize}
 * (coins per contract, default 1), {@code kind}, {@code putCall}, {@code expiry}, {@code
 * settlementCurrency} (default USD) and {@code underlyingPrice}. Doubles are written with full
 * precision, so writing then reading gives back equal arrays.
 */
public final class RiskArrayJson {
  /** The settlement currency of a supplied array that does not say. */
  public static final String DEFAULT_SETTLEMENT_CURRENCY = "USD";

  private static final List<String> ROOT_KEYS =
      List.of("scenarioSet", "parameterVersion", "snapshot", "asOf", "scenarios", "riskArrays");
  private static final List<String> ARRAY_KEYS =
      List.of(
          "instrument",
          "underlying",
          "settlementCurrency",
          "expiry",
          "kind",
          "putCall",
          "losses",
          "compositeDelta",
          "price",
          "optionValue",
          "underlyingPrice",
          "contractSize");

  private RiskArrayJson() {}

  /** The arrays as JSON text, without an as-of time. */
  public static String write(RiskArraySet set) {
    return write(set, (Instant) null);
  }

  /**
   * The arrays as JSON text.
   *
   * @param asOf the time of the snapshot the arrays were computed in (expiry tiers are measured
   *     from it when the file is margined), or null to leave it out
   */
  public static String write(RiskArraySet set, Instant asOf) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("scenarioSet", set.scenarioSetId());
    root.put("parameterVersion", set.parameterVersion());
    root.put("snapshot", set.snapshotId());
    if (asOf != null) {
      root.put("asOf", asOf.toString());
    }
    ArrayNode labels = root.putArray("scenarios");
    set.scenarioLabels().forEach(labels::add);
    ArrayNode arrays = root.putArray("riskArrays");
    for (RiskArray a : set.arrays().values()) {
      ObjectNode o = arrays.addObject();
      o.put("instrument", a.instrument());
      o.put("underlying", a.underlying());
      o.put("settlementCurrency", a.settlementCurrency());
      if (a.expiry() != null) {
        o.put("expiry", a.expiry().toString());
      }
      if (a.kind() != null) {
        o.put("kind", a.kind().name());
      }
      if (a.putCall() != null) {
        o.put("putCall", a.putCall().name());
      }
      ArrayNode losses = o.putArray("losses");
      for (double loss : a.losses()) {
        losses.add(loss);
      }
      o.put("compositeDelta", a.compositeDelta());
      if (!Double.isNaN(a.value())) {
        o.put("price", a.value());
      }
      if (!Double.isNaN(a.underlyingPrice())) {
        o.put("underlyingPrice", a.underlyingPrice());
      }
      if (a.contractSize() != 1.0) {
        o.put("contractSize", a.contractSize());
      }
    }
    return Json.write(root);
  }

  /** Writes the arrays to a file. */
  public static void write(RiskArraySet set, Path file) {
    Json.writeFile(file, write(set));
  }

  /** Reads a risk-array file; the snapshot id defaults to the file name. */
  public static RiskArraySet read(Path file) {
    return parse(Json.readFile(file), file.getFileName().toString());
  }

  /**
   * A risk-array file's arrays and the time of their snapshot.
   *
   * @param arrays the arrays
   * @param asOf the file's {@code asOf} (the snapshot time expiry tiers are measured from), or null
   *     when it has none
   */
  public record Read(RiskArraySet arrays, Instant asOf) {}

  /** Reads a risk-array file with its as-of time; the snapshot id defaults to the file name. */
  public static Read readWithAsOf(Path file) {
    return parseWithAsOf(Json.readFile(file), file.getFileName().toString());
  }

  /**
   * Parses risk-array JSON with its {@code asOf} time.
   *
   * @throws ValidationException listing every problem with its JSON path, a malformed {@code asOf}
   *     among them
   */
  public static Read parseWithAsOf(String text, String source) {
    JsonNode root = Json.parse(text, source);
    Problems problems = new Problems();
    Instant asOf = null;
    if (root.isObject()) {
      String asOfText = Json.text(root, "asOf", "", problems, false);
      asOf = asOfText == null ? null : Json.instant(asOfText, "asOf", problems);
    }
    RiskArraySet arrays;
    try {
      arrays = parse(root, source);
    } catch (ValidationException e) {
      problems.addAll("", e);
      problems.throwIfAny();
      throw e;
    }
    problems.throwIfAny();
    return new Read(arrays, asOf);
  }

  /**
   * Parses risk-array JSON.
   *
   * @param source names the input in errors, and is the snapshot id when the file gives none
   * @throws ValidationException listing every problem with its JSON path ({@code
   *     riskArrays[3].losses[2]})
   */
  public static RiskArraySet parse(String text, String source) {
    return parse(Json.parse(text, source), source);
  }

  private static RiskArraySet parse(JsonNode root, String source) {
    if (!root.isObject()) {
      throw ValidationException.of(
          source, "must be a JSON object with \"scenarioSet\" and \"riskArrays\"");
    }
    Problems problems = new Problems();
    Json.onlyKnownKeys(root, "", ROOT_KEYS, problems);
    String setId = Json.text(root, "scenarioSet", "", problems, true);
    String version = Json.text(root, "parameterVersion", "", problems, false);
    String snapshot = Json.text(root, "snapshot", "", problems, false);
    List<String> labels = null;
    JsonNode labelsNode = root.get("scenarios");
    if (labelsNode != null && !labelsNode.isNull()) {
      labels = new ArrayList<>();
      if (!labelsNode.isArray()) {
        problems.add("scenarios", "must be an array of scenario labels");
      } else {
        for (int i = 0; i < labelsNode.size(); i++) {
          JsonNode label = labelsNode.get(i);
          if (!label.isTextual()) {
            problems.add("scenarios[" + i + "]", "must be a string, was " + Json.describe(label));
          } else {
            labels.add(label.textValue());
          }
        }
      }
    }
    List<RiskArray> arrays = new ArrayList<>();
    JsonNode arraysNode = root.get("riskArrays");
    if (arraysNode == null || arraysNode.isNull()) {
      problems.add("riskArrays", "is required");
    } else if (!arraysNode.isArray()) {
      problems.add("riskArrays", "must be an array");
    } else {
      List<Integer> indices = new ArrayList<>();
      for (int i = 0; i < arraysNode.size(); i++) {
        RiskArray a = riskArray(arraysNode.get(i), "riskArrays[" + i + "]", problems);
        if (a != null) {
          arrays.add(a);
          indices.add(i);
        }
      }
      checkLengths(setId, labels, arrays, indices, problems);
    }
    problems.throwIfAny();
    if (labels == null) {
      labels = defaultLabels(setId, arrays.isEmpty() ? 0 : arrays.get(0).size());
    }
    return RiskArraySet.of(
        setId,
        version == null ? "unspecified" : version,
        snapshot == null ? source : snapshot,
        labels,
        arrays);
  }

  /**
   * Every array must have one loss per scenario of its set: the built-in set's count when the file
   * names one (its labels too), else the file's labels', else the first array's. Every offending
   * instrument is listed.
   */
  private static void checkLengths(
      String setId,
      List<String> labels,
      List<RiskArray> arrays,
      List<Integer> indices,
      Problems problems) {
    int expected;
    String against;
    if (setId != null && ModelFiles.BUILT_IN.contains(setId)) {
      expected = ModelFiles.scenarioSet(setId).scenarioCount();
      against = setId + " has " + expected + " scenarios";
      if (labels != null && labels.size() != expected) {
        problems.add("scenarios", "has " + labels.size() + " labels, " + against);
      }
    } else if (labels != null) {
      expected = labels.size();
      against = "the file's scenarios list has " + expected;
    } else if (!arrays.isEmpty()) {
      expected = arrays.get(0).size();
      against = "riskArrays[" + indices.get(0) + "] has " + expected;
    } else {
      return;
    }
    for (int k = 0; k < arrays.size(); k++) {
      RiskArray a = arrays.get(k);
      if (a.size() != expected) {
        problems.add(
            "riskArrays[" + indices.get(k) + "].losses",
            a.instrument()
                + " has "
                + a.size()
                + " scenario losses, "
                + against
                + " (one loss per scenario)");
      }
    }
  }

  private static RiskArray riskArray(JsonNode node, String path, Problems problems) {
    if (!node.isObject()) {
      problems.add(path, "must be an object");
      return null;
    }
    int before = problems.count();
    Json.onlyKnownKeys(node, path, ARRAY_KEYS, problems);
    String instrument = Json.text(node, "instrument", path, problems, true);
    String underlying = Json.text(node, "underlying", path, problems, true);
    String currency = Json.text(node, "settlementCurrency", path, problems, false);
    String expiryText = Json.text(node, "expiry", path, problems, false);
    Instant expiry =
        expiryText == null ? null : Json.expiry(expiryText, path + ".expiry", problems);
    InstrumentKind kind = enumValue(node, "kind", InstrumentKind.class, path, problems);
    PutCall putCall = enumValue(node, "putCall", PutCall.class, path, problems);
    double delta =
        Json.number(node, "compositeDelta", path, InputRange.CONTRACT_DELTA, problems, true);
    double price = Json.number(node, "price", path, InputRange.CONTRACT_AMOUNT, problems, false);
    double optionValue =
        Json.number(node, "optionValue", path, InputRange.CONTRACT_AMOUNT, problems, false);
    if (!Double.isNaN(price) && !Double.isNaN(optionValue) && price != optionValue) {
      problems.add(
          path + ".optionValue",
          "differs from price (" + optionValue + " vs " + price + "); give one of them");
    }
    if (!Double.isNaN(optionValue) && instrument != null) {
      // Only an option's value enters the net option value, and only a known call or put counts
      // towards the
      // short option minimum: an optionValue on an array that is not a call or put would be dropped
      // silently.
      if (kind != null && kind != InstrumentKind.OPTION) {
        problems.add(
            path + ".kind",
            instrument
                + " has an optionValue but is a "
                + kind
                + ": give optionValue for options only (price for other kinds)");
      } else if (putCall == null && node.get("putCall") == null) {
        problems.add(
            path + ".putCall",
            instrument
                + " has an optionValue but no "
                + (kind == null ? "kind and no " : "")
                + "putCall: give \"kind\": \"OPTION\" and \"putCall\": "
                + "\"CALL\" or \"PUT\", or its value and short option minimum would count as zero");
      }
    }
    double value = Double.isNaN(price) ? optionValue : price;
    double underlyingPrice =
        Json.number(node, "underlyingPrice", path, InputRange.PRICE_USD, problems, false);
    double contractSize =
        Json.number(node, "contractSize", path, InputRange.CONTRACT_SIZE, problems, false);
    double[] losses = null;
    JsonNode lossesNode = node.get("losses");
    if (lossesNode == null || lossesNode.isNull()) {
      problems.add(path + ".losses", "is required");
    } else if (!lossesNode.isArray() || lossesNode.isEmpty()) {
      problems.add(path + ".losses", "must be a non-empty array of numbers");
    } else {
      losses = new double[lossesNode.size()];
      for (int j = 0; j < losses.length; j++) {
        losses[j] =
            Json.asNumber(
                lossesNode.get(j),
                path + ".losses[" + j + "]",
                InputRange.CONTRACT_AMOUNT,
                problems);
      }
    }
    if (problems.count() > before) {
      return null;
    }
    try {
      return new RiskArray(
          instrument,
          underlying,
          currency == null ? DEFAULT_SETTLEMENT_CURRENCY : currency,
          expiry,
          kind,
          putCall,
          losses,
          delta,
          value,
          underlyingPrice,
          Double.isNaN(contractSize) ? 1.0 : contractSize);
    } catch (ValidationException e) {
      problems.addAll(path, e);
      return null;
    }
  }

  private static <E extends Enum<E>> E enumValue(
      JsonNode node, String field, Class<E> type, String path, Problems problems) {
    String text = Json.text(node, field, path, problems, false);
    if (text == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(
          path + "." + field,
          "'" + text + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
      return null;
    }
  }

  /**
   * The labels of a built-in set (the lengths were checked against it), else numbered scenarios.
   */
  private static List<String> defaultLabels(String setId, int size) {
    if (ModelFiles.BUILT_IN.contains(setId)) {
      ScenarioSetDefinition definition = ModelFiles.scenarioSet(setId);
      if (definition.scenarioCount() == size) {
        return io.cryptomargin.riskarray.RiskArrayCalculator.labels(definition);
      }
    }
    List<String> labels = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      labels.add("scenario " + i);
    }
    return labels;
  }
}
