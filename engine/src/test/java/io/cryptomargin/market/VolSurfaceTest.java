package io.cryptomargin.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cryptomargin.instrument.DeribitNames;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class VolSurfaceTest {
  private static final double EXACT = 1e-12;
  private static final Instant AS_OF = Instant.parse("2024-03-01T08:00:00Z");
  private static final Instant NEAR = DeribitNames.expiryOn(LocalDate.of(2024, 3, 31)); // 30 days
  private static final Instant FAR = DeribitNames.expiryOn(LocalDate.of(2024, 5, 30)); // 90 days
  private static final Instant MID = DeribitNames.expiryOn(LocalDate.of(2024, 4, 30)); // 60 days

  private static MarketSnapshot snapshot() {
    TreeMap<Instant, Smile> smiles = new TreeMap<>();
    smiles.put(NEAR, new Smile(new double[] {3000, 3500, 4000}, new double[] {0.70, 0.60, 0.64}));
    smiles.put(FAR, new Smile(new double[] {3000, 3500, 4000}, new double[] {0.66, 0.58, 0.60}));
    TreeMap<Instant, Double> forwards = new TreeMap<>();
    forwards.put(NEAR, 3500.0);
    forwards.put(FAR, 3500.0);
    return MarketSnapshot.of(
        AS_OF,
        Map.of("ETH", new UnderlyingMarket(3500, forwards, new VolSurface(Double.NaN, smiles))));
  }

  @Test
  void surfaceVol_withinExpiry_isLinearInLogMoneyness() {
    double strike = 3700;
    double share = Math.log(3700.0 / 3500) / Math.log(4000.0 / 3500);
    assertThat(snapshot().surfaceVol("ETH", strike, NEAR))
        .isCloseTo(0.60 + share * (0.64 - 0.60), within(EXACT));
  }

  @Test
  void surfaceVol_beyondWings_isFlat() {
    assertThat(snapshot().surfaceVol("ETH", 1000, NEAR)).isCloseTo(0.70, within(EXACT));
    assertThat(snapshot().surfaceVol("ETH", 9000, NEAR)).isCloseTo(0.64, within(EXACT));
  }

  @Test
  void surfaceVol_betweenExpiries_isLinearInTotalVariance() {
    double t0 = 30 / 365.0;
    double t1 = 90 / 365.0;
    double t = 60 / 365.0;
    double w = 0.60 * 0.60 * t0 + (0.58 * 0.58 * t1 - 0.60 * 0.60 * t0) * (t - t0) / (t1 - t0);
    assertThat(snapshot().surfaceVol("ETH", 3500, MID)).isCloseTo(Math.sqrt(w / t), within(EXACT));
  }

  @Test
  void surfaceVol_beforeFirstAndAfterLastExpiry_usesNearestSmile() {
    Instant early = DeribitNames.expiryOn(LocalDate.of(2024, 3, 8));
    Instant late = DeribitNames.expiryOn(LocalDate.of(2024, 12, 27));
    assertThat(snapshot().surfaceVol("ETH", 3500, early)).isCloseTo(0.60, within(EXACT));
    assertThat(snapshot().surfaceVol("ETH", 3500, late)).isCloseTo(0.58, within(EXACT));
  }

  @Test
  void forward_betweenQuotedExpiries_isLinearInTime() {
    TreeMap<Instant, Double> forwards = new TreeMap<>();
    forwards.put(NEAR, 3510.0);
    forwards.put(FAR, 3570.0);
    MarketSnapshot s =
        MarketSnapshot.of(
            AS_OF, Map.of("ETH", new UnderlyingMarket(3500, forwards, VolSurface.flat(0.6))));
    assertThat(s.forward("ETH", MID)).isCloseTo(3540.0, within(1e-9));
    // Before the first quoted expiry: from the index now to the first forward.
    Instant day15 = DeribitNames.expiryOn(LocalDate.of(2024, 3, 16));
    assertThat(s.forward("ETH", day15)).isCloseTo(3505.0, within(1e-9));
    // After the last: flat.
    assertThat(s.forward("ETH", DeribitNames.expiryOn(LocalDate.of(2025, 1, 1)))).isEqualTo(3570.0);
    // Without quoted forwards: the index.
    MarketSnapshot flat =
        MarketSnapshot.of(AS_OF, Map.of("BTC", UnderlyingMarket.flat(70000, 0.5)));
    assertThat(flat.forward("BTC", FAR)).isEqualTo(70000.0);
  }
}
