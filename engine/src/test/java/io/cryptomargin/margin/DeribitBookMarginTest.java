package io.cryptomargin.margin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cryptomargin.cli.CryptomarginCli;
import io.cryptomargin.io.MarketFiles;
import io.cryptomargin.io.PortfolioJson;
import io.cryptomargin.market.MarketSnapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * A whole real Deribit chain (2020-05-14, 310 BTC options) with a 200-leg random book, margined
 * from the command line in both models: once computing the arrays from the chain, once reading them
 * back from a {@code risk-arrays} export. Both routes must give the same margin.
 */
class DeribitBookMarginTest {
  private static final double SAME = 1e-9;
  private static final Pattern INITIAL = Pattern.compile("\"initialMargin\" : ([-0-9.Ee]+)");
  private static final Pattern MAINTENANCE =
      Pattern.compile("\"maintenanceMargin\" : ([-0-9.Ee]+)");

  @TempDir Path dir;

  private static Path chain() throws URISyntaxException {
    return Path.of(
        DeribitBookMarginTest.class.getResource("/deribit/btc_options_2020-05-14.csv").toURI());
  }

  private String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = CryptomarginCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    assertThat(code).as("exit code of %s; stderr: %s", String.join(" ", args), err).isZero();
    return out.toString();
  }

  private Path randomBook(MarketSnapshot snapshot) throws IOException {
    List<String> names = new ArrayList<>(snapshot.marks().keySet());
    Random random = new Random(2020_05_14);
    StringBuilder positions = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      double quantity = (random.nextInt(21) - 10) * 0.1;
      positions
          .append(i == 0 ? "" : ",")
          .append(
              String.format(
                  java.util.Locale.ROOT,
                  "{\"instrument\":\"%s\",\"quantity\":%.1f}",
                  names.get(random.nextInt(names.size())),
                  quantity == 0 ? 0.5 : quantity));
    }
    Path book = dir.resolve("book.json");
    Files.writeString(
        book,
        "{\"account\":\"deribit-200\",\"collateral\":{\"BTC\":25,\"USD\":100000},"
            + "\"positions\":["
            + positions
            + "]}");
    assertThat(PortfolioJson.read(book).positions()).hasSize(200);
    return book;
  }

  private static double field(Pattern pattern, String json) {
    Matcher m = pattern.matcher(json);
    assertThat(m.find()).as("%s in %s", pattern, json).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"span-16", "crypto-pm"})
  void margin_200LegBookOnDeribitChain_computedAndExportedArraysAgree(String model)
      throws Exception {
    MarketSnapshot snapshot = MarketFiles.read(chain());
    Path book = randomBook(snapshot);
    String computed =
        run(
            "margin",
            "--portfolio",
            book.toString(),
            "--market",
            chain().toString(),
            "--model",
            model,
            "--format",
            "json");
    Path arrays = dir.resolve("arrays-" + model + ".json");
    run(
        "risk-arrays",
        "--market",
        chain().toString(),
        "--scenarios",
        model,
        "--format",
        "json",
        "--output",
        arrays.toString());
    String readBack =
        run(
            "margin",
            "--portfolio",
            book.toString(),
            "--risk-arrays",
            arrays.toString(),
            "--as-of",
            snapshot.asOf().toString(),
            "--format",
            "json");
    assertThat(readBack).contains("\"model\" : \"" + model + "\"");
    double initial = field(INITIAL, computed);
    assertThat(initial).isPositive();
    assertThat(field(INITIAL, readBack)).isCloseTo(initial, within(SAME * initial));
    assertThat(field(MAINTENANCE, readBack))
        .isCloseTo(field(MAINTENANCE, computed), within(SAME * initial));
    assertThat(computed).doesNotContain("NaN");
    Path withPerpetual = dir.resolve("with-perpetual.json");
    Files.writeString(
        withPerpetual,
        Files.readString(book)
            .replace(
                "\"positions\":[",
                "\"positions\":[{\"instrument\":\"BTC-PERPETUAL\",\"quantity\":1},"));
    StringWriter err = new StringWriter();
    CommandLine cli = CryptomarginCli.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    assertThat(
            cli.execute(
                "margin",
                "--portfolio",
                withPerpetual.toString(),
                "--risk-arrays",
                arrays.toString(),
                "--as-of",
                snapshot.asOf().toString()))
        .isEqualTo(CryptomarginCli.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("BTC-PERPETUAL").contains("no risk array");
    String table =
        run(
            "margin",
            "--portfolio",
            book.toString(),
            "--market",
            chain().toString(),
            "--model",
            model);
    assertThat(table).contains("binding scenario").contains("BTC").contains("initial margin");
  }

  @ParameterizedTest
  @ValueSource(strings = {"span-16", "crypto-pm"})
  void margin_bookWithUnknownInstrument_exitsTwoNamingIt(String model) throws Exception {
    Path book = dir.resolve("bad.json");
    Files.writeString(
        book,
        "{\"account\":\"x\",\"collateral\":{},\"positions\":["
            + "{\"instrument\":\"BTC-26JUN20-123456-C\",\"quantity\":1},{\"instrument\":\"BTC-32JUN20\",\"quantity\":1}]}");
    StringWriter err = new StringWriter();
    CommandLine cli = CryptomarginCli.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    int code =
        cli.execute(
            "margin",
            "--portfolio",
            book.toString(),
            "--market",
            chain().toString(),
            "--model",
            model);
    assertThat(code).isEqualTo(CryptomarginCli.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("BTC-32JUN20").doesNotContain("Exception");
  }

  @org.junit.jupiter.api.Test
  void margin_historicalVarOnDeribitChain_reportsExpectedShortfallWithDatedScenarios()
      throws Exception {
    Path book = dir.resolve("hvar.json");
    Files.writeString(
        book,
        "{\"account\":\"h\",\"collateral\":{\"USDC\":200000},\"positions\":["
            + "{\"instrument\":\"BTC_USDC-PERPETUAL\",\"quantity\":1},{\"instrument\":\"BTC-26JUN20-9000-P\",\"quantity\":-2}]}");
    String text =
        run(
            "margin",
            "--portfolio",
            book.toString(),
            "--market",
            chain().toString(),
            "--model",
            "historical-var");
    // The 2020-03-12 crash is the model's stress period, always in the scenarios, and the worst day
    // for a long book.
    assertThat(text).contains("Expected shortfall").contains("2020-03-12");
    String json =
        run(
            "margin",
            "--portfolio",
            book.toString(),
            "--market",
            chain().toString(),
            "--model",
            "historical-var",
            "--format",
            "json");
    assertThat(field(INITIAL, json)).isPositive();
    StringWriter err = new StringWriter();
    CommandLine cli = CryptomarginCli.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    Path arrays = dir.resolve("a.json");
    Files.writeString(arrays, "{\"scenarioSet\":\"span-16\",\"riskArrays\":[]}");
    assertThat(
            cli.execute(
                "margin",
                "--portfolio",
                book.toString(),
                "--risk-arrays",
                arrays.toString(),
                "--model",
                "historical-var"))
        .isEqualTo(CryptomarginCli.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("historical-var").contains("--market");
  }
}
