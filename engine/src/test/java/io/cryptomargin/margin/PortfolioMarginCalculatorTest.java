package io.cryptomargin.margin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cryptomargin.book.AccountMargin;
import io.cryptomargin.book.AccountType;
import io.cryptomargin.book.CommodityMargin;
import io.cryptomargin.book.MarginMode;
import io.cryptomargin.book.MarginStatus;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.Position;
import io.cryptomargin.book.UsdRates;
import io.cryptomargin.instrument.InstrumentKind;
import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.riskarray.RiskArray;
import io.cryptomargin.riskarray.RiskArrayCalculator;
import io.cryptomargin.riskarray.RiskArraySet;
import io.cryptomargin.validation.ValidationException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each component of METHODOLOGY section 3 on books small enough to work out by hand. The risk
 * arrays are supplied directly, the way a clearing house distributes them, so every expected figure
 * below is plain arithmetic on the numbers in the test.
 */
class PortfolioMarginCalculatorTest {
  private static final double EXACT = 1e-9;
  private static final Instant AS_OF = Instant.parse("2024-03-01T08:00:00Z");
  private static final Instant IN_20_DAYS = AS_OF.plus(20, ChronoUnit.DAYS);
  private static final Instant IN_60_DAYS = AS_OF.plus(60, ChronoUnit.DAYS);
  private static final MarginModel SPAN = MarginTestModels.span16Model(MarginTestModels.BTC_ETH);
  private static final List<String> LABELS = RiskArrayCalculator.labels(MarginTestModels.span16());

  /** A linear BTC future: loses 10,500 USD per contract for each −15% (PSR) at 70,000. */
  private static double[] futureLosses(double price, double psr) {
    double[] moves = {
      0, 0, 1 / 3.0, 1 / 3.0, -1 / 3.0, -1 / 3.0, 2 / 3.0, 2 / 3.0, -2 / 3.0, -2 / 3.0, 1, 1, -1, -1
    };
    double[] losses = new double[16];
    for (int i = 0; i < 14; i++) {
      losses[i] = -moves[i] * psr * price;
    }
    losses[14] = -2 * psr * price * 0.35;
    losses[15] = 2 * psr * price * 0.35;
    return losses;
  }

  private static RiskArray future(
      String name, String coin, Instant expiry, double price, double psr) {
    return new RiskArray(
        name,
        coin,
        "USD",
        expiry,
        InstrumentKind.FUTURE,
        null,
        futureLosses(price, psr),
        1.0,
        0.0,
        price);
  }

  private static RiskArray option(
      String name, PutCall putCall, double[] losses, double delta, double value) {
    return new RiskArray(
        name,
        "BTC",
        "USD",
        IN_20_DAYS,
        InstrumentKind.OPTION,
        putCall,
        losses,
        delta,
        value,
        70_000);
  }

  private static double[] constant(double loss) {
    double[] losses = new double[16];
    Arrays.fill(losses, loss);
    return losses;
  }

  private static AccountMargin margin(
      Map<String, Double> collateral, List<Position> positions, RiskArray... arrays) {
    RiskArraySet set = RiskArraySet.of("span-16", "test", "hand", LABELS, List.of(arrays));
    return PortfolioMarginCalculator.margin(
        new Portfolio("a-1", collateral, positions),
        set,
        SPAN,
        UsdRates.fromRiskArrays(set),
        AS_OF);
  }

  @Test
  void margin_longCallHedgedWithShortFuture_scanIsWorstOfNetLossesNotSumOfLegs() {
    // Call: loses its 3,000 premium when price falls a third of the range or more, gains when it
    // rises.
    double[] call = {
      500, 800, -2_000, -1_500, 2_500, 2_800, -5_000, -4_500, 3_000, 3_000, -8_000, -7_500, 3_000,
      3_000, -4_000, 1_050
    };
    RiskArray callArray = option("C", PutCall.CALL, call, 0.5, 3_000);
    RiskArray futureArray = future("F", "BTC", IN_20_DAYS, 70_000, 0.15);
    AccountMargin hedged =
        margin(
            Map.of("USD", 200_000.0),
            List.of(new Position("C", 1), new Position("F", -0.5)),
            callArray,
            futureArray);
    // Net loss per scenario = call[i] - 0.5 * future[i]; future[i] = -move * 10,500.
    double[] net = new double[16];
    double[] future = futureLosses(70_000, 0.15);
    for (int i = 0; i < 16; i++) {
      net[i] = call[i] - 0.5 * future[i];
    }
    double worst = Arrays.stream(net).max().orElseThrow();
    CommodityMargin btc = hedged.commodities().get(0);
    assertThat(btc.scanningRisk()).isCloseTo(worst, within(EXACT));
    // Worked by hand, net = call - 0.5 x future, future = -move x 10,500: scenario 2 (unchanged,
    // vol down) 800;
    // scenario 5 (-1/3 PSR, vol up) 2,500 - 1,750 = 750; scenario 6 (-1/3 PSR, vol down) 2,800 -
    // 1,750 = 1,050;
    // scenario 14 (-PSR, vol down) 3,000 - 5,250 = -2,250; scenario 16 (-2 PSR x 0.35) 1,050 -
    // 3,675 = -2,625.
    // The worst is scenario 6, 1,050, while the call alone loses 3,000 and the short future alone
    // 2,625.
    assertThat(btc.scanningRisk()).isCloseTo(1_050, within(EXACT));
    assertThat(btc.bindingScenario()).isEqualTo(6);
    AccountMargin callAlone =
        margin(Map.of("USD", 200_000.0), List.of(new Position("C", 1)), callArray);
    AccountMargin shortFutureAlone =
        margin(Map.of("USD", 200_000.0), List.of(new Position("F", -0.5)), futureArray);
    assertThat(btc.scanningRisk())
        .isLessThan(
            callAlone.commodities().get(0).scanningRisk()
                + shortFutureAlone.commodities().get(0).scanningRisk());
    assertThat(btc.netDelta()).isCloseTo(0.5 - 0.5, within(EXACT));
    assertThat(btc.contributions().get(0).loss()).isCloseTo(2_800, within(EXACT));
    assertThat(btc.contributions().get(1).loss()).isCloseTo(-1_750, within(EXACT));
  }

  @Test
  void margin_calendarSpreadOfFutures_intraChargeIsRateTimesMatchedDeltaTimesPrice() {
    // Long 2 futures expiring in 20 days (tier 7-30), short 2 expiring in 60 days (tier 30-90):
    // scan risk is 0,
    // the two tiers' deltas +2 and -2 match fully: charge = 1% x 2 x 70,000 = 1,400 USD.
    AccountMargin calendar =
        margin(
            Map.of("USD", 200_000.0),
            List.of(new Position("F1", 2), new Position("F2", -2)),
            future("F1", "BTC", IN_20_DAYS, 70_000, 0.15),
            future("F2", "BTC", IN_60_DAYS, 70_000, 0.15));
    CommodityMargin btc = calendar.commodities().get(0);
    assertThat(btc.scanningRisk()).isCloseTo(0, within(EXACT));
    assertThat(btc.intraSpreadCharge()).isCloseTo(1_400, within(EXACT));
    assertThat(btc.risk()).isCloseTo(1_400, within(EXACT));
    assertThat(btc.maintenanceMargin()).isCloseTo(1_400, within(EXACT));
    assertThat(btc.initialMargin()).isCloseTo(1_540, within(EXACT));
  }

  @Test
  void margin_sameTierFutures_noCalendarCharge() {
    AccountMargin sameTier =
        margin(
            Map.of("USD", 200_000.0),
            List.of(new Position("F1", 2), new Position("F2", -2)),
            future("F1", "BTC", IN_20_DAYS, 70_000, 0.15),
            future("F2", "BTC", IN_20_DAYS.plus(5, ChronoUnit.DAYS), 70_000, 0.15));
    assertThat(sameTier.commodities().get(0).intraSpreadCharge()).isZero();
  }

  @Test
  void margin_longBtcShortEth_interCreditIsHalfOfEachWeightedPriceRisk() {
    // 1 BTC long (70,000 USD of delta) against 20 ETH short (20 x 3,500 = 70,000 USD): one full
    // spread.
    // BTC scan = 10,500 x 1 = 10,500 (scenario 13, -PSR); WPR = 10,500 / 1; credit = 50% x 1 x
    // 10,500 = 5,250.
    // ETH scan = 20 x 0.20 x 3,500 = 14,000; WPR = 14,000 / 20 = 700; credit = 50% x 20 x 700 =
    // 7,000.
    AccountMargin book =
        margin(
            Map.of("USD", 200_000.0),
            List.of(new Position("BTC-F", 1), new Position("ETH-F", -20)),
            future("BTC-F", "BTC", IN_20_DAYS, 70_000, 0.15),
            future("ETH-F", "ETH", IN_20_DAYS, 3_500, 0.20));
    CommodityMargin btc = book.commodity("BTC", "USD").orElseThrow();
    CommodityMargin eth = book.commodity("ETH", "USD").orElseThrow();
    assertThat(btc.scanningRisk()).isCloseTo(10_500, within(EXACT));
    assertThat(btc.interSpreadCredit()).isCloseTo(5_250, within(EXACT));
    assertThat(eth.scanningRisk()).isCloseTo(14_000, within(EXACT));
    assertThat(eth.interSpreadCredit()).isCloseTo(7_000, within(EXACT));
    assertThat(book.maintenanceMargin()).isCloseTo(5_250 + 7_000, within(EXACT));
  }

  @Test
  void margin_sameDirectionBtcAndEth_noInterCredit() {
    AccountMargin book =
        margin(
            Map.of("USD", 200_000.0),
            List.of(new Position("BTC-F", 1), new Position("ETH-F", 20)),
            future("BTC-F", "BTC", IN_20_DAYS, 70_000, 0.15),
            future("ETH-F", "ETH", IN_20_DAYS, 3_500, 0.20));
    assertThat(book.commodities()).allSatisfy(c -> assertThat(c.interSpreadCredit()).isZero());
  }

  @Test
  void margin_farOutOfTheMoneyShortOptions_cmeShortOptionMinimumBinds() {
    // Five short calls and three short puts whose scenario losses are tiny (5 USD each at worst):
    // scan = 5 x 5 + 3 x 5 = 40. CME's form: SOM = rate x PSR x price x max(short calls, short
    // puts) in coins
    // = 0.01 x 0.15 x 70,000 x max(5, 3) = 525, which binds.
    RiskArray farCall = option("FAR-C", PutCall.CALL, constant(-5), 0.001, 1.0);
    RiskArray farPut = option("FAR-P", PutCall.PUT, constant(-5), -0.001, 1.0);
    AccountMargin book =
        margin(
            Map.of("USD", 200_000.0),
            List.of(new Position("FAR-C", -5), new Position("FAR-P", -3)),
            farCall,
            farPut);
    CommodityMargin btc = book.commodities().get(0);
    assertThat(btc.scanningRisk()).isCloseTo(40, within(EXACT));
    assertThat(btc.shortOptionMinimum()).isCloseTo(525, within(EXACT));
    assertThat(btc.risk()).isCloseTo(525, within(EXACT));
    // NOV = -5 x 1 - 3 x 1 = -8 is reported but not added: the premium is already in equity at its
    // mark.
    assertThat(btc.netOptionValue()).isCloseTo(-8, within(EXACT));
    assertThat(btc.maintenanceMargin()).isCloseTo(525, within(EXACT));
    assertThat(book.equity()).isCloseTo(200_000 - 8, within(EXACT));
  }

  @Test
  void margin_shortOptionMinimumOfTenthCoinContracts_countsCoinsNotContracts() {
    // Ten short 0.1-coin calls are 1 coin: SOM = 0.01 x 0.15 x 70,000 x 1 = 105 (not 1,050 for ten
    // coins).
    RiskArray tenth =
        new RiskArray(
            "TENTH-C",
            "BTC",
            "USD",
            IN_20_DAYS,
            InstrumentKind.OPTION,
            PutCall.CALL,
            constant(-0.5),
            0.0001,
            0.1,
            70_000,
            0.1);
    AccountMargin book =
        margin(Map.of("USD", 200_000.0), List.of(new Position("TENTH-C", -10)), tenth);
    assertThat(book.commodities().get(0).shortOptionMinimum()).isCloseTo(105, within(EXACT));
  }

  @Test
  void margin_longOptionsOnly_requirementIsTheFurtherLossAndTheirValueIsInEquity() {
    // Two long calls worth 3,000 each, worst loss 2,900 each. On the mark-to-market basis the
    // requirement is the
    // further loss, 5,800, never reduced by their value (6,000), which is in equity instead: 1,000
    // + 6,000.
    RiskArray call = option("C", PutCall.CALL, constant(2_900), 0.5, 3_000);
    AccountMargin book = margin(Map.of("USD", 1_000.0), List.of(new Position("C", 2)), call);
    CommodityMargin btc = book.commodities().get(0);
    assertThat(btc.scanningRisk()).isCloseTo(5_800, within(EXACT));
    assertThat(btc.netOptionValue()).isCloseTo(6_000, within(EXACT));
    assertThat(btc.maintenanceMargin()).isCloseTo(5_800, within(EXACT));
    assertThat(book.netOptionValueUsd()).isCloseTo(6_000, within(EXACT));
    assertThat(book.equity()).isCloseTo(7_000, within(EXACT));
    // IM = 1.1 x 5,800 = 6,380 <= 7,000.
    assertThat(book.initialMargin()).isCloseTo(6_380, within(EXACT));
    assertThat(book.status()).isEqualTo(MarginStatus.HEALTHY);
    assertThat(book.freeCollateral()).isCloseTo(7_000 - 6_380, within(EXACT));
  }

  @Test
  void margin_hedgerAndMemberAccounts_initialEqualsMaintenanceSpeculatorsIs110Percent() {
    // One linear future: MM = its -15% loss, 10,500. CME: speculator IM 110% = 11,550, hedger and
    // member 100%.
    RiskArray f = future("F", "BTC", IN_20_DAYS, 70_000, 0.15);
    RiskArraySet set = RiskArraySet.of("span-16", "test", "hand", LABELS, List.of(f));
    for (AccountType type : AccountType.values()) {
      Portfolio book =
          new Portfolio(
              "a", Map.of("USD", 20_000.0), List.of(new Position("F", 1)), type, MarginMode.CROSS);
      AccountMargin m =
          PortfolioMarginCalculator.margin(book, set, SPAN, UsdRates.fromRiskArrays(set), AS_OF);
      assertThat(m.maintenanceMargin()).as(type.name()).isCloseTo(10_500, within(EXACT));
      assertThat(m.initialMargin())
          .as(type.name())
          .isCloseTo(type == AccountType.SPECULATOR ? 11_550 : 10_500, within(EXACT));
      assertThat(m.accountType()).isEqualTo(type);
    }
  }

  @Test
  void margin_equityBetweenRequirements_statusFollowsMethodology() {
    // Requirement: 10,500 maintenance, 11,550 initial (x 1.1).
    RiskArray f = future("F", "BTC", IN_20_DAYS, 70_000, 0.15);
    assertThat(margin(Map.of("USD", 11_560.0), List.of(new Position("F", 1)), f).status())
        .isEqualTo(MarginStatus.HEALTHY);
    assertThat(margin(Map.of("USD", 11_000.0), List.of(new Position("F", 1)), f).status())
        .isEqualTo(MarginStatus.MARGIN_CALL);
    assertThat(margin(Map.of("USD", 10_000.0), List.of(new Position("F", 1)), f).status())
        .isEqualTo(MarginStatus.LIQUIDATION);
  }

  @Test
  void margin_multiCurrencyCollateral_valuedAtIndexAndQualificationChecked() {
    RiskArray f = future("F", "BTC", IN_20_DAYS, 70_000, 0.15);
    AccountMargin book =
        margin(Map.of("USD", 50_000.0, "BTC", 0.5), List.of(new Position("F", 1)), f);
    assertThat(book.collateralValue()).isCloseTo(50_000 + 35_000, within(EXACT));
    assertThat(book.portfolioMarginQualified()).isFalse();
    assertThat(book.notes()).anySatisfy(n -> assertThat(n).contains("rules-based"));
  }

  @Test
  void margin_instrumentWithoutArray_errorNamesItNeverZero() {
    RiskArray f = future("F", "BTC", IN_20_DAYS, 70_000, 0.15);
    assertThatThrownBy(
            () ->
                margin(
                    Map.of(),
                    List.of(
                        new Position("F", 1),
                        new Position("MISSING-1", 2),
                        new Position("MISSING-2", 1)),
                    f))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("MISSING-1")
        .hasMessageContaining("MISSING-2");
  }

  @Test
  void margin_collateralInUnknownCurrency_errorNamesIt() {
    RiskArray f = future("F", "BTC", IN_20_DAYS, 70_000, 0.15);
    assertThatThrownBy(() -> margin(Map.of("SOL", 10.0), List.of(new Position("F", 1)), f))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("SOL");
  }

  @Test
  void margin_arraysOfAnotherScenarioSet_rejected() {
    RiskArraySet set =
        RiskArraySet.of(
            "span-16",
            "test",
            "hand",
            LABELS,
            List.of(future("F", "BTC", IN_20_DAYS, 70_000, 0.15)));
    MarginModel crypto = MarginTestModels.cryptoPmModel();
    assertThatThrownBy(
            () ->
                PortfolioMarginCalculator.margin(
                    new Portfolio("a", Map.of(), List.of(new Position("F", 1))),
                    set,
                    crypto,
                    UsdRates.fromRiskArrays(set),
                    AS_OF))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("span-16");
  }

  @Test
  void margin_arraysShorterThanTheModelsScenarios_errorNamesEveryInstrument() {
    // A set that calls itself span-16 but whose arrays have 3 losses: span-16 has 16 scenarios.
    RiskArray a =
        new RiskArray(
            "A",
            "BTC",
            "USD",
            null,
            InstrumentKind.FUTURE,
            null,
            new double[] {1, 2, 3},
            1,
            0,
            70_000);
    RiskArray b =
        new RiskArray(
            "B",
            "BTC",
            "USD",
            null,
            InstrumentKind.FUTURE,
            null,
            new double[] {1, 2, 3},
            1,
            0,
            70_000);
    RiskArraySet set =
        RiskArraySet.of("span-16", "test", "hand", List.of("1", "2", "3"), List.of(a, b));

    assertThatThrownBy(
            () ->
                PortfolioMarginCalculator.margin(
                    new Portfolio(
                        "a-1", Map.of(), List.of(new Position("A", 1), new Position("B", -1))),
                    set,
                    SPAN,
                    UsdRates.fromRiskArrays(set),
                    AS_OF))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).hasSize(2))
        .hasMessageContaining("A has 3 scenario losses, the span-16 model has 16")
        .hasMessageContaining("B has 3 scenario losses");
  }

  @Test
  void margin_issuesMinimalArraysWithoutOptions_needNoUnderlyingPrice() {
    // The issue's minimal format: instrument, underlying, losses, compositeDelta, nothing else. No
    // short option
    // and one expiry, so neither the short option minimum nor the calendar charge needs a price:
    // the margin is
    // the scan, max over scenarios of 2 × loss = 2 × 150 = 300, × 1.1.
    double[] losses = constant(100);
    losses[5] = 150;
    RiskArray minimal =
        new RiskArray("ESM4", "ES", "USD", null, null, null, losses, 0.52, Double.NaN, Double.NaN);

    AccountMargin result =
        margin(Map.of("USD", 1_000.0), List.of(new Position("ESM4", 2)), minimal);

    assertThat(result.commodities())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.scanningRisk()).isCloseTo(300, within(EXACT));
              assertThat(c.shortOptionMinimum()).isZero();
              assertThat(c.intraSpreadCharge()).isZero();
            });
    assertThat(result.initialMargin()).isCloseTo(330, within(EXACT));
  }

  @Test
  void margin_shortOptionWithoutUnderlyingPrice_errorSaysTheShortOptionMinimumNeedsIt() {
    RiskArray put =
        new RiskArray(
            "P",
            "ES",
            "USD",
            null,
            InstrumentKind.OPTION,
            PutCall.PUT,
            constant(10),
            -0.2,
            5,
            Double.NaN);

    assertThatThrownBy(() -> margin(Map.of("USD", 1_000.0), List.of(new Position("P", -1)), put))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("underlyingPrice.ES")
        .hasMessageContaining("short option minimum");
  }

  @Test
  void portfolio_negativeCollateral_rejectedNamingTheCurrency() {
    assertThatThrownBy(() -> new Portfolio("a-1", Map.of("USD", -1.0, "BTC", 0.5), List.of()))
        .isInstanceOf(ValidationException.class)
        .satisfies(
            e ->
                assertThat(((ValidationException) e).problems())
                    .singleElement()
                    .satisfies(p -> assertThat(p.field()).isEqualTo("collateral.USD")));
  }

  @Test
  void margin_quantityWhoseLossesOverflow_errorNamesThePositionNeverInfinity() {
    // 1e305 × a loss of 10,500 per contract is beyond the largest double: the margin cannot be a
    // number.
    RiskArray f = future("F", "BTC", IN_20_DAYS, 70_000, 0.15);
    RiskArray g = future("G", "BTC", IN_60_DAYS, 70_000, 0.15);

    assertThatThrownBy(
            () -> margin(Map.of(), List.of(new Position("G", 1), new Position("F", 1e305)), f, g))
        .isInstanceOf(ValidationException.class)
        .satisfies(
            e ->
                assertThat(((ValidationException) e).problems())
                    .singleElement()
                    .satisfies(p -> assertThat(p.field()).isEqualTo("positions[1].quantity")));
  }
}
