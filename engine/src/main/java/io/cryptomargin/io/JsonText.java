package io.cryptomargin.io;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Writes plain Java values (maps, lists, strings, numbers, booleans) as JSON, for command output.
 */
public final class JsonText {
  private JsonText() {}

  /** Pretty-printed JSON of a tree of plain values; doubles keep full precision. */
  public static String write(Object plainValues) {
    try {
      return Json.MAPPER.writeValueAsString(plainValues) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not plain JSON values: " + e.getOriginalMessage(), e);
    }
  }
}
