package io.cryptomargin.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cryptomargin.market.Mark;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.market.Smile;
import io.cryptomargin.pricing.MarkRepricing;
import io.cryptomargin.validation.ValidationException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DeribitChainCsvTest {
  /**
   * Issue #2: the median |model − mark| must not exceed 1e-5 BTC (the data README measured ~4e-6).
   */
  private static final double MEDIAN_LIMIT_BTC = 1e-5;

  /** Issue #2: no option above 2e-3 BTC (the worst, ~1e-3, are hours from expiry). */
  private static final double WORST_LIMIT_BTC = 2e-3;

  private static final Instant EXPIRY_22MAY20 = Instant.parse("2020-05-22T08:00:00Z");

  static Stream<Path> chains() {
    return Stream.of(TestFiles.chainMay14(), TestFiles.chainMay22());
  }

  @ParameterizedTest
  @MethodSource("chains")
  void compare_modelFromMarkIv_reproducesDeribitMarks(Path chain) {
    MarketSnapshot snapshot = DeribitChainCsv.read(chain);
    List<MarkRepricing.Comparison> comparisons = MarkRepricing.compare(snapshot);
    MarkRepricing.Summary summary = MarkRepricing.summarize(comparisons).get(0);
    assertThat(summary.settlementCurrency()).isEqualTo("BTC");
    assertThat(summary.count()).isEqualTo(snapshot.marks().size()).isGreaterThan(300);
    assertThat(summary.medianAbsoluteDifference()).isLessThanOrEqualTo(MEDIAN_LIMIT_BTC);
    assertThat(summary.worstAbsoluteDifference()).isLessThanOrEqualTo(WORST_LIMIT_BTC);
  }

  @Test
  void read_may14_takesTimesIndexForwardsAndMarksFromTheRows() {
    MarketSnapshot s = DeribitChainCsv.read(TestFiles.chainMay14());
    assertThat(s.id()).isEqualTo("btc_options_2020-05-14");
    assertThat(s.marks()).hasSize(310);
    assertThat(s.underlyings()).containsOnlyKeys("BTC");
    // The latest row of the file (timestamp 1589435046537) gives asOf and the index.
    assertThat(s.asOf()).isEqualTo(Instant.ofEpochMilli(1589435046537L));
    assertThat(s.index("BTC")).isBetween(9344.0, 9354.0);
    assertThat(s.underlying("BTC").forwards()).hasSize(7);
    // First data row: BTC-22MAY20-9250-P, mark 0.04010621 BTC, mark_iv 76.87, underlying 9352.58.
    Mark mark = s.mark("BTC-22MAY20-9250-P").orElseThrow();
    assertThat(mark.price().getAsDouble()).isEqualTo(0.04010621);
    assertThat(mark.impliedVol().getAsDouble()).isCloseTo(0.7687, within(1e-15));
    assertThat(mark.forward().getAsDouble()).isEqualTo(9352.58);
    assertThat(mark.observedAt()).contains(Instant.ofEpochMilli(1589434896486L));
  }

  @Test
  void read_may14_smileUsesOutOfTheMoneyVols() {
    MarketSnapshot s = DeribitChainCsv.read(TestFiles.chainMay14());
    double forward = s.underlying("BTC").forwards().get(EXPIRY_22MAY20);
    Smile smile = s.underlying("BTC").volSurface().smiles().get(EXPIRY_22MAY20);
    double[] strikes = smile.strikes();
    double[] vols = smile.vols();
    for (int i = 0; i < strikes.length; i++) {
      String side = strikes[i] >= forward ? "C" : "P";
      String name = "BTC-22MAY20-" + (long) strikes[i] + "-" + side;
      assertThat(vols[i]).as(name).isEqualTo(s.mark(name).orElseThrow().impliedVol().getAsDouble());
    }
  }

  @Test
  void parse_quotedFieldsWithCommasAndQuotes_areOneField() {
    String csv =
        "instrument_name,greeks,timestamp,underlying_price,index_price,mark_price,mark_iv\r\n"
            + "BTC-26JUN20-9000-C,\"{'vega': 1, \"\"delta\"\": 0.5}\",1589434896486,9356,9350,0.1,80\r\n";
    MarketSnapshot s = DeribitChainCsv.parse(csv, "t", "t.csv");
    assertThat(s.marks()).containsOnlyKeys("BTC-26JUN20-9000-C");
  }

  @Test
  void parse_badRows_listsEveryProblemWithLineAndColumn() {
    String csv =
        "instrument_name,timestamp,underlying_price,index_price,mark_price,mark_iv\n"
            + "BTC-26JUN20-9000-C,1589434896486,9356,9350,-0.1,80\n"
            + "BTC-26JUN20-9000-P,1589434896486,9356,9350,0.1,NaN\n"
            + "BTC-26XXX20-9000-P,1589434896486,9356,9350,0.1,80\n"
            + "BTC-26JUN20-8000-P,yesterday,abc,9350,0.1,80\n";
    assertThatThrownBy(() -> DeribitChainCsv.parse(csv, "t", "t.csv"))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).hasSize(5))
        .hasMessageContaining("t.csv line 2 (BTC-26JUN20-9000-C).mark_price")
        .hasMessageContaining("t.csv line 3 (BTC-26JUN20-9000-P).mark_iv")
        .hasMessageContaining("BTC-26XXX20-9000-P")
        .hasMessageContaining("line 5 (BTC-26JUN20-8000-P).timestamp")
        .hasMessageContaining("line 5 (BTC-26JUN20-8000-P).underlying_price");
  }

  @Test
  void parse_missingColumnsAndUnclosedQuote_areReported() {
    assertThatThrownBy(
            () ->
                DeribitChainCsv.parse(
                    "instrument_name,mark_price\nBTC-PERPETUAL,1\n", "t", "t.csv"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("missing column 'timestamp'")
        .hasMessageContaining("missing column 'mark_iv'");
    assertThatThrownBy(
            () -> DeribitChainCsv.parse("instrument_name,x\n\"BTC-PERPETUAL,1\n", "t", "t.csv"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("never closed");
  }

  @Test
  void parse_missingColumnBadNumberAndExpiredRow_listsEveryProblemInOnePass() {
    String csv =
        "instrument_name,timestamp,underlying_price,index_price,mark_price\n"
            + "BTC-26JUN20-9000-C,1589434896486,9356,9350,-0.1\n"
            + "BTC-13MAY20-9000-P,1589434896486,9356,9350,0.1\n";
    assertThatThrownBy(() -> DeribitChainCsv.parse(csv, "t", "t.csv"))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).hasSize(3))
        .hasMessageContaining("t.csv: missing column 'mark_iv'")
        .hasMessageContaining("t.csv line 2 (BTC-26JUN20-9000-C).mark_price")
        .hasMessageContaining(
            "t.csv line 3 (BTC-13MAY20-9000-P): expired: expiry 2020-05-13T08:00:00Z");
  }
}
