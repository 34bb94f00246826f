package io.cryptomargin.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.pricing.MarkRepricing;
import io.cryptomargin.validation.ValidationException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeribitBookSummaryJsonTest {
  /** Same limits as the chain test: these eight options are rows of the 2020-05-14 chain. */
  private static final double WORST_LIMIT_BTC = 2e-3;

  @Test
  void read_sample_givesOptionsFuturesForwardsAndIndex() {
    MarketSnapshot s = DeribitBookSummaryJson.read(TestFiles.bookSummaryMay14());
    assertThat(s.marks())
        .hasSize(10)
        .containsKeys("BTC-26JUN20", "BTC-PERPETUAL", "BTC-22MAY20-9250-P");
    assertThat(s.index("BTC")).isEqualTo(9347.68);
    assertThat(s.asOf()).isEqualTo(Instant.ofEpochMilli(1589435046537L));
    // The future is the latest observation of its expiry, so it sets the 26JUN20 forward.
    assertThat(s.forward("BTC", Instant.parse("2020-06-26T08:00:00Z"))).isEqualTo(9356.56);
    assertThat(s.mark("BTC-PERPETUAL").orElseThrow().forward().getAsDouble()).isEqualTo(9349.62);
    assertThat(s.underlying("BTC").volSurface().smiles()).hasSize(2);
    assertThat(MarkRepricing.summarize(MarkRepricing.compare(s)).get(0).worstAbsoluteDifference())
        .isLessThanOrEqualTo(WORST_LIMIT_BTC);
  }

  @Test
  void read_viaMarketFiles_detectsBookSummary() {
    assertThat(MarketFiles.detect("{\"jsonrpc\":\"2.0\",\"result\":[]}"))
        .isEqualTo(MarketFiles.Format.DERIBIT_BOOK_SUMMARY_JSON);
    assertThat(MarketFiles.read(TestFiles.bookSummaryMay14()).marks()).hasSize(10);
  }

  @Test
  void parse_badEntries_listsEveryProblemWithJsonPath() {
    String json =
        "{\"result\":[{\"instrument_name\":\"BTC-26JUN20-9000-C\",\"creation_timestamp\":1589434896486,"
            + "\"mark_price\":-0.1,\"mark_iv\":80,\"underlying_price\":9356,\"estimated_delivery_price\":9350},"
            + "{\"instrument_name\":\"BTC-26JUN20-9000-P\",\"creation_timestamp\":1589434896486,\"mark_price\":0.1},"
            + "{\"instrument_name\":\"BTC-99JUN20\"}]}";
    assertThatThrownBy(() -> DeribitBookSummaryJson.parse(json, "b", "b.json"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("result[0].mark_price")
        .hasMessageContaining("result[1].mark_iv: is required")
        .hasMessageContaining("result[1].underlying_price: is required")
        .hasMessageContaining("result[2]")
        .hasMessageContaining("BTC-99JUN20");
  }

  @Test
  void parse_malformedJson_saysWhere() {
    assertThatThrownBy(
            () ->
                DeribitBookSummaryJson.parse(
                    "{\"result\":[{\"instrument_name\":}]}", "b", "b.json"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("malformed JSON at line 1");
  }

  @Test
  void parse_badEntryAndExpiredFuture_listsBothInOnePass() {
    String json =
        "{\"result\":[{\"instrument_name\":\"BTC-26JUN20-9000-C\",\"creation_timestamp\":1589434896486,"
            + "\"mark_price\":-0.1,\"mark_iv\":80,\"underlying_price\":9356,\"estimated_delivery_price\":9350},"
            + "{\"instrument_name\":\"BTC-8MAY20\",\"creation_timestamp\":1589434896486,\"mark_price\":9300,"
            + "\"estimated_delivery_price\":9350}]}";
    assertThatThrownBy(() -> DeribitBookSummaryJson.parse(json, "b", "b.json"))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).hasSize(2))
        .hasMessageContaining("result[0].mark_price")
        .hasMessageContaining("result[1] (BTC-8MAY20): expired");
  }
}
