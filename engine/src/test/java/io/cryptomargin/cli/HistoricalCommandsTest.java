package io.cryptomargin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code margin --model historical-var} and {@code backtest} from the command line, on the shipped
 * BTC history.
 */
class HistoricalCommandsTest {
  private static final String DEMO_MARKET = "src/main/resources/demo/demo-market.json";

  @TempDir Path dir;

  private Path book(String positions) throws Exception {
    Path book = dir.resolve("book.json");
    Files.writeString(
        book,
        "{\"account\": \"h\", \"collateral\": {\"USDC\": 200000}, \"positions\": ["
            + positions
            + "]}");
    return book;
  }

  @Test
  void margin_historicalVar_listsTheWorstScenariosByDateWithTheCrashFirst() throws Exception {
    Path book = book("{\"instrument\": \"BTC_USDC-PERPETUAL\", \"quantity\": 1}");

    CliRun r =
        CliRun.of(
            "margin",
            "--portfolio",
            book.toString(),
            "--market",
            DEMO_MARKET,
            "--model",
            "historical-var");

    assertThat(r.code()).as(r.err()).isZero();
    // The long perpetual's worst day in the shipped history up to 2024-02-27 is the 2020-03-12
    // crash
    // (BTC/USD close −39%), which the default stress period always includes.
    assertThat(r.out())
        .contains("historical-var", "Expected shortfall 99.00%", "2020-03-12  stress")
        .doesNotContain("lookback days");
  }

  @Test
  void margin_historicalVarJson_hasTheWorstScenarios() throws Exception {
    Path book = book("{\"instrument\": \"BTC_USDC-PERPETUAL\", \"quantity\": 1}");

    CliRun r =
        CliRun.of(
            "margin",
            "--portfolio",
            book.toString(),
            "--market",
            DEMO_MARKET,
            "--model",
            "historical-var",
            "--format",
            "json");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("\"worstScenarios\"", "\"expectedShortfallUsd\"", "\"2020-03-12\"");
  }

  @Test
  void margin_historicalVarUnderlyingWithoutHistory_exits2NamingIt() throws Exception {
    Path book = book("{\"instrument\": \"ETH_USDC-PERPETUAL\", \"quantity\": 1}");

    CliRun r =
        CliRun.of(
            "margin",
            "--portfolio",
            book.toString(),
            "--market",
            DEMO_MARKET,
            "--model",
            "historical-var");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("ETH").doesNotContain("Exception");
  }

  @Test
  void backtest_shortPeriod_tableAndChartReadyCsv() throws Exception {
    Path csv = dir.resolve("coverage.csv");

    CliRun r =
        CliRun.of(
            "backtest",
            "--from",
            "2020-03-01",
            "--to",
            "2020-04-30",
            "--coverage",
            "0.975",
            "--csv",
            csv.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("(61 days)", "nominal 97.5% coverage");
    for (String model : List.of("span-16", "crypto-pm", "historical-var")) {
      assertThat(r.out()).contains(model + " ");
    }
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines).hasSize(1 + 61);
    int columns = lines.get(0).split(",").length;
    assertThat(lines).allSatisfy(line -> assertThat(line.split(",", -1)).hasSize(columns));
  }

  @Test
  void backtest_periodAfterTheHistory_exits2SayingWhatTheHistoryHolds() {
    CliRun r = CliRun.of("backtest", "--from", "2030-01-01");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains("no day to test", "2011-08-18 to 2025-09-24", "from 2030-01-01")
        .doesNotContain("PriceHistory[", "null");
  }
}
