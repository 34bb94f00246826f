package io.cryptomargin.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The one way input text is read, for every file format of the engine and for request bodies:
 * bounded in size, UTF-8 only, and for JSON strict. A strict JSON text is exactly one value
 * (nothing after it), with no key twice in one object (a duplicate would silently win or lose),
 * nesting at most {@value #MAX_NESTING_DEPTH} deep, strings at most {@value #MAX_STRING_CHARS}
 * characters and numbers at most {@value #MAX_NUMBER_CHARS} characters long. Every failure is a
 * {@link ValidationException} naming the input and, for JSON, the line and column.
 *
 * <p>Unknown keys are the readers' business (only they know which keys an object may have): {@link
 * #onlyKnownKeys} reports them with their path and the key a typo most likely meant.
 */
public final class StrictJson {
  /** The largest input read, bytes (32 MiB): a real market file is well under 1 MiB. */
  public static final int MAX_INPUT_BYTES = 32 * 1024 * 1024;

  /** The deepest nesting of arrays and objects accepted (snapshots nest four deep). */
  public static final int MAX_NESTING_DEPTH = 64;

  /** The longest JSON string accepted, characters. */
  public static final int MAX_STRING_CHARS = 1_000_000;

  /** The longest JSON number accepted, characters. */
  public static final int MAX_NUMBER_CHARS = 100;

  private static final ObjectMapper READER =
      new ObjectMapper(
              JsonFactory.builder()
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_NESTING_DEPTH)
                          .maxStringLength(MAX_STRING_CHARS)
                          .maxNumberLength(MAX_NUMBER_CHARS)
                          .maxDocumentLength(MAX_INPUT_BYTES)
                          .build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private StrictJson() {}

  /**
   * The text of a file: at most {@link #MAX_INPUT_BYTES} bytes (an endless device such as {@code
   * /dev/zero} stops there), UTF-8.
   *
   * @throws ValidationException naming the file when it is missing, unreadable, too large or not
   *     UTF-8
   */
  public static String readFile(Path path) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path)) {
      bytes = in.readNBytes(MAX_INPUT_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw ValidationException.of("file", "no such file: " + path);
    } catch (IOException e) {
      throw ValidationException.of("file", "cannot read " + path + ": " + e.getMessage());
    }
    if (bytes.length > MAX_INPUT_BYTES) {
      throw ValidationException.of(
          "file",
          path
              + " is larger than the limit of "
              + MAX_INPUT_BYTES
              + " bytes (32 MiB) for one input");
    }
    return decode(bytes, path.toString());
  }

  /**
   * Bytes as UTF-8 text (a leading byte-order mark is kept for the readers that skip it).
   *
   * @param source how the error names the input
   * @throws ValidationException with the offset of the first byte that is not UTF-8
   */
  public static String decode(byte[] bytes, String source) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw ValidationException.of(
          source,
          String.format(
              Locale.ROOT,
              "is not UTF-8 text: byte 0x%02X at offset %d does not belong there (save the file as UTF-8)",
              bytes[in.position()] & 0xFF,
              in.position()));
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  /**
   * Parses one strict JSON value (see the class comment).
   *
   * @param source how errors name the input (a file name, {@code body})
   * @return the value: never null or missing
   * @throws ValidationException for empty, malformed or over-limit text, duplicate keys or trailing
   *     content
   */
  public static JsonNode parse(String text, String source) {
    if (text.length() > MAX_INPUT_BYTES) {
      throw ValidationException.of(
          source, "is longer than the limit of " + MAX_INPUT_BYTES + " characters");
    }
    try {
      JsonNode node = READER.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw ValidationException.of(source, "is empty, expected a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw ValidationException.of(
          source, "malformed JSON" + where + ": " + parserMessage(e.getOriginalMessage()));
    }
  }

  /**
   * Records a problem for every key of an object that is not one of the known ones, with its path
   * and the likely intended key: a misspelt optional key ({@code flatvol}, {@code quantitty}) would
   * otherwise be ignored without a word.
   *
   * @param path the object's own path ({@code positions[2]}; empty for the root)
   */
  public static void onlyKnownKeys(
      JsonNode node, String path, List<String> known, Problems problems) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (known.contains(key)) {
        continue;
      }
      String closest = null;
      int best = Integer.MAX_VALUE;
      for (String k : known) {
        int d = distance(key.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
        if (d < best) {
          best = d;
          closest = k;
        }
      }
      String hint = closest != null && best <= 2 ? "did you mean \"" + closest + "\"? " : "";
      problems.add(
          Json.path(path, abbreviated(key)),
          "unknown key: " + hint + "known keys here are " + known);
    }
  }

  /** A key as a message shows it: a megabyte-long key is not echoed whole. */
  private static String abbreviated(String key) {
    return key.length() <= 80
        ? key
        : key.substring(0, 80) + "... (" + key.length() + " characters)";
  }

  /**
   * The parser's message without Jackson internals (source descriptions, feature names), which mean
   * nothing to a user: only what is wrong and where.
   */
  static String parserMessage(String message) {
    if (message == null) {
      return "not valid JSON";
    }
    return message
        .replaceAll("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]", "line $1, column $2")
        .replaceAll("\\s*\\[Source:[^\\]]*\\]", "")
        .replaceAll("start marker at line", "opened at line")
        .replaceAll(
            "Trailing token \\(of type [A-Z_]+\\) found after value.*",
            "more content after the end of the JSON value (an input holds exactly one value)")
        .replaceAll(
            "Duplicate field '([^']*)'",
            "duplicate key \"$1\" (a key may appear once in an object)")
        .replaceAll("\\(`StreamReadConstraints\\.[A-Za-z]+\\(\\)`\\)", "")
        .replaceAll(": enable `[A-Za-z_.]+` to allow", " (JSON does not allow it)")
        .replaceAll("\\s*\\(through reference chain:[^)]*\\)", "")
        .strip();
  }

  /** Levenshtein edit distance, for suggesting the key a typo meant. */
  private static int distance(String a, String b) {
    if (a.length() > 100) {
      return Integer.MAX_VALUE;
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
