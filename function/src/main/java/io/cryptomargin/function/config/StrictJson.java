package io.cryptomargin.function.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON reader for what callers send (API bodies, queue messages): as strict as the CLI's.
 * A duplicate key, content after the document, an unknown property of a record, a scalar of the
 * wrong type (no {@code "1"} for 1, no 1 for {@code "a"}) and a {@code null} for a primitive are
 * errors, and nesting is bounded, so a hostile body ends in a clear error, never a stack overflow.
 */
public final class StrictJson {
  /** Deepest nesting accepted: far above any request's shape (a book is four levels deep). */
  public static final int MAX_NESTING_DEPTH = 64;

  private static final ObjectMapper MAPPER = mapper();

  private StrictJson() {}

  private static ObjectMapper mapper() {
    JsonMapper mapper = JsonMapper.builder()
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .build();
    mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(MAX_NESTING_DEPTH).build());
    mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return mapper;
  }

  /**
   * Parses a document as a tree.
   *
   * @throws IOException naming the first thing that is not strict JSON (its first line is the message)
   */
  public static JsonNode tree(String text) throws IOException {
    return MAPPER.readTree(text);
  }

  /** Reads a document into a type; any problem is an {@link IllegalArgumentException}. */
  public static <T> T read(String text, Class<T> type) {
    if (text == null) {
      throw new IllegalArgumentException("no document");
    }
    try {
      return MAPPER.readValue(text, type);
    } catch (IOException e) {
      throw new IllegalArgumentException(firstLine(e), e);
    }
  }

  /** The first line of a parser message (the rest repeats the source and location). */
  public static String firstLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse("");
  }

  /** Writes a value (never fails on a tree or a record of ours). */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
