package io.cryptomargin.riskarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cryptomargin.instrument.DeribitNames;
import io.cryptomargin.instrument.Future;
import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.instrument.Settlement;
import io.cryptomargin.io.ModelFiles;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.market.UnderlyingMarket;
import io.cryptomargin.scenario.Scenario;
import io.cryptomargin.scenario.ScenarioRole;
import io.cryptomargin.scenario.ScenarioSet;
import io.cryptomargin.scenario.ScenarioSetDefinition;
import io.cryptomargin.validation.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RiskArrayCalculatorTest {
  private static final double EXACT = 1e-9;
  private static final Instant AS_OF = Instant.parse("2024-03-01T08:00:00Z");
  private static final Instant EXPIRY = Instant.parse("2024-03-29T08:00:00Z");
  private static final double INDEX = 60000;

  private static MarketSnapshot snapshot() {
    return MarketSnapshot.of(AS_OF, Map.of("BTC", UnderlyingMarket.flat(INDEX, 0.6)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"span-16", "crypto-pm"})
  void compute_linearFuture_lossIsLinearInPriceMove(String model) {
    ScenarioSetDefinition definition = ModelFiles.scenarioSet(model);
    Future future = new Future("BTC_USDC-29MAR24", "BTC", EXPIRY, Settlement.LINEAR, "USDC", 1.0);
    RiskArray array =
        RiskArrayCalculator.compute(snapshot(), List.of(future), definition).get(future.name());
    List<Scenario> scenarios = definition.forUnderlying("BTC").scenarios();
    assertThat(array.size()).isEqualTo(scenarios.size());
    for (int i = 0; i < array.size(); i++) {
      Scenario s = scenarios.get(i);
      assertThat(array.loss(i))
          .as(s.label())
          .isCloseTo(-s.priceMove() * INDEX * s.weight(), within(EXACT));
    }
    assertThat(array.compositeDelta()).isEqualTo(1.0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"span-16", "crypto-pm"})
  void compute_inverseFuture_usdLossIsLinearInPriceMove(String model) {
    // An inverse future pays (F − F0)/F coin: in USD at the moved price that is linear in the move.
    // A crypto-pm
    // extended cell is its weighted USD P&L converted to coin at the grid's edge price S(1 ± range)
    // instead.
    ScenarioSetDefinition definition = ModelFiles.scenarioSet(model);
    Instrument future = DeribitNames.parse("BTC-29MAR24");
    RiskArray array =
        RiskArrayCalculator.compute(snapshot(), List.of(future), definition).get(future.name());
    List<Scenario> scenarios = definition.forUnderlying("BTC").scenarios();
    for (int i = 0; i < array.size(); i++) {
      Scenario s = scenarios.get(i);
      double conversionPrice = INDEX * (1 + (s.convertsAtEdge() ? s.edgeMove() : s.priceMove()));
      assertThat(array.loss(i) * conversionPrice)
          .isCloseTo(-s.priceMove() * INDEX * s.weight(), within(EXACT));
    }
  }

  @Test
  void compute_optionUnderSpan16_has16LossesWithExtremesAtCoverFraction() {
    Instrument call = DeribitNames.parse("BTC-29MAR24-65000-C");
    RiskArraySet set =
        RiskArrayCalculator.compute(snapshot(), List.of(call), ModelFiles.scenarioSet("span-16"));
    assertThat(set.get(call.name()).size()).isEqualTo(16);
    assertThat(set.scenarioLabels()).hasSize(16);
    ScenarioSet scenarios = ModelFiles.scenarioSet("span-16").forUnderlying("BTC");
    assertThat(scenarios.scenarios().get(14).priceMove()).isCloseTo(2 * 0.15, within(EXACT));
    assertThat(scenarios.scenarios().get(14).weight()).isEqualTo(0.35);
  }

  @Test
  void compute_optionUnderCryptoPm_has35LossesWithExtendedWeights() {
    Instrument put = DeribitNames.parse("BTC-29MAR24-40000-P");
    ScenarioSetDefinition definition = ModelFiles.scenarioSet("crypto-pm");
    RiskArray array =
        RiskArrayCalculator.compute(snapshot(), List.of(put), definition).get(put.name());
    assertThat(array.size()).isEqualTo(35);
    List<Scenario> scenarios = definition.forUnderlying("BTC").scenarios();
    List<Scenario> extended =
        scenarios.stream().filter(s -> s.role() == ScenarioRole.EXTREME).toList();
    assertThat(extended)
        .extracting(Scenario::priceMove)
        .containsExactly(-0.66, -0.33, 0.5, 1.0, 2.0, 3.0, 4.0, 5.0);
    for (Scenario s : extended) {
      assertThat(s.weight()).isCloseTo(0.16 / Math.abs(s.priceMove()), within(EXACT));
    }
    assertThat(scenarios.get(0).priceMove()).isCloseTo(-0.16, within(EXACT));
    assertThat(scenarios.get(26).priceMove()).isCloseTo(0.16, within(EXACT));
    // A long far out-of-the-money put gains most (most negative loss) in the −66% extended move,
    // even at weight 0.16/0.66: the move the extended table exists for.
    assertThat(array.loss(27)).isLessThan(array.loss(0));
  }

  @Test
  void compute_expiredAndUnknownUnderlying_listsEveryInstrument() {
    Instrument expired = DeribitNames.parse("BTC-23FEB24-60000-C");
    Instrument eth = DeribitNames.parse("ETH-29MAR24-3500-C");
    assertThatThrownBy(
            () ->
                RiskArrayCalculator.compute(
                    snapshot(), List.of(expired, eth), ModelFiles.scenarioSet("span-16")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("2 problems")
        .hasMessageContaining("BTC-23FEB24-60000-C: expired")
        .hasMessageNotContaining("BTC-23FEB24-60000-C.BTC-23FEB24-60000-C")
        .hasMessageContaining("ETH-29MAR24-3500-C")
        .hasMessageContaining("unknown underlying 'ETH'");
  }

  @Test
  void compute_twoUnderlyingsWithDifferentRanges_labelsStateEachCoinsMove() {
    MarketSnapshot market =
        MarketSnapshot.of(
            AS_OF,
            Map.of(
                "BTC", UnderlyingMarket.flat(INDEX, 0.6), "SOL", UnderlyingMarket.flat(150, 0.9)));
    List<Instrument> perpetuals =
        List.of(DeribitNames.parse("BTC_USDC-PERPETUAL"), DeribitNames.parse("SOL_USDC-PERPETUAL"));
    RiskArraySet set =
        RiskArrayCalculator.compute(market, perpetuals, ModelFiles.scenarioSet("crypto-pm"));
    // Built-in crypto-pm: BTC moves +-16%, ETH +-18%, SOL (the defaults) +-24%.
    assertThat(set.scenarioLabels().get(0))
        .isEqualTo("BTC -16%, ETH -18%, other coins -24%, vol up");
    assertThat(set.get("SOL_USDC-PERPETUAL").loss(0)).isCloseTo(0.24 * 150, within(EXACT));
    assertThat(set.get("BTC_USDC-PERPETUAL").loss(0)).isCloseTo(0.16 * INDEX, within(EXACT));
    assertThat(set.scenarioLabels().get(12)).isEqualTo("+0%, vol up");
    assertThat(set.scenarioLabels().get(27)).isEqualTo("-66% extended, vol up");
  }

  @Test
  void compute_userFileWithAnotherBtcRange_labelsStateEthsOwnRange(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("pm.json");
    Files.writeString(
        file,
        "{\"id\":\"pm\",\"version\":\"2\",\"scenarioSet\":{\"type\":\"crypto-pm\","
            + "\"lookAheadDays\":0,\"defaults\":{\"priceRange\":0.15,\"priceSteps\":9,\"extendedMoves\":[-0.66],"
            + "\"extendedFactor\":1,\"volShock\":{\"up\":0.5,\"down\":0.25,\"powerShortDated\":0.3,"
            + "\"powerLongDated\":0.13,\"pivotDays\":30,\"floorVol\":0.01,\"minDaysToExpiry\":1,\"minVolShockUp\":0}},"
            + "\"underlyings\":{\"BTC\":{\"priceRange\":0.2}}}}");
    ScenarioSetDefinition definition = ModelFiles.scenarioSet(file.toString());
    MarketSnapshot market =
        MarketSnapshot.of(AS_OF, Map.of("ETH", UnderlyingMarket.flat(3500, 0.7)));
    RiskArraySet eth =
        RiskArrayCalculator.compute(
            market, List.of(DeribitNames.parse("ETH_USDC-PERPETUAL")), definition);
    assertThat(eth.scenarioLabels().get(0)).isEqualTo("BTC -20%, other coins -15%, vol up");
    assertThat(eth.scenarioLabels().get(3)).isEqualTo("BTC -15%, other coins -11.25%, vol up");
    assertThat(eth.scenarioLabels().get(27)).isEqualTo("-66% extended, vol up");
    assertThat(eth.get("ETH_USDC-PERPETUAL").loss(3)).isCloseTo(0.1125 * 3500, within(EXACT));
  }
}
