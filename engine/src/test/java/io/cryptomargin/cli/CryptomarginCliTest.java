package io.cryptomargin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptomargin.io.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CryptomarginCliTest {
  /** The limits for Deribit's marks, BTC. */
  private static final double MEDIAN_LIMIT_BTC = 1e-5;

  private static final double WORST_LIMIT_BTC = 2e-3;
  private static final Pattern SUMMARY =
      Pattern.compile(
          "summary BTC: (\\d+) options, median \\|model-mark\\| (\\S+) BTC, worst (\\S+) BTC");

  @Test
  void validateMarket_bothDeribitChains_reproduceMarksWithinLimits() {
    for (Path chain : new Path[] {TestFiles.chainMay14(), TestFiles.chainMay22()}) {
      CliRun r = CliRun.of("validate-market", "--market", chain.toString());
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).contains("BTC-22MAY20-9250-P");
      Matcher m = SUMMARY.matcher(r.out());
      assertThat(m.find()).as(r.out()).isTrue();
      assertThat(Integer.parseInt(m.group(1))).isGreaterThan(300);
      assertThat(Double.parseDouble(m.group(2))).isLessThanOrEqualTo(MEDIAN_LIMIT_BTC);
      assertThat(Double.parseDouble(m.group(3))).isLessThanOrEqualTo(WORST_LIMIT_BTC);
    }
  }

  @Test
  void validateMarket_worstAndJson_listsOnlyTheWorst() {
    CliRun r =
        CliRun.of(
            "validate-market",
            "--market",
            TestFiles.chainMay22().toString(),
            "--worst",
            "3",
            "--format",
            "json");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("\"medianAbsoluteDifference\"");
    assertThat(r.out().split("\"instrument\"", -1)).hasSize(4);
  }

  @Test
  void validateMarket_expiredOptionAmongOtherProblems_exits2NamingIt(@TempDir Path dir)
      throws Exception {
    Path market = dir.resolve("expired.json");
    Files.writeString(
        market,
        "{\"asOf\":\"2024-03-01T08:00:00Z\",\"underlyings\":{\"BTC\":{\"index\":70000,"
            + "\"flatVol\":0.55}},\"marks\":{\"BTC-29FEB24-60000-C\":{\"price\":0.1,\"iv\":0.5},"
            + "\"BTC-29MAR24-60000-C\":{\"price\":-0.15,\"iv\":0.5}}}");
    CliRun r = CliRun.of("validate-market", "--market", market.toString());
    assertThat(r.code()).as(r.out()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("marks.BTC-29FEB24-60000-C: expired")
        .contains("marks.BTC-29MAR24-60000-C.price")
        .doesNotContain("\tat ");
  }

  @Test
  void riskArrays_outputInMissingDirectory_saysWhy(@TempDir Path dir) {
    Path output = dir.resolve("nonexistent").resolve("x.json");
    CliRun r =
        CliRun.of(
            "risk-arrays",
            "--market",
            TestFiles.chainMay14().toString(),
            "--output",
            output.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains("--output: cannot write " + output + ": no such directory " + output.getParent());
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1, 2]", " null\n"})
  void riskArrays_marketFileJsonButNotAnObject_saysSoOnce(String text, @TempDir Path dir)
      throws Exception {
    Path market = dir.resolve("m.json");
    Files.writeString(market, text);
    CliRun r = CliRun.of("risk-arrays", "--market", market.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains("m.json: is JSON but")
        .contains("must be an object")
        .doesNotContain("column");
  }

  @Test
  void riskArrays_snapshotWithoutInstruments_warnsHowToListThemAndExits0(@TempDir Path dir)
      throws Exception {
    Path market = dir.resolve("issue.json");
    Files.writeString(
        market,
        "{\"asOf\":\"2024-03-01T08:00:00Z\",\"underlyings\":{\"BTC\":{\"index\":70000,"
            + "\"flatVol\":0.55},\"ETH\":{\"index\":3500,\"flatVol\":0.6,\"forwards\":{\"2024-03-29\":3510},"
            + "\"smiles\":{\"2024-03-29\":[[3000,0.65],[3500,0.6],[4000,0.62]]}}}}");
    CliRun r = CliRun.of("risk-arrays", "--market", market.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"riskArrays\" : [ ]");
    assertThat(r.err())
        .contains("warning:")
        .contains("lists no instruments")
        .contains("\"instruments\"");
  }

  @Test
  void price_worthlessPut_printsZeroNeverNegativeZero() {
    String[] put = {
      "price",
      "--forward",
      "20",
      "--strike",
      "5",
      "--years",
      "0.1",
      "--vol",
      "0.05",
      "--type",
      "put"
    };
    CliRun table = CliRun.of(put);
    assertThat(table.code()).as(table.err()).isZero();
    assertThat(table.out())
        .contains("price  0 ")
        .doesNotContain("-0 ")
        .doesNotContain("(-0 per day)");
    String[] json = java.util.Arrays.copyOf(put, put.length + 2);
    json[put.length] = "--format";
    json[put.length + 1] = "json";
    CliRun j = CliRun.of(json);
    assertThat(j.out()).contains("\"price\" : 0.0").doesNotContain("-0.0");
  }

  @Test
  void riskArrays_jsonToStdout_hasEveryOption() {
    CliRun r = CliRun.of("risk-arrays", "--market", TestFiles.chainMay14().toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("\"scenarioSet\" : \"span-16\"")
        .contains("\"BTC-22MAY20-9250-P\"");
    assertThat(r.out().split("\"instrument\"", -1)).hasSize(311);
  }

  @Test
  void riskArrays_csvToFile_writesHeaderAndRows(@TempDir Path dir) throws Exception {
    Path output = dir.resolve("arrays.csv");
    CliRun r =
        CliRun.of(
            "risk-arrays",
            "--market",
            TestFiles.chainMay22().toString(),
            "--scenarios",
            "crypto-pm",
            "--format",
            "csv",
            "--output",
            output.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("wrote 326 risk arrays (crypto-pm 2.0.0, 35 scenarios)");
    String[] lines = Files.readString(output).split("\r\n");
    assertThat(lines).hasSize(327);
    assertThat(lines[0])
        .startsWith("instrument,underlying,settlementCurrency")
        .contains("\"BTC -16%, ETH -18%, other coins -24%, vol up\"");
  }

  @Test
  void price_hullExample_printsPriceWithUnits() {
    CliRun r =
        CliRun.of(
            "price",
            "--forward",
            "20",
            "--strike",
            "20",
            "--years",
            "0.3333333333333333",
            "--vol",
            "0.25",
            "--rate",
            "0.09",
            "--type",
            "call");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("price  1.1166").contains("USD per coin");
  }

  @Test
  void impliedVol_ofHullPrice_isAbout25Percent() {
    CliRun r =
        CliRun.of(
            "implied-vol",
            "--price",
            "1.116641457",
            "--forward",
            "20",
            "--strike",
            "20",
            "--years",
            "0.3333333333333333",
            "--rate",
            "0.09",
            "--type",
            "CALL");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("implied vol 0.25");
  }

  @Test
  void price_badInputs_exits2ListingEveryProblemWithoutStackTrace() {
    CliRun r =
        CliRun.of(
            "price",
            "--forward",
            "-20",
            "--strike",
            "NaN",
            "--years",
            "1",
            "--vol",
            "-0.2",
            "--type",
            "put");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("error: 3 problems")
        .contains("forward")
        .contains("strike")
        .contains("vol");
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void riskArrays_malformedMarketFile_exits2WithoutStackTrace(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(
        bad, "{\"asOf\": \"2024-03-01T08:00:00Z\", \"underlyings\": {\"BTC\": {\"index\": }}}");
    CliRun r = CliRun.of("risk-arrays", "--market", bad.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: ").contains("malformed JSON").doesNotContain("\tat ");
    CliRun missing = CliRun.of("risk-arrays", "--market", dir.resolve("none.csv").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("no such file");
    CliRun unknownModel =
        CliRun.of("risk-arrays", "--market", bad.toString(), "--scenarios", "nope");
    assertThat(unknownModel.code()).isEqualTo(2);
    assertThat(unknownModel.err()).contains("span-16").contains("crypto-pm");
  }

  @Test
  void riskArrays_debug_printsStackTrace(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{}");
    CliRun r = CliRun.of("risk-arrays", "--market", bad.toString(), "--debug");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("\tat ");
  }

  @Test
  void usageError_exits2WithPicocliMessage() {
    CliRun r = CliRun.of("price", "--forward", "abc");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("'abc' is not a double");
    assertThat(CliRun.of("no-such-command").code()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"price", "implied-vol", "risk-arrays", "validate-market"})
  void help_everySubcommand_printsUsage(String command) {
    CliRun r = CliRun.of(command, "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Usage: cryptomargin " + command);
  }

  @Test
  void version_printsName() {
    CliRun r = CliRun.of("--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("cryptomargin ");
  }
}
