package io.cryptomargin.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Results (margin reports, comparisons, any record) as JSON with camelCase field names taken from
 * the records. A number that is unknown inside the engine (NaN) is written as {@code null}, so no
 * JSON result ever holds NaN.
 */
public final class ReportJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .findAndRegisterModules()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .registerModule(
              new SimpleModule("unknown-as-null")
                  .addSerializer(Double.class, new UnknownAsNull())
                  .addSerializer(double.class, new UnknownAsNull()));

  private ReportJson() {}

  /** The value as pretty-printed JSON, ending with a newline. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** The value as JSON with one more top-level field (the value must write as a JSON object). */
  public static String writeWith(Object value, String field, Object extra) {
    com.fasterxml.jackson.databind.node.ObjectNode tree = MAPPER.valueToTree(value);
    tree.set(field, MAPPER.valueToTree(extra));
    return write(tree);
  }

  /**
   * The value as JSON with more top-level fields, in the map's order (the value must write as a
   * JSON object).
   */
  public static String writeWith(Object value, java.util.Map<String, ?> extra) {
    com.fasterxml.jackson.databind.node.ObjectNode tree = MAPPER.valueToTree(value);
    extra.forEach((field, v) -> tree.set(field, MAPPER.valueToTree(v)));
    return write(tree);
  }

  /** Writes the value as JSON to a file. */
  public static void write(Object value, Path file) {
    Json.writeFile(file, write(value));
  }

  /** Writes NaN and infinities as null: they mean "unknown" inside the engine. */
  private static final class UnknownAsNull extends JsonSerializer<Double> {
    @Override
    public void serialize(Double value, JsonGenerator out, SerializerProvider provider)
        throws IOException {
      if (value == null || !Double.isFinite(value)) {
        out.writeNull();
      } else {
        out.writeNumber(value);
      }
    }
  }
}
