package io.cryptomargin.margin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cryptomargin.book.AccountMargin;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.Position;
import io.cryptomargin.book.UsdRates;
import io.cryptomargin.instrument.InstrumentKind;
import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.io.MarginModelFiles;
import io.cryptomargin.riskarray.RiskArray;
import io.cryptomargin.riskarray.RiskArrayCalculator;
import io.cryptomargin.riskarray.RiskArraySet;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * tims (METHODOLOGY 2c, FINRA Rule 4210(g)): ten price points, requirement = max(worst loss, Σ
 * per-contract minimums of $0.375 × contract size, a long's capped at its value), IM = MM. Arrays
 * are supplied so every figure is plain arithmetic on the numbers in the test.
 */
class TimsMarginTest {
  private static final double EXACT = 1e-9;
  private static final Instant AS_OF = Instant.parse("2024-03-01T08:00:00Z");
  private static final MarginModel TIMS = MarginTestModels.timsModel();
  private static final List<String> LABELS = RiskArrayCalculator.labels(MarginTestModels.tims());

  private static RiskArray option(
      String name, PutCall putCall, double worstLoss, double value, double size) {
    double[] losses = new double[10];
    Arrays.fill(losses, -worstLoss / 2);
    losses[9] = worstLoss;
    return new RiskArray(
        name,
        "XYZ",
        "USD",
        AS_OF.plusSeconds(86_400 * 30),
        InstrumentKind.OPTION,
        putCall,
        losses,
        0.1,
        value,
        100,
        size);
  }

  private static AccountMargin margin(List<Position> positions, RiskArray... arrays) {
    RiskArraySet set = RiskArraySet.of("tims", "test", "hand", LABELS, List.of(arrays));
    return PortfolioMarginCalculator.margin(
        new Portfolio("a", Map.of("USD", 200_000.0), positions),
        set,
        TIMS,
        UsdRates.fromRiskArrays(set),
        AS_OF);
  }

  @Test
  void margin_longStraddleOf200ContractsOf100_floorGivesCboesFigure() {
    // Cboe's table: a long straddle of 200 contracts (100 calls + 100 puts) of 100 shares, each leg
    // worth more
    // than $37.50, needs 200 × $0.375 × 100 = $7,500. Its scan loss here is 200 × 10 = 2,000, so
    // the floor binds.
    RiskArray call = option("C", PutCall.CALL, 10, 500, 100);
    RiskArray put = option("P", PutCall.PUT, 10, 500, 100);
    AccountMargin m = margin(List.of(new Position("C", 100), new Position("P", 100)), call, put);
    assertThat(m.commodities().get(0).shortOptionMinimum()).isCloseTo(7_500, within(EXACT));
    assertThat(m.initialMargin()).isCloseTo(7_500, within(EXACT));
    assertThat(m.maintenanceMargin()).isEqualTo(m.initialMargin());
  }

  @Test
  void margin_longCheaperThanTheFloor_floorCappedAtItsValue() {
    // A long worth 20 per contract (below 0.375 × 100 = 37.50): its minimum is capped at 20; 10
    // contracts → 200.
    // Its worst loss is 15 × 10 = 150 < 200, so the capped floor binds.
    RiskArray cheap = option("C", PutCall.CALL, 15, 20, 100);
    AccountMargin m = margin(List.of(new Position("C", 10)), cheap);
    assertThat(m.commodities().get(0).shortOptionMinimum()).isCloseTo(200, within(EXACT));
    assertThat(m.initialMargin()).isCloseTo(200, within(EXACT));
  }

  @Test
  void margin_shortOptionLosingMoreThanTheFloor_worstLossBinds() {
    // A short's minimum is not capped: 0.375 × 100 = 37.50 per contract; its worst loss (the +15%
    // point) is 900.
    RiskArray put = option("P", PutCall.PUT, -900, 300, 100);
    AccountMargin m = margin(List.of(new Position("P", -1)), put);
    assertThat(m.commodities().get(0).shortOptionMinimum()).isCloseTo(37.5, within(EXACT));
    assertThat(m.initialMargin()).isCloseTo(900, within(EXACT));
  }

  @Test
  void margin_oneBtcContract_floorOf0375UsdNeverBinds() {
    // The floor is per unit of underlying: a 1-BTC contract's is 0.375 USD, kept as the rule writes
    // it.
    RiskArray call = option("C", PutCall.CALL, -50, 10, 1);
    AccountMargin m = margin(List.of(new Position("C", -1)), call);
    assertThat(m.commodities().get(0).shortOptionMinimum()).isCloseTo(0.375, within(EXACT));
    assertThat(m.initialMargin()).isCloseTo(50, within(EXACT));
  }

  @Test
  void builtIn_tenEquidistantPointsOfFifteenPercentNoVolShift() {
    MarginModel model = MarginModelFiles.load("tims");
    assertThat(model.scenarios().scenarioCount()).isEqualTo(10);
    assertThat(model.scenarios().forUnderlying("BTC").scenarios())
        .extracting(s -> s.priceMove())
        .containsExactly(0.03, 0.06, 0.09, 0.12, 0.15, -0.03, -0.06, -0.09, -0.12, -0.15);
    assertThat(model.scenarios().forUnderlying("BTC").lookAheadDays()).isZero();
    assertThat(((TimsCharges) model.charges()).perContractMinimumUsdPerCoin()).isEqualTo(0.375);
  }
}
