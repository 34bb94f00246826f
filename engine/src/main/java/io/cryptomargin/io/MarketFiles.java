package io.cryptomargin.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.validation.ValidationException;
import java.nio.file.Path;

/**
 * Reads a market file of any supported format, told apart by content: text that is not a JSON
 * object is a Deribit chain CSV ({@link DeribitChainCsv}); a JSON object with {@code result} is a
 * Deribit book summary ({@link DeribitBookSummaryJson}); any other JSON object is our snapshot
 * format ({@link SnapshotJson}).
 */
public final class MarketFiles {
  /** The formats {@link #read} recognises. */
  public enum Format { DERIBIT_CHAIN_CSV, DERIBIT_BOOK_SUMMARY_JSON, SNAPSHOT_JSON }

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
    switch (detect(text)) {
      case DERIBIT_CHAIN_CSV:
        return DeribitChainCsv.parse(text, id, name);
      case DERIBIT_BOOK_SUMMARY_JSON:
        return DeribitBookSummaryJson.fromTree(Json.parse(text, name), id, name);
      default:
        return SnapshotJson.fromTree(Json.parse(text, name), name);
    }
  }

  /** The format of a market file's text. */
  public static Format detect(String text) {
    String trimmed = text.strip();
    if (trimmed.startsWith("\uFEFF")) {
      trimmed = trimmed.substring(1);
    }
    if (!trimmed.startsWith("{")) {
      return Format.DERIBIT_CHAIN_CSV;
    }
    try {
      JsonNode root = Json.MAPPER.readTree(trimmed);
      return root != null && root.has("result") ? Format.DERIBIT_BOOK_SUMMARY_JSON : Format.SNAPSHOT_JSON;
    } catch (java.io.IOException malformed) {
      // Let the snapshot reader report the malformed JSON with its position.
      return Format.SNAPSHOT_JSON;
    }
  }
}
