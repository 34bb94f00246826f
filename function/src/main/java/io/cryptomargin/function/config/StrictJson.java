package io.cryptomargin.function.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.cryptomargin.validation.ValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What callers send (API bodies, queue messages), read as strictly as the command line reads its
 * files: the text by the engine's {@link io.cryptomargin.io.StrictJson} (one value, no duplicate
 * key, bounded nesting and sizes), and a typed body by a mapper that refuses unknown properties, a
 * scalar of the wrong type (no {@code "1"} for 1, no 1 for {@code "a"}) and a null for a primitive.
 */
public final class StrictJson {
  private static final ObjectMapper MAPPER = mapper();

  private StrictJson() {}

  private static ObjectMapper mapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return mapper;
  }

  /**
   * Parses a document as a tree.
   *
   * @param source how problems name it (e.g. {@code body})
   * @throws ValidationException naming what is not strict JSON, with line and column
   */
  public static JsonNode tree(String text, String source) {
    return io.cryptomargin.io.StrictJson.parse(text, source);
  }

  /** Reads a document into a type; any problem is an {@link IllegalArgumentException}. */
  public static <T> T read(String text, Class<T> type) {
    if (text == null) {
      throw new IllegalArgumentException("no document");
    }
    try {
      return MAPPER.treeToValue(tree(text, "message"), type);
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
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
