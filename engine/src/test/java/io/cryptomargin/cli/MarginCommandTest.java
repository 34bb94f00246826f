package io.cryptomargin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code margin} end to end on small files written by the test. */
class MarginCommandTest {
  @TempDir Path dir;

  private Path market() throws Exception {
    Path market = dir.resolve("market.json");
    Files.writeString(
        market,
        """
        {"asOf": "2024-02-28T08:00:00Z", "underlyings": {"BTC": {"index": 70000, "flatVol": 0.55},
                                                         "ETH": {"index": 3500, "flatVol": 0.6}}}
        """);
    return market;
  }

  private Path file(String name, String text) throws Exception {
    Path path = dir.resolve(name);
    Files.writeString(path, text);
    return path;
  }

  @Test
  void margin_smallAccountWithShortSpot_printsPortfolioMarginAndWhyTheFallbackIsMissing()
      throws Exception {
    // 1,000 USD of equity is below the 100,000 minimum, and a short spot position has no
    // rules-based margin.
    Path book =
        file(
            "book.json",
            """
        {"account": "a-1", "collateral": {"USD": 1000}, "positions": [{"instrument": "ETH_USDC", "quantity": -1}]}
        """);

    CliRun table =
        CliRun.of("margin", "--portfolio", book.toString(), "--market", market().toString());
    CliRun json =
        CliRun.of(
            "margin",
            "--portfolio",
            book.toString(),
            "--market",
            market().toString(),
            "--format",
            "json");

    assertThat(table.code()).as(table.err()).isZero();
    assertThat(table.out())
        .contains(
            "ETH",
            "Applicable margin: RULES_BASED, not computed",
            "positions[0].quantity: ETH_USDC: a short spot position has no standard margin");
    assertThat(json.code()).as(json.err()).isZero();
    assertThat(json.out())
        .contains(
            "\"initialMargin\"",
            "\"rulesBasedFallback\"",
            "\"computed\" : false",
            "\"field\" : \"positions[0].quantity\"");
  }

  @Test
  void margin_everyProblemOfTheFileAndTheMarket_reportedAtOnceWithThePortfolioFilesPaths()
      throws Exception {
    // No account, a negative collateral, a coin the market cannot price, a malformed name, an
    // expired option and
    // an underlying the market lacks: one error lists them all, each at its field of the portfolio
    // file.
    Path book =
        file(
            "book.json",
            """
        {"collateral": {"USD": -5, "SOL": 3},
         "positions": [{"instrument": "BTC_USDC-29MAR24-70000-P", "quantity": -1},
                       {"instrument": "BTC-01JAN20-9000-C", "quantity": 1},
                       {"instrument": "DOGE-PERPETUAL", "quantity": 1},
                       {"instrument": "BTC-XX", "quantity": 1}]}
        """);

    for (String command : new String[] {"margin", "compare"}) {
      CliRun r =
          CliRun.of(command, "--portfolio", book.toString(), "--market", market().toString());

      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .contains(
              "6 problems",
              "account: is required",
              "collateral.USD: must be a finite number >= 0 (at most 1e12",
              "collateral.SOL: no USD price for SOL",
              "positions[1].instrument: BTC-01JAN20-9000-C: expired",
              "positions[2].instrument: DOGE-PERPETUAL: unknown underlying 'DOGE'",
              "positions[3].instrument: BTC-XX: malformed instrument name")
          .doesNotContain("Exception");
    }
  }

  @Test
  void margin_hugeQuantity_errorNamesThePosition() throws Exception {
    Path book =
        file(
            "book.json",
            """
        {"account": "a-1", "collateral": {"USD": 1000},
         "positions": [{"instrument": "BTC_USDC-PERPETUAL", "quantity": 1},
                       {"instrument": "BTC_USDC-29MAR24-70000-P", "quantity": -1e308}]}
        """);

    for (String command : new String[] {"margin", "compare"}) {
      CliRun r =
          CliRun.of(command, "--portfolio", book.toString(), "--market", market().toString());

      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .contains("positions[1].quantity: must be a finite number from -1e9 to 1e9 contracts")
          .doesNotContain("initial:");
    }
  }

  @Test
  void margin_ownRiskArraysExport_needsNoAsOfAndGivesTheMarketsFigures() throws Exception {
    // A dated book on a snapshot whose id is not a time (the Deribit chain's file name): the export
    // carries the
    // snapshot's asOf, so the arrays read back margin exactly like --market, with no --as-of.
    Path chain = io.cryptomargin.io.TestFiles.chainMay14();
    Path book =
        file(
            "book.json",
            """
        {"account": "a-1", "collateral": {"BTC": 20},
         "positions": [{"instrument": "BTC-29MAY20-9000-P", "quantity": -2},
                       {"instrument": "BTC-26JUN20-9000-P", "quantity": 2}]}
        """);
    Path arrays = dir.resolve("arrays.json");
    CliRun export =
        CliRun.of(
            "risk-arrays",
            "--market",
            chain.toString(),
            "--scenarios",
            "span-16",
            "--output",
            arrays.toString());
    assertThat(export.code()).as(export.err()).isZero();
    assertThat(Files.readString(arrays)).contains("\"asOf\"");

    CliRun fromMarket =
        CliRun.of(
            "margin",
            "--portfolio",
            book.toString(),
            "--market",
            chain.toString(),
            "--format",
            "json");
    CliRun fromArrays =
        CliRun.of(
            "margin",
            "--portfolio",
            book.toString(),
            "--risk-arrays",
            arrays.toString(),
            "--format",
            "json");

    assertThat(fromArrays.code()).as(fromArrays.err()).isZero();
    assertThat(initialMargin(fromArrays.out())).isEqualTo(initialMargin(fromMarket.out()));
  }

  private static String initialMargin(String json) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"initialMargin\" : ([^,]+),").matcher(json);
    assertThat(m.find()).as(json).isTrue();
    return m.group(1);
  }

  @Test
  void margin_paramsOfAnotherModelThanModel_isAnErrorNotSilentlyIgnored() throws Exception {
    Path params = dir.resolve("my-crypto-pm.json");
    try (java.io.InputStream in = getClass().getResourceAsStream("/models/crypto-pm.json")) {
      Files.write(params, in.readAllBytes());
    }
    Path book =
        file(
            "book.json",
            """
        {"account": "a-1", "collateral": {"USD": 200000},
         "positions": [{"instrument": "BTC_USDC-29MAR24-70000-P", "quantity": -1}]}
        """);

    CliRun mismatch =
        CliRun.of(
            "margin",
            "--portfolio",
            book.toString(),
            "--market",
            market().toString(),
            "--model",
            "span-16",
            "--params",
            params.toString());
    CliRun same =
        CliRun.of(
            "margin",
            "--portfolio",
            book.toString(),
            "--market",
            market().toString(),
            "--model",
            "crypto-pm",
            "--params",
            params.toString());

    assertThat(mismatch.code()).isEqualTo(2);
    assertThat(mismatch.err())
        .contains("--params", "is the crypto-pm model but --model is span-16");
    assertThat(same.code()).as(same.err()).isZero();
    assertThat(same.out()).contains("model crypto-pm");
  }
}
