package io.cryptomargin.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptomargin.book.AccountType;
import io.cryptomargin.book.MarginMode;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.validation.ValidationException;
import org.junit.jupiter.api.Test;

/**
 * The portfolio file's account type (span-16's IM factor) and margin mode (crypto-pm's currencies).
 */
class PortfolioJsonChoicesTest {
  @Test
  void parse_noChoices_speculatorMarginedCross() {
    Portfolio book = PortfolioJson.parse("{\"account\":\"a\",\"positions\":[]}", "t");
    assertThat(book.accountType()).isEqualTo(AccountType.SPECULATOR);
    assertThat(book.marginMode()).isEqualTo(MarginMode.CROSS);
  }

  @Test
  void parse_hedgerSegregated_read() {
    Portfolio book =
        PortfolioJson.parse(
            "{\"account\":\"a\",\"accountType\":\"hedger\",\"marginMode\":\"segregated\","
                + "\"positions\":[]}",
            "t");
    assertThat(book.accountType()).isEqualTo(AccountType.HEDGER);
    assertThat(book.marginMode()).isEqualTo(MarginMode.SEGREGATED);
    assertThat(book.scaled(2).accountType()).isEqualTo(AccountType.HEDGER);
  }

  @Test
  void parse_unknownChoices_bothNamedAtOnce() {
    assertThatThrownBy(
            () ->
                PortfolioJson.parse(
                    "{\"account\":\"a\",\"accountType\":\"whale\",\"marginMode\":\"x\","
                        + "\"positions\":[]}",
                    "t"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("accountType: unknown account type 'whale'")
        .hasMessageContaining("marginMode: unknown margin mode 'x'");
  }
}
