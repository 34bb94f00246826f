package io.cryptomargin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Inputs that once understated a margin, printed a non-finite figure or ended in a stack trace:
 * each is now refused with exit 2 and the field that caused it, never a result.
 */
class BadInputCommandTest {
  private static final String MARKET =
      """
      {"asOf": "2024-02-28T08:00:00Z", "underlyings": {"BTC": {"index": 70000, "flatVol": 0.55}}}
      """;

  @TempDir Path dir;

  private String file(String name, String text) throws Exception {
    Path path = dir.resolve(name);
    Files.writeString(path, text);
    return path.toString();
  }

  private String book(String quantity) throws Exception {
    return file(
        "book.json",
        """
        {"account": "a-1", "collateral": {"USD": 100000},
         "positions": [{"instrument": "BTC-29MAR24-70000-C", "quantity": -10},
                       {"instrument": "BTC-29MAR24-60000-P", "quantity": %s}]}
        """
            .formatted(quantity));
  }

  private static void assertRefused(CliRun run, String... messages) {
    assertThat(run.code()).as(run.err()).isEqualTo(CryptomarginCli.EXIT_BAD_INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith("error: ")
        .contains(messages)
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void margin_quantityBeyondTheDoubleRange_refusedNotSilentlyDropped() throws Exception {
    for (String quantity : new String[] {"1e309", "-1.8e308"}) {
      CliRun run =
          CliRun.of("margin", "--portfolio", book(quantity), "--market", file("m.json", MARKET));
      assertRefused(
          run, "positions[1].quantity: must be a finite number from -1e9 to 1e9 contracts");
    }
  }

  @Test
  void margin_snapshotIndexOf1e308_refusedNotHealthy() throws Exception {
    CliRun run =
        CliRun.of(
            "margin",
            "--portfolio",
            book("1"),
            "--market",
            file("m.json", MARKET.replace("70000", "1e308")),
            "--format",
            "json");
    assertRefused(
        run,
        "underlyings.BTC.index: must be a finite number > 0 (from 1e-8 to 1e9 USD per coin), was 1.0E308");
  }

  @Test
  void margin_collateralOf1e308Btc_refused() throws Exception {
    String book =
        file(
            "book.json",
            """
        {"account": "a-1", "collateral": {"BTC": 1e308}, "positions": []}
        """);
    assertRefused(
        CliRun.of("margin", "--portfolio", book, "--market", file("m.json", MARKET)),
        "collateral.BTC: must be a finite number >= 0 (at most 1e12 units of its currency), was 1.0E308");
  }

  @Test
  void margin_misspeltPortfolioKey_refusedWithAHint() throws Exception {
    String book =
        file(
            "book.json",
            """
        {"account": "a-1", "positions": [{"instrument": "BTC-29MAR24-60000-P", "quantitty": 3}]}
        """);
    assertRefused(
        CliRun.of("margin", "--portfolio", book, "--market", file("m.json", MARKET)),
        "positions[0].quantitty: unknown key: did you mean \"quantity\"?",
        "positions[0].quantity: is required");
  }

  @Test
  void margin_duplicateKeyOrTrailingContent_refused() throws Exception {
    String duplicate =
        file("dup.json", "{\"account\": \"a\", \"account\": \"b\", \"positions\": []}");
    String trailing = file("trail.json", "{\"account\": \"a\", \"positions\": []} {}");
    assertRefused(
        CliRun.of("margin", "--portfolio", duplicate, "--market", file("m.json", MARKET)),
        "duplicate key \"account\"");
    assertRefused(
        CliRun.of("margin", "--portfolio", trailing, "--market", file("m.json", MARKET)),
        "more content after the end of the JSON value");
  }

  @Test
  void margin_portfolioNotUtf8_namesTheOffset() throws Exception {
    Path book = dir.resolve("latin1.json");
    Files.write(
        book,
        "{\"account\": \"caf\u00e9\", \"positions\": []}".getBytes(StandardCharsets.ISO_8859_1));
    assertRefused(
        CliRun.of("margin", "--portfolio", book.toString(), "--market", file("m.json", MARKET)),
        "is not UTF-8 text: byte 0xE9 at offset 16");
  }

  @Test
  void margin_endlessMarket_stopsAtTheSizeLimit() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/dev/zero")), "needs /dev/zero");
    assertRefused(
        CliRun.of("margin", "--portfolio", book("1"), "--market", "/dev/zero"),
        "/dev/zero is larger than the limit of 33554432 bytes (32 MiB)");
  }

  @Test
  void riskArrays_snapshotTimeOutOfRange_validationError() throws Exception {
    String market =
        file("m.json", MARKET.replace("2024-02-28T08:00:00Z", "+99999-02-28T08:00:00Z"));
    assertRefused(
        CliRun.of("risk-arrays", "--market", market),
        "asOf: must be a time from 1970-01-01T00:00:00Z to 2200-01-01T00:00:00Z, was +99999-02-28T08:00:00Z");
  }

  @Test
  void price_extremeInputs_everyOptionRefusedAtOnce() {
    assertRefused(
        CliRun.of(
            "price",
            "--forward",
            "1e300",
            "--strike",
            "1",
            "--years",
            "1e10",
            "--vol",
            "100",
            "--rate",
            "NaN",
            "--type",
            "call"),
        "4 problems",
        "--forward: must be a finite number > 0 (from 1e-8 to 1e9 USD per coin)",
        "--years: must be a finite number >= 0 (at most 50 years)",
        "--rate: must be a finite number from -1 to 1",
        "--vol: must be a finite number > 0 (from 1e-4 to 10 annual fraction)");
  }

  @Test
  void price_edgesOfTheRanges_printFiniteGreeks() {
    for (String[] terms :
        new String[][] {
          {"1e-8", "1e9", "50", "1e-4"}, {"1e9", "1e-8", "0", "10"}, {"1e9", "1e9", "1e-12", "1e-4"}
        }) {
      CliRun run =
          CliRun.of(
              "price",
              "--forward",
              terms[0],
              "--strike",
              terms[1],
              "--years",
              terms[2],
              "--vol",
              terms[3],
              "--type",
              "put",
              "--inverse",
              "--format",
              "json");
      assertThat(run.code()).as(run.err()).isZero();
      assertThat(CliFuzz.nonFinite(run.out())).as(run.out()).isNull();
    }
  }

  @Test
  void margin_asOfOutOfRange_refused() throws Exception {
    String market =
        file(
            "m.json",
            MARKET.replace(
                "}}}",
                "}}, \"instruments\": [\"BTC-29MAR24-70000-C\", " + "\"BTC-29MAR24-60000-P\"]}"));
    String arrays = dir.resolve("arrays.json").toString();
    assertThat(CliRun.of("risk-arrays", "--market", market, "--output", arrays).code()).isZero();

    assertRefused(
        CliRun.of(
            "margin",
            "--portfolio",
            book("1"),
            "--risk-arrays",
            arrays,
            "--as-of",
            "+99999-01-01T00:00:00Z"),
        "--as-of: must be a time from 1970-01-01T00:00:00Z to 2200-01-01T00:00:00Z");
  }

  @Command(name = "deep")
  static final class Overflowing implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new StackOverflowError();
    }
  }

  @Test
  void executeGuarded_jvmErrorInACommand_oneLineMessageAndTheFailureCode() {
    CommandLine cli = new CommandLine(new Overflowing());
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionStrategy(CryptomarginCli::executeGuarded);

    int code = cli.execute();

    assertThat(code).isEqualTo(CryptomarginCli.EXIT_FAILURE);
    assertThat(err.toString())
        .isEqualTo(
            "error: unexpected failure (please report it with the input): the "
                + "computation ran out of stack"
                + System.lineSeparator());
  }
}
