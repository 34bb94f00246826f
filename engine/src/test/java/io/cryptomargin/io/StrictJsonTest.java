package io.cryptomargin.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one strict reader: every way a text can be more than one well-formed JSON value is refused.
 */
class StrictJsonTest {
  @TempDir Path dir;

  @Test
  void parse_duplicateKey_refusedWithTheKeyAndItsLine() {
    assertThatThrownBy(() -> StrictJson.parse("{\"a\": 1,\n \"a\": 2}", "body"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("body: malformed JSON at line 2")
        .hasMessageContaining("duplicate key \"a\"");
  }

  @Test
  void parse_duplicateKeyInANestedObject_refused() {
    assertThatThrownBy(
            () -> StrictJson.parse("{\"p\": [{\"quantity\": 1, \"quantity\": -1}]}", "body"))
        .hasMessageContaining("duplicate key \"quantity\"");
  }

  @Test
  void parse_trailingContent_refused() {
    for (String text : List.of("{} {}", "{\"a\":1} x", "{}]", "{},")) {
      assertThatThrownBy(() -> StrictJson.parse(text, "body"))
          .as(text)
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("body: malformed JSON");
    }
    assertThatThrownBy(() -> StrictJson.parse("{} {}", "body"))
        .hasMessageContaining("more content after the end of the JSON value");
  }

  @Test
  void parse_trailingWhitespace_accepted() {
    assertThat(StrictJson.parse(" {\"a\": 1}\n\n ", "body").get("a").intValue()).isEqualTo(1);
  }

  @Test
  void parse_emptyText_refused() {
    assertThatThrownBy(() -> StrictJson.parse("  ", "body")).hasMessageContaining("body: is empty");
  }

  @Test
  void parse_nestingDeeperThanTheLimit_refused() {
    int depth = StrictJson.MAX_NESTING_DEPTH + 1;
    String text = "[".repeat(depth) + "]".repeat(depth);
    assertThatThrownBy(() -> StrictJson.parse(text, "body"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("nesting depth");
    String allowed =
        "[".repeat(StrictJson.MAX_NESTING_DEPTH) + "]".repeat(StrictJson.MAX_NESTING_DEPTH);
    assertThat(StrictJson.parse(allowed, "body").isArray()).isTrue();
  }

  @Test
  void parse_stringLongerThanTheLimit_refused() {
    String text = "{\"id\": \"" + "x".repeat(StrictJson.MAX_STRING_CHARS + 1) + "\"}";
    assertThatThrownBy(() -> StrictJson.parse(text, "body"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("String value length");
  }

  @Test
  void parse_numberBeyondTheDoubleRange_readsAsInfinityForTheReadersToRefuse() {
    // The reader keeps the syntax check; the field readers refuse the value with its path (see
    // PortfolioJson).
    JsonNode node = StrictJson.parse("{\"q\": 1e309}", "body");
    assertThat(node.get("q").doubleValue()).isInfinite();
  }

  @Test
  void decode_invalidUtf8_namesTheByteAndItsOffset() {
    byte[] bytes = "{\"id\": \"ab\"}".getBytes(StandardCharsets.UTF_8);
    bytes[9] = (byte) 0xFF;
    assertThatThrownBy(() -> StrictJson.decode(bytes, "book.json"))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "book.json: is not UTF-8 text: byte 0xFF at offset 9 does not belong there (save the file as UTF-8)");
  }

  @Test
  void decode_validUtf8WithMultibyteCharacters_keepsThem() {
    assertThat(StrictJson.decode("{\"note\": \"€ ünïcode\"}".getBytes(StandardCharsets.UTF_8), "x"))
        .isEqualTo("{\"note\": \"€ ünïcode\"}");
  }

  @Test
  void readFile_endlessDevice_stopsAtTheSizeLimit() {
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.isReadable(zero), "needs /dev/zero");
    assertThatThrownBy(() -> StrictJson.readFile(zero))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("is larger than the limit of 33554432 bytes (32 MiB)");
  }

  @Test
  void readFile_missingFile_namesIt() {
    assertThatThrownBy(() -> StrictJson.readFile(dir.resolve("nope.json")))
        .hasMessageContaining("no such file")
        .hasMessageContaining("nope.json");
  }

  @Test
  void onlyKnownKeys_typo_reportedWithItsPathAndTheIntendedKey() {
    Problems problems = new Problems();
    StrictJson.onlyKnownKeys(
        StrictJson.parse("{\"quantitty\": 1, \"zzz\": 2}", "x"),
        "positions[0]",
        List.of("instrument", "quantity"),
        problems);
    assertThatThrownBy(problems::throwIfAny)
        .hasMessageContaining("positions[0].quantitty: unknown key: did you mean \"quantity\"?")
        .hasMessageContaining(
            "positions[0].zzz: unknown key: known keys here are [instrument, quantity]");
  }
}
