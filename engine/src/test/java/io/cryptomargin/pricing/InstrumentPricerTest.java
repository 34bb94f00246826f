package io.cryptomargin.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptomargin.instrument.DeribitNames;
import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.market.MarketShift;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.market.UnderlyingMarket;
import io.cryptomargin.market.VolShock;
import io.cryptomargin.validation.ValidationException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The caller, not the snapshot, decides what an expired contract is worth. */
class InstrumentPricerTest {
  private static final Instant AS_OF = Instant.parse("2024-03-01T08:00:00Z");
  private static final MarketSnapshot MARKET =
      MarketSnapshot.of(AS_OF, Map.of("BTC", UnderlyingMarket.flat(70_000, 0.6)));

  @Test
  void inputs_expiredUnderRejectPolicy_isAnErrorNamingItEvenInAShiftedMarket() {
    Instrument expired = DeribitNames.parse("BTC-29FEB24-60000-C");
    MarketSnapshot shifted = MARKET.shifted("BTC", new MarketShift(-0.1, VolShock.NONE, 1));
    for (MarketSnapshot market : new MarketSnapshot[] {MARKET, shifted}) {
      assertThatThrownBy(
              () -> InstrumentPricer.inputs(expired, market, ExpiryPolicy.REJECT_EXPIRED))
          .isInstanceOf(ValidationException.class)
          .hasMessageStartingWith("BTC-29FEB24-60000-C: expired");
    }
  }

  @Test
  void inputs_pastExpiryUnderIntrinsicPolicy_hasZeroYearsInAnyMarket() {
    Instrument call = DeribitNames.parse("BTC-29FEB24-60000-C");
    PricingInputs in = InstrumentPricer.inputs(call, MARKET, ExpiryPolicy.INTRINSIC_PAST_EXPIRY);
    assertThat(in.years()).isZero();
    assertThat(InstrumentPricer.value(call, in.forward(), in.years(), in.vol(), in.forward()))
        .isEqualTo((70_000 - 60_000) / 70_000.0);
  }
}
