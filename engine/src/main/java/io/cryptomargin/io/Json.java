package io.cryptomargin.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cryptomargin.validation.InputRange;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Shared JSON plumbing: one configured mapper, file reading and field checks that record problems.
 */
final class Json {
  /**
   * Doubles are written by Jackson with {@link Double#toString}, the shortest text that reads back
   * exactly.
   */
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  /**
   * The text of a file (bounded, UTF-8), or a validation error naming it; see {@link
   * StrictJson#readFile}.
   */
  static String readFile(Path path) {
    return StrictJson.readFile(path);
  }

  /** Writes text to a file, or a validation error naming it. */
  static void writeFile(Path path, String text) {
    OutputFiles.write(path, text, "file");
  }

  /** Parses one strict JSON value; see {@link StrictJson#parse}. */
  static JsonNode parse(String text, String source) {
    return StrictJson.parse(text, source);
  }

  /** A JSON object as a pretty-printed string. */
  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** A JSON tree as plain Java values (maps, lists, strings, numbers, booleans, null). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> toPlainMap(JsonNode node) {
    return MAPPER.convertValue(node, Map.class);
  }

  /** Joins a JSON path and a field name. */
  static String path(String parent, String field) {
    return parent.isEmpty() ? field : parent + "." + field;
  }

  /**
   * An object member that must be present and an object; records a problem and returns null
   * otherwise.
   */
  static JsonNode object(
      JsonNode parent, String field, String path, Problems problems, boolean required) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        problems.add(path(path, field), "is required");
      }
      return null;
    }
    if (!node.isObject()) {
      problems.add(path(path, field), "must be a JSON object, was " + describe(node));
      return null;
    }
    return node;
  }

  /**
   * A number member within {@link InputRange#ANY_FIGURE}; NaN (with a problem when required) if
   * absent, and a problem if not a number or beyond the range.
   */
  static double number(
      JsonNode parent, String field, String path, Problems problems, boolean required) {
    return number(parent, field, path, InputRange.ANY_FIGURE, problems, required);
  }

  /** A number member that must be &gt; 0 when present; NaN if absent or bad. */
  static double positive(
      JsonNode parent, String field, String path, Problems problems, boolean required) {
    double value = number(parent, field, path, problems, required);
    if (!Double.isNaN(value)) {
      problems.requirePositive(path(path, field), value);
    }
    return value;
  }

  /** A number member that must be &gt;= 0 when present; NaN if absent or bad. */
  static double nonNegative(
      JsonNode parent, String field, String path, Problems problems, boolean required) {
    double value = number(parent, field, path, problems, required);
    if (!Double.isNaN(value)) {
      problems.requireNonNegative(path(path, field), value);
    }
    return value;
  }

  /**
   * A node's number; NaN and a problem when it is not a number (numeric strings such as "NaN" are
   * refused) or lies beyond {@link InputRange#ANY_FIGURE} (a JSON number such as {@code 1e309}
   * reads as an infinite double, which must never reach a computation).
   */
  static double asNumber(JsonNode node, String path, Problems problems) {
    return asNumber(node, path, InputRange.ANY_FIGURE, problems);
  }

  /**
   * A node's number within a range; NaN and a problem when it is not a number or out of the range.
   */
  static double asNumber(JsonNode node, String path, InputRange range, Problems problems) {
    if (!node.isNumber()) {
      problems.add(path, "must be a number, was " + describe(node));
      return Double.NaN;
    }
    double value = node.doubleValue();
    return range.check(path, value, problems) ? value : Double.NaN;
  }

  /**
   * A number member within a range; NaN (with a problem when required) if absent, and a problem if
   * bad.
   */
  static double number(
      JsonNode parent,
      String field,
      String path,
      InputRange range,
      Problems problems,
      boolean required) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        problems.add(path(path, field), "is required");
      }
      return Double.NaN;
    }
    return asNumber(node, path(path, field), range, problems);
  }

  /** A string member; null (with a problem when required) if absent. */
  static String text(
      JsonNode parent, String field, String path, Problems problems, boolean required) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        problems.add(path(path, field), "is required");
      }
      return null;
    }
    if (!node.isTextual()) {
      problems.add(path(path, field), "must be a string, was " + describe(node));
      return null;
    }
    return node.textValue();
  }

  /** A whole-number member (e.g. epoch milliseconds); null if absent or not an integer. */
  static Long integer(
      JsonNode parent, String field, String path, Problems problems, boolean required) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        problems.add(path(path, field), "is required");
      }
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      problems.add(path(path, field), "must be a whole number, was " + describe(node));
      return null;
    }
    return node.longValue();
  }

  /**
   * A time in milliseconds since the epoch; null and a problem when outside the times {@link
   * InputRange} allows.
   */
  static Instant epochMillis(long millis, String path, Problems problems) {
    Instant time = Instant.ofEpochMilli(millis);
    return InputRange.checkTime(path, time, problems) ? time : null;
  }

  /** Parses an instant ({@code 2024-03-01T08:00:00Z}); null and a problem if malformed. */
  static Instant instant(String text, String path, Problems problems) {
    try {
      Instant time = Instant.parse(text);
      return InputRange.checkTime(path, time, problems) ? time : null;
    } catch (DateTimeParseException e) {
      problems.add(
          path, "must be an ISO-8601 UTC time such as 2024-03-01T08:00:00Z, was '" + text + "'");
      return null;
    }
  }

  /**
   * Parses an expiry: a date ({@code 2024-03-29}, meaning Deribit's 08:00 UTC expiry) or a full
   * instant; null and a problem if malformed.
   */
  static Instant expiry(String text, String path, Problems problems) {
    if (text.contains("T")) {
      return instant(text, path, problems);
    }
    try {
      Instant expiry = io.cryptomargin.instrument.DeribitNames.expiryOn(LocalDate.parse(text));
      return InputRange.checkTime(path, expiry, problems) ? expiry : null;
    } catch (DateTimeParseException e) {
      problems.add(
          path,
          "must be a date such as 2024-03-29 (expiry at 08:00 UTC) or a UTC time, was '"
              + text
              + "'");
      return null;
    }
  }

  /**
   * The text form of an expiry: its date when it is at Deribit's 08:00 UTC, else the full instant.
   */
  static String expiryText(Instant expiry) {
    LocalDate date = expiry.atZone(java.time.ZoneOffset.UTC).toLocalDate();
    Instant atEight = io.cryptomargin.instrument.DeribitNames.expiryOn(date);
    return atEight.equals(expiry) ? date.toString() : expiry.toString();
  }

  /** Unknown keys with their path and a hint; see {@link StrictJson#onlyKnownKeys}. */
  static void onlyKnownKeys(
      JsonNode node, String path, java.util.List<String> known, Problems problems) {
    StrictJson.onlyKnownKeys(node, path, known, problems);
  }

  static String describe(JsonNode node) {
    if (node.isTextual()) {
      return "the string \"" + node.textValue() + "\"";
    }
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    return node.toString();
  }

  /**
   * Runs a core constructor, turning its checks into problems at the given path (so a file's every
   * problem is reported at once); null when it refused.
   */
  static <T> T construct(
      java.util.function.Supplier<T> constructor, String path, Problems problems) {
    return construct(constructor, path, problems, java.util.Set.of());
  }

  /**
   * As {@link #construct(java.util.function.Supplier, String, Problems)}, also dropping the
   * constructor's problems with the given fields (fields the reader had no value for, already
   * reported elsewhere).
   */
  static <T> T construct(
      java.util.function.Supplier<T> constructor,
      String path,
      Problems problems,
      java.util.Set<String> ignoredFields) {
    try {
      return constructor.get();
    } catch (ValidationException e) {
      // A field already reported while reading (missing, not a number) is not reported again by
      // the constructor, which sees it as NaN: the reader's message is the useful one.
      for (io.cryptomargin.validation.Problem p : e.problems()) {
        if (ignoredFields.contains(p.field())) {
          continue;
        }
        String field =
            path.isEmpty() ? p.field() : p.field().isEmpty() ? path : path + "." + p.field();
        if (!problems.hasProblemAt(field)) {
          problems.add(field, p.message());
        }
      }
    } catch (IllegalArgumentException e) {
      problems.add(path, e.getMessage());
    }
    return null;
  }

  /** The text of a model file shipped in the jar under {@code /models/ID.json}. */
  static String builtInModel(String id) {
    try (java.io.InputStream in = Json.class.getResourceAsStream("/models/" + id + ".json")) {
      if (in == null) {
        throw new IllegalStateException("built-in model " + id + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read built-in model " + id, e);
    }
  }
}
