package io.cryptomargin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
  @TempDir Path dir;

  private Path files(double usdCollateral) throws Exception {
    Path market = dir.resolve("market.json");
    Files.writeString(
        market,
        """
        {"asOf": "2024-02-28T08:00:00Z", "underlyings": {"BTC": {"index": 70000, "flatVol": 0.55}}}
        """);
    Path book = dir.resolve("book.json");
    Files.writeString(
        book,
        """
        {"account": "a-1", "collateral": {"USDC": %s},
         "positions": [{"instrument": "BTC_USDC-29MAR24-70000-P", "quantity": -1},
                       {"instrument": "BTC_USDC-29MAR24-69000-P", "quantity": 1},
                       {"instrument": "BTC_USDC", "quantity": 1}]}
        """
            .formatted(usdCollateral));
    return book;
  }

  @Test
  void compare_table_showsEveryModelTheSavingsPerUnderlyingAndTheLegs() throws Exception {
    Path book = files(500_000);

    CliRun r =
        CliRun.of(
            "compare",
            "--portfolio",
            book.toString(),
            "--market",
            dir.resolve("market.json").toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "deribit-sm",
            "strategy-based",
            "crypto-pm",
            "Saving (USD)",
            "Gain",
            "Per underlying",
            "VERTICAL_SPREAD",
            "BTC#1",
            "Venue IM",
            "Applicable margin: PORTFOLIO_MARGIN");
  }

  @Test
  void compare_smallAccount_flagsTheFallbackToRulesBased() throws Exception {
    Path book = files(1_000);

    CliRun r =
        CliRun.of(
            "compare",
            "--portfolio",
            book.toString(),
            "--market",
            dir.resolve("market.json").toString(),
            "--model",
            "span-16",
            "--format",
            "json");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("\"portfolioMarginQualified\" : false", "\"model\" : \"RULES_BASED\"");
  }
}
