package io.cryptomargin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code margin} end to end on small files written by the test. */
class MarginCommandTest {
  @TempDir
  Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cli = CryptomarginCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path market() throws Exception {
    Path market = dir.resolve("market.json");
    Files.writeString(market, """
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
  void margin_smallAccountWithShortSpot_printsPortfolioMarginAndWhyTheFallbackIsMissing() throws Exception {
    // 1,000 USD of equity is below the 100,000 minimum, and a short spot position has no rules-based margin.
    Path book = file("book.json", """
        {"account": "a-1", "collateral": {"USD": 1000}, "positions": [{"instrument": "ETH_USDC", "quantity": -1}]}
        """);

    Run table = run("margin", "--portfolio", book.toString(), "--market", market().toString());
    Run json = run("margin", "--portfolio", book.toString(), "--market", market().toString(), "--format", "json");

    assertThat(table.code()).as(table.err()).isZero();
    assertThat(table.out()).contains("ETH", "Applicable margin: RULES_BASED, not computed",
        "positions.ETH_USDC: a short spot position has no standard margin");
    assertThat(json.code()).as(json.err()).isZero();
    assertThat(json.out()).contains("\"initialMargin\"", "\"rulesBasedFallback\"", "\"computed\" : false",
        "\"field\" : \"positions.ETH_USDC\"");
  }
}
