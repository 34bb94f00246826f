package io.cryptomargin.margin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cryptomargin.book.AccountMargin;
import io.cryptomargin.book.AccountType;
import io.cryptomargin.book.BookInstruments;
import io.cryptomargin.book.CommodityMargin;
import io.cryptomargin.book.ContributionsInScenario;
import io.cryptomargin.book.MarginMode;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.Position;
import io.cryptomargin.book.PositionContribution;
import io.cryptomargin.book.UsdRates;
import io.cryptomargin.io.DemoData;
import io.cryptomargin.io.MarginModelFiles;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.riskarray.RiskArray;
import io.cryptomargin.riskarray.RiskArrayCalculator;
import io.cryptomargin.riskarray.RiskArrayMatrix;
import io.cryptomargin.riskarray.RiskArraySet;
import io.cryptomargin.validation.ValidationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The margin hot path: a book resolved once to rows of the arrays' contiguous matrix, then margined
 * by a loop over them. Its results must be the one-shot margin's, whatever the positions' order,
 * however often it is margined; what it leaves for reports (each position's loss in the binding
 * scenario) must add up to the scanning risk.
 */
class ResolvedBookTest {
  /** Sums in another order differ in the last bits only. */
  private static final double REORDERED_SUM = 1e-9;

  private static final MarketSnapshot MARKET = DemoData.market();

  /**
   * Every instrument kind of the demo market, coin-settled and USDC, with a repeated option (the
   * netting) and coins held (crypto-pm's cross mode puts them in their currency's vector).
   */
  private static final Portfolio BOOK =
      new Portfolio(
          "resolved",
          Map.of("USD", 200_000.0, "BTC", 1.0),
          List.of(
              new Position("BTC-29MAR24-70000-C", -2),
              new Position("BTC-26APR24-65000-P", 1),
              new Position("BTC-PERPETUAL", 0.5),
              new Position("BTC-29MAR24-70000-C", 0.5),
              new Position("ETH_USDC", 1),
              new Position("ETH_USDC-29MAR24-3800-C", -1),
              new Position("ETH_USDC-26APR24-3000-P", 2),
              new Position("ETH-29MAR24-3500-C", 5),
              new Position("ETH-PERPETUAL", -3)));

  private static RiskArraySet arrays(MarginModel model, Portfolio book) {
    return RiskArrayCalculator.compute(MARKET, BookInstruments.of(book, MARKET), model.scenarios());
  }

  private static Portfolio inMode(Portfolio book, MarginMode mode) {
    return new Portfolio(
        book.account(), book.collateral(), book.positions(), AccountType.SPECULATOR, mode);
  }

  @ParameterizedTest
  @ValueSource(strings = {"span-16", "crypto-pm", "tims"})
  void margin_resolvedBookMarginedTwice_equalsTheOneShotMarginBothTimes(String id) {
    MarginModel model = MarginModelFiles.load(id);
    for (MarginMode mode : MarginMode.values()) {
      Portfolio book = inMode(BOOK, mode);
      RiskArraySet arrays = arrays(model, book);
      UsdRates rates = UsdRates.fromSnapshot(MARKET);
      AccountMargin oneShot =
          PortfolioMarginCalculator.margin(book, arrays, model, rates, MARKET.asOf());

      ResolvedBook resolved = PortfolioMarginCalculator.resolve(book, arrays);

      assertThat(resolved.holdingCount()).as("nine positions, one repeated").isEqualTo(8);
      assertThat(PortfolioMarginCalculator.margin(resolved, model, rates, MARKET.asOf()))
          .isEqualTo(oneShot);
      assertThat(PortfolioMarginCalculator.margin(resolved, model, rates, MARKET.asOf()))
          .as("a second margin of the same resolved book")
          .isEqualTo(oneShot);
      assertThat(oneShot.initialMargin()).isPositive();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"span-16", "crypto-pm", "tims"})
  void margin_positionsShuffled_sameRequirements(String id) {
    MarginModel model = MarginModelFiles.load(id);
    RiskArraySet arrays = arrays(model, BOOK);
    UsdRates rates = UsdRates.fromSnapshot(MARKET);
    AccountMargin ordered =
        PortfolioMarginCalculator.margin(
            PortfolioMarginCalculator.resolve(BOOK, arrays), model, rates, MARKET.asOf());
    Random random = new Random(2024);
    for (int round = 0; round < 5; round++) {
      List<Position> shuffled = new ArrayList<>(BOOK.positions());
      Collections.shuffle(shuffled, random);
      Portfolio book = new Portfolio(BOOK.account(), BOOK.collateral(), shuffled);

      AccountMargin margin =
          PortfolioMarginCalculator.margin(
              PortfolioMarginCalculator.resolve(book, arrays), model, rates, MARKET.asOf());

      assertThat(margin.initialMargin())
          .isCloseTo(ordered.initialMargin(), within(REORDERED_SUM * ordered.initialMargin()));
      assertThat(margin.maintenanceMargin())
          .isCloseTo(
              ordered.maintenanceMargin(), within(REORDERED_SUM * ordered.maintenanceMargin()));
    }
  }

  @Test
  void contributions_span16_addUpToEachCommoditysScanningRisk() {
    MarginModel model = MarginModelFiles.load("span-16");
    RiskArraySet arrays = arrays(model, BOOK);
    AccountMargin margin =
        PortfolioMarginCalculator.margin(
            PortfolioMarginCalculator.resolve(BOOK, arrays),
            model,
            UsdRates.fromSnapshot(MARKET),
            MARKET.asOf());

    assertThat(margin.commodities()).hasSize(3);
    for (CommodityMargin commodity : margin.commodities()) {
      double sum = commodity.contributions().stream().mapToDouble(PositionContribution::loss).sum();
      assertThat(Math.max(0.0, sum))
          .as(commodity.underlying() + "/" + commodity.settlementCurrency())
          .isCloseTo(commodity.scanningRisk(), within(1e-9 * (1 + commodity.scanningRisk())));
      for (PositionContribution contribution : commodity.contributions()) {
        RiskArray array = arrays.get(contribution.instrument());
        assertThat(contribution.loss())
            .isEqualTo(contribution.quantity() * array.loss(commodity.bindingScenario() - 1));
      }
    }
  }

  @Test
  void contributions_readByAReport_equalTheEagerListAndRefuseChanges() {
    MarginModel model = MarginModelFiles.load("span-16");
    RiskArraySet arrays = arrays(model, BOOK);
    CommodityMargin btc =
        PortfolioMarginCalculator.margin(BOOK, arrays, model, MARKET).commodities().stream()
            .filter(c -> c.underlying().equals("BTC") && c.settlementCurrency().equals("BTC"))
            .findFirst()
            .orElseThrow();
    int binding = btc.bindingScenario() - 1;
    List<PositionContribution> eager =
        List.of(
            new PositionContribution(
                "BTC-29MAR24-70000-C",
                -1.5,
                -1.5 * arrays.get("BTC-29MAR24-70000-C").loss(binding)),
            new PositionContribution(
                "BTC-26APR24-65000-P", 1, arrays.get("BTC-26APR24-65000-P").loss(binding)),
            new PositionContribution(
                "BTC-PERPETUAL", 0.5, 0.5 * arrays.get("BTC-PERPETUAL").loss(binding)));

    assertThat(btc.contributions()).isInstanceOf(ContributionsInScenario.class).isEqualTo(eager);
    assertThat(btc.contributions().hashCode()).isEqualTo(eager.hashCode());
    assertThatThrownBy(() -> btc.contributions().add(eager.get(0)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> btc.contributions().get(3))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void resolve_instrumentsWithoutArrays_namesEveryOneAtOnce() {
    MarginModel model = MarginModelFiles.load("crypto-pm");
    Portfolio known = new Portfolio("known", Map.of(), List.of(new Position("BTC-PERPETUAL", 1)));
    RiskArraySet arrays = arrays(model, known);
    Portfolio book =
        new Portfolio(
            "missing",
            Map.of(),
            List.of(
                new Position("BTC-PERPETUAL", 1),
                new Position("ETH-PERPETUAL", 2),
                new Position("BTC-29MAR24-70000-C", -1)));

    assertThatThrownBy(() -> PortfolioMarginCalculator.resolve(book, arrays))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(p -> p.field())
                    .containsExactly("positions[1].instrument", "positions[2].instrument"));
  }

  @Test
  void margin_resolvedAgainstAnotherScenarioSet_refusedNamingTheModel() {
    RiskArraySet spanArrays = arrays(MarginModelFiles.load("span-16"), BOOK);
    ResolvedBook resolved = PortfolioMarginCalculator.resolve(BOOK, spanArrays);

    assertThatThrownBy(
            () ->
                PortfolioMarginCalculator.margin(
                    resolved,
                    MarginModelFiles.load("crypto-pm"),
                    UsdRates.fromSnapshot(MARKET),
                    MARKET.asOf()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("--model span-16");
  }

  @Test
  void matrix_everyRow_holdsItsArraysLossesAndFigures() {
    RiskArraySet arrays = arrays(MarginModelFiles.load("crypto-pm"), BOOK);
    RiskArrayMatrix matrix = arrays.matrix();

    assertThat(arrays.matrix()).as("built once").isSameAs(matrix);
    assertThat(matrix.rowCount()).isEqualTo(arrays.arrays().size());
    assertThat(matrix.row("BTC-28JUN24")).isEqualTo(-1);
    int row = 0;
    for (RiskArray array : arrays.arrays().values()) {
      assertThat(matrix.row(array.instrument())).as("insertion order").isEqualTo(row);
      assertThat(matrix.array(row)).isSameAs(array);
      for (int s = 0; s < matrix.scenarioCount(); s++) {
        assertThat(matrix.loss(row, s)).isEqualTo(array.loss(s));
      }
      assertThat(matrix.compositeDelta(row)).isEqualTo(array.compositeDelta());
      assertThat(matrix.contractSize(row)).isEqualTo(array.contractSize());
      assertThat(matrix.isOption(row)).isEqualTo(array.isOption());
      assertThat(matrix.expiry(matrix.expiryIndex(row))).isEqualTo(array.expiry());
      int commodity = matrix.commodityIndex(row);
      assertThat(matrix.commodityUnderlying(commodity)).isEqualTo(array.underlying());
      assertThat(matrix.commoditySettlement(commodity)).isEqualTo(array.settlementCurrency());
      row++;
    }
    assertThat(matrix.commodityCount()).as("BTC/BTC, ETH/USDC, ETH/ETH").isEqualTo(3);
  }
}
