package io.cryptomargin.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.validation.ValidationException;
import java.nio.file.Path;

/**
 * Reads a market file of any supported format, told apart by content: text that is not JSON is a
 * Deribit chain CSV ({@link DeribitChainCsv}); a JSON object with {@code result} is a Deribit book
 * summary ({@link DeribitBookSummaryJson}); any other JSON object is our snapshot format ({@link
 * SnapshotJson}).
 */
public final class MarketFiles {
  /** The formats {@link #read} recognises. */
  public enum Format {
    DERIBIT_CHAIN_CSV,
    DERIBIT_BOOK_SUMMARY_JSON,
    SNAPSHOT_JSON
  }

  private MarketFiles() {}

  /**
   * Reads a market file, detecting its format.
   *
   * @throws ValidationException listing every problem of the file
   */
  public static MarketSnapshot read(Path file) {
    String text = Json.readFile(file);
    String name = file.getFileName().toString();
    String id = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
    if (!looksLikeJson(trimmed(text))) {
      return DeribitChainCsv.parse(text, id, name);
    }
    JsonNode root = Json.parse(text, name);
    if (isBookSummary(root)) {
      return DeribitBookSummaryJson.fromTree(root, id, name);
    }
    if (!root.isObject()) {
      throw ValidationException.of(
          name,
          "is JSON but "
              + describe(root)
              + ": a market file in JSON must be an"
              + " object, either a snapshot ({\"asOf\": ..., \"underlyings\": {...}}) or a Deribit book summary"
              + " ({\"result\": [...]})");
    }
    return SnapshotJson.fromTree(root, name);
  }

  /**
   * The format of a market file's text, from its first non-blank character: JSON starts with an
   * object, an array, a string or a literal (null, true, false, a number); anything else is CSV. (A
   * CSV chain starts with its header, a column name.)
   */
  public static Format detect(String text) {
    String trimmed = trimmed(text);
    if (!looksLikeJson(trimmed)) {
      return Format.DERIBIT_CHAIN_CSV;
    }
    try {
      return isBookSummary(StrictJson.parse(trimmed, "market"))
          ? Format.DERIBIT_BOOK_SUMMARY_JSON
          : Format.SNAPSHOT_JSON;
    } catch (ValidationException malformed) {
      // Let the snapshot reader report the malformed JSON with its position.
      return Format.SNAPSHOT_JSON;
    }
  }

  private static boolean isBookSummary(JsonNode root) {
    return root.isObject() && root.has("result");
  }

  private static String trimmed(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1).strip() : text.strip();
  }

  private static boolean looksLikeJson(String trimmed) {
    if (trimmed.isEmpty()) {
      return false;
    }
    char first = trimmed.charAt(0);
    if (first == '{' || first == '[' || first == '"') {
      return true;
    }
    // A bare literal or number is JSON only when it is the whole text: a CSV header never is one.
    return trimmed.equals("null")
        || trimmed.equals("true")
        || trimmed.equals("false")
        || trimmed.matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
  }

  private static String describe(JsonNode node) {
    if (node.isArray()) {
      return "an array";
    }
    if (node.isNull()) {
      return "null";
    }
    if (node.isTextual()) {
      return "a string";
    }
    return node.isNumber() ? "a number" : "the literal " + node;
  }
}
