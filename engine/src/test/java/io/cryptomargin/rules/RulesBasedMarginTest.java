package io.cryptomargin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cryptomargin.book.MarginStatus;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.Position;
import io.cryptomargin.market.Mark;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.market.UnderlyingMarket;
import io.cryptomargin.validation.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code deribit-sm} and {@code strategy-based} on books whose figures are worked by hand from
 * METHODOLOGY section 4's formulas: BTC at 70,000 with no quoted forwards (U = 70,000 at every
 * expiry), linear (USDC) options of 1 BTC, marks given explicitly so every figure is arithmetic in
 * the comment beside it.
 */
class RulesBasedMarginTest {
  private static final double USD_EXACT = 1e-6;
  private static final Instant AS_OF = Instant.parse("2024-03-01T08:00:00Z");
  private static final RulesParameters SM = RulesParameters.deribitSm();
  private static final RulesParameters STRATEGY = RulesParameters.strategyBased();
  private static final MarketSnapshot MARKET =
      MarketSnapshot.of(
          AS_OF,
          Map.of(
              "BTC",
              UnderlyingMarket.flat(70_000, 0.60),
              "ETH",
              UnderlyingMarket.flat(3_500, 0.65)));

  private static String linear(int strike, char putCall) {
    return "BTC_USDC-29MAR24-" + strike + "-" + putCall;
  }

  /** The market with these marks, USD per coin: name, price, name, price, ... */
  private static MarketSnapshot marked(Object... namesAndPrices) {
    Map<String, Mark> marks = new HashMap<>();
    for (int i = 0; i < namesAndPrices.length; i += 2) {
      marks.put(
          (String) namesAndPrices[i], Mark.ofPrice(((Number) namesAndPrices[i + 1]).doubleValue()));
    }
    return MARKET.withMarks(marks);
  }

  private static RulesMarginResult margin(
      RulesParameters parameters, MarketSnapshot market, Position... positions) {
    return RulesBasedMargin.compute(
        new Portfolio("a-1", Map.of(), List.of(positions)), market, parameters);
  }

  // ------------------------------------------------------------------ deribit-sm legs

  @Test
  void deribitSm_shortOutOfTheMoneyCall_isTheVenueFormulaAndItsMarkToMarketRestatement() {
    // Short call IM = max(0.15·U − OTM, 0.10·U) + mark, MM = 0.075·U + mark (METHODOLOGY 4). U
    // 70,000, K 75,000,
    // OTM 5,000, mark 1,800: IM = max(10,500 − 5,000, 7,000) + 1,800 = 8,800; MM = 5,250 + 1,800 =
    // 7,050.
    // Mark-to-market (section 1a): less the mark, 7,000 and 5,250.
    RulesMarginResult r =
        margin(SM, marked(linear(75_000, 'C'), 1_800), new Position(linear(75_000, 'C'), -1));

    LegMargin leg = r.leg(linear(75_000, 'C')).orElseThrow();
    assertThat(leg.venue()).isEqualTo(new Requirement(8_800, 7_050));
    assertThat(leg.standard().initial()).isCloseTo(7_000, within(USD_EXACT));
    assertThat(leg.standard().maintenance()).isCloseTo(5_250, within(USD_EXACT));
    assertThat(r.initialMarginUsd()).isCloseTo(7_000, within(USD_EXACT));
    assertThat(r.maintenanceMarginUsd()).isCloseTo(5_250, within(USD_EXACT));
    assertThat(r.venueInitialMarginUsd()).isCloseTo(8_800, within(USD_EXACT));
    assertThat(r.venueMaintenanceMarginUsd()).isCloseTo(7_050, within(USD_EXACT));
    // NOV is reported, never subtracted: the short call is −1,800 of equity.
    assertThat(r.optionValueUsd()).isCloseTo(-1_800, within(USD_EXACT));
  }

  @Test
  void deribitSm_shortAtTheMoneyPut_isTheVenueFormulaAndItsMarkToMarketRestatement() {
    // Short put MM = max(0.075·U, 0.075·mark) + mark = max(5,250, 292.5) + 3,900 = 9,150;
    // IM = max(max(0.15·U − OTM, 0.10·U) + mark, MM) = max(10,500 + 3,900, 9,150) = 14,400 (OTM 0).
    // Mark-to-market: 10,500 and 5,250.
    RulesMarginResult r =
        margin(SM, marked(linear(70_000, 'P'), 3_900), new Position(linear(70_000, 'P'), -1));

    LegMargin leg = r.leg(linear(70_000, 'P')).orElseThrow();
    assertThat(leg.venue()).isEqualTo(new Requirement(14_400, 9_150));
    assertThat(r.initialMarginUsd()).isCloseTo(10_500, within(USD_EXACT));
    assertThat(r.maintenanceMarginUsd()).isCloseTo(5_250, within(USD_EXACT));
  }

  @Test
  void deribitSm_longOption_venueNeedsNothingAndMarkToMarketTiesUpItsMark() {
    RulesMarginResult r =
        margin(SM, marked(linear(69_000, 'P'), 3_400), new Position(linear(69_000, 'P'), 2));

    assertThat(r.venueInitialMarginUsd()).isZero();
    assertThat(r.initialMarginUsd()).isCloseTo(6_800, within(USD_EXACT));
    assertThat(r.optionValueUsd()).isCloseTo(6_800, within(USD_EXACT));
  }

  @Test
  void deribitSm_perpetual25Btc_isThePublishedSizeScaledRate() {
    // Deribit "Linear Perpetual": 25 BTC at 100,000 → IM (2% + 25 × 0.005%) × 2,500,000 = 53,125;
    // here at 70,000:
    // 2.125% × 1,750,000 = 37,187.5, MM 1.125% × 1,750,000 = 19,687.5.
    RulesMarginResult r = margin(SM, MARKET, new Position("BTC_USDC-PERPETUAL", -25));

    assertThat(r.initialMarginUsd()).isCloseTo(37_187.5, within(USD_EXACT));
    assertThat(r.maintenanceMarginUsd()).isCloseTo(19_687.5, within(USD_EXACT));
    assertThat(r.venueInitialMarginUsd()).isCloseTo(37_187.5, within(USD_EXACT));
  }

  @Test
  void deribitSm_contractSizeFromTheSnapshot_marginsTenTenthEthContractsAsOneEth() {
    // ETH 3,500, short ETH_USDC 3500 call, 10 contracts of 0.1 ETH = 1 ETH, mark 200 USD per ETH.
    // Per ETH: IM = max(525 − 0, 350) + 200 = 725 (venue), 525 mark-to-market; × 1 ETH, not × 10.
    String call = "ETH_USDC-29MAR24-3500-C";
    MarketSnapshot market =
        new MarketSnapshot(
            "tenths",
            AS_OF,
            MARKET.underlyings(),
            Map.of(call, Mark.ofPrice(200)),
            Map.of(),
            Map.of(call, 0.1));

    RulesMarginResult r = margin(SM, market, new Position(call, -10));

    assertThat(r.venueInitialMarginUsd()).isCloseTo(725, within(USD_EXACT));
    assertThat(r.initialMarginUsd()).isCloseTo(525, within(USD_EXACT));
    assertThat(r.leg(call).orElseThrow().contractSize()).isEqualTo(0.1);
  }

  // ------------------------------------------------------------------ strategy-based

  @Test
  void strategyBased_creditPutSpread_isTheWidthLessTheNetCredit() {
    // Short 70,000 put at 3,900, long 69,000 put at 3,400: width 1,000 − credit 500 = 500, the most
    // the pair can
    // lose beyond its marks. deribit-sm: 10,500 (short, mark-to-market) + 3,400 (long's mark) =
    // 13,900.
    MarketSnapshot market = marked(linear(70_000, 'P'), 3_900, linear(69_000, 'P'), 3_400);
    Position[] spread = {
      new Position(linear(70_000, 'P'), -1), new Position(linear(69_000, 'P'), 1)
    };

    RulesMarginResult strategy = margin(STRATEGY, market, spread);
    RulesMarginResult perLeg = margin(SM, market, spread);

    assertThat(strategy.strategies())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.kind()).isEqualTo(StrategyKind.VERTICAL_SPREAD);
              assertThat(s.charge().initial()).isCloseTo(500, within(USD_EXACT));
            });
    assertThat(strategy.initialMarginUsd()).isCloseTo(500, within(USD_EXACT));
    assertThat(strategy.maintenanceMarginUsd()).isCloseTo(500, within(USD_EXACT));
    // On the venue's cash basis the spread is its width: 500 + 3,900 − 3,400.
    assertThat(strategy.venueInitialMarginUsd()).isCloseTo(1_000, within(USD_EXACT));
    assertThat(perLeg.initialMarginUsd()).isCloseTo(13_900, within(USD_EXACT));
    assertThat(strategy.pairing()).isEqualTo(PairingStatus.EXACT);
  }

  @Test
  void strategyBased_debitPutSpread_isItsNetMark() {
    // Long 70,000 put at 3,900, short 69,000 put at 3,400: net mark 500.
    MarketSnapshot market = marked(linear(70_000, 'P'), 3_900, linear(69_000, 'P'), 3_400);

    RulesMarginResult r =
        margin(
            STRATEGY,
            market,
            new Position(linear(70_000, 'P'), 1),
            new Position(linear(69_000, 'P'), -1));

    assertThat(r.initialMarginUsd()).isCloseTo(500, within(USD_EXACT));
    assertThat(r.venueInitialMarginUsd()).isCloseTo(0, within(USD_EXACT));
  }

  @Test
  void strategyBased_ironCondor_isTheWiderWidthLessTheNetCredit() {
    // Calls 72,000 short at 2,600 / 74,000 long at 1,900 (width 2,000, credit 700); puts 68,000
    // short at 2,900 /
    // 67,000 long at 2,500 (width 1,000, credit 400). Condor: 2,000 − 1,100 = 900; the two spreads
    // apart would be
    // 1,300 + 600 = 1,900. deribit-sm: shorts max(10,500 − 2,000, 7,000) = 8,500 each, longs their
    // marks:
    // 8,500 + 1,900 + 8,500 + 2,500 = 21,400.
    MarketSnapshot market =
        marked(
            linear(72_000, 'C'),
            2_600,
            linear(74_000, 'C'),
            1_900,
            linear(68_000, 'P'),
            2_900,
            linear(67_000, 'P'),
            2_500);
    Position[] condor = {
      new Position(linear(72_000, 'C'), -1),
      new Position(linear(74_000, 'C'), 1),
      new Position(linear(68_000, 'P'), -1),
      new Position(linear(67_000, 'P'), 1)
    };

    RulesMarginResult strategy = margin(STRATEGY, market, condor);

    assertThat(strategy.strategies())
        .singleElement()
        .extracting(RecognizedStrategy::kind)
        .isEqualTo(StrategyKind.IRON_CONDOR);
    assertThat(strategy.initialMarginUsd()).isCloseTo(900, within(USD_EXACT));
    assertThat(margin(SM, market, condor).initialMarginUsd()).isCloseTo(21_400, within(USD_EXACT));
  }

  @Test
  void strategyBased_coveredCallBySpot_chargesNothingForTheCall() {
    // 1 BTC_USDC held, short 75,000 call at 1,800: the option is covered (0) and spot needs
    // nothing; BTC's haircut
    // is 0, so nothing is consumed. deribit-sm: 7,000 (the call, mark-to-market, worked above).
    MarketSnapshot market = marked(linear(75_000, 'C'), 1_800);
    Position[] book = {new Position("BTC_USDC", 1), new Position(linear(75_000, 'C'), -1)};

    RulesMarginResult strategy = margin(STRATEGY, market, book);

    assertThat(strategy.strategies())
        .singleElement()
        .extracting(RecognizedStrategy::kind)
        .isEqualTo(StrategyKind.COVERED);
    assertThat(strategy.initialMarginUsd()).isCloseTo(0, within(USD_EXACT));
    assertThat(strategy.capitalConsumedUsd()).isCloseTo(0, within(USD_EXACT));
    assertThat(strategy.equityUsd()).isCloseTo(70_000 - 1_800, within(USD_EXACT));
    assertThat(margin(SM, market, book).initialMarginUsd()).isCloseTo(7_000, within(USD_EXACT));
  }

  @Test
  void strategyBased_coveredCallByCollateralCoin_chargesNothingForTheCall() {
    MarketSnapshot market = marked(linear(75_000, 'C'), 1_800);
    Portfolio book =
        new Portfolio("a-1", Map.of("BTC", 1.0), List.of(new Position(linear(75_000, 'C'), -1)));

    RulesMarginResult r = RulesBasedMargin.compute(book, market, STRATEGY);

    assertThat(r.initialMarginUsd()).isCloseTo(0, within(USD_EXACT));
    assertThat(r.legs()).extracting(LegMargin::instrument).containsExactly(linear(75_000, 'C'));
    // Half a coin covers no whole contract: the call stays naked.
    Portfolio half =
        new Portfolio("a-1", Map.of("BTC", 0.5), List.of(new Position(linear(75_000, 'C'), -1)));
    assertThat(RulesBasedMargin.compute(half, market, STRATEGY).initialMarginUsd())
        .isCloseTo(7_000, within(USD_EXACT));
  }

  @Test
  void strategyBased_coveredByFutureOfTheSameExpiry_keepsOnlyTheFuturesOwnRequirement() {
    // The future's IM for 1 BTC at 70,000: (2% + 0.005% × 1) × 70,000 = 1,403.5.
    double futureAlone = (0.02 + 0.00005) * 70_000;
    MarketSnapshot market = marked(linear(75_000, 'C'), 1_800, linear(70_000, 'P'), 3_900);

    RulesMarginResult call =
        margin(
            STRATEGY,
            market,
            new Position("BTC_USDC-29MAR24", 1),
            new Position(linear(75_000, 'C'), -1));
    RulesMarginResult put =
        margin(
            STRATEGY,
            market,
            new Position("BTC_USDC-29MAR24", -1),
            new Position(linear(70_000, 'P'), -1));
    RulesMarginResult otherExpiry =
        margin(
            STRATEGY,
            market,
            new Position("BTC_USDC-08MAR24", 1),
            new Position(linear(75_000, 'C'), -1));

    assertThat(call.initialMarginUsd()).isCloseTo(futureAlone, within(USD_EXACT));
    assertThat(put.initialMarginUsd()).isCloseTo(futureAlone, within(USD_EXACT));
    // A future of another expiry covers nothing: the call's 7,000 plus the future.
    assertThat(otherExpiry.strategies()).isEmpty();
    assertThat(otherExpiry.initialMarginUsd()).isCloseTo(7_000 + futureAlone, within(USD_EXACT));
  }

  @Test
  void strategyBased_longCalendar_isItsNetMark() {
    // Short 29MAR24 70,000 call at 4,000, long 26APR24 70,000 call at 5,700: 1,700. deribit-sm:
    // 10,500 + 5,700.
    String front = "BTC_USDC-29MAR24-70000-C";
    String back = "BTC_USDC-26APR24-70000-C";
    MarketSnapshot market = marked(front, 4_000, back, 5_700);
    Position[] book = {new Position(front, -1), new Position(back, 1)};

    assertThat(margin(STRATEGY, market, book).initialMarginUsd())
        .isCloseTo(1_700, within(USD_EXACT));
    assertThat(margin(SM, market, book).initialMarginUsd()).isCloseTo(16_200, within(USD_EXACT));
  }

  @Test
  void strategyBased_shortStraddle_isTheLargerLegsRequirement() {
    // Both legs at the money: 10,500 each on the mark-to-market basis; the straddle is charged the
    // larger, 10,500
    // (the other leg's mark is already in equity).
    MarketSnapshot market = marked(linear(70_000, 'C'), 4_000, linear(70_000, 'P'), 3_900);
    Position[] book = {
      new Position(linear(70_000, 'C'), -1), new Position(linear(70_000, 'P'), -1)
    };

    RulesMarginResult r = margin(STRATEGY, market, book);

    assertThat(r.strategies())
        .singleElement()
        .extracting(RecognizedStrategy::kind)
        .isEqualTo(StrategyKind.STRADDLE);
    assertThat(r.initialMarginUsd()).isCloseTo(10_500, within(USD_EXACT));
    assertThat(margin(SM, market, book).initialMarginUsd()).isCloseTo(21_000, within(USD_EXACT));
  }

  // ------------------------------------------------------------------ the search

  /**
   * Marks of 0, so every credit spread is charged its width and every leg's naked figure is its
   * formula.
   */
  private static MarketSnapshot zeroMarks(Position... book) {
    Map<String, Mark> marks = new HashMap<>();
    for (Position p : book) {
      marks.put(p.instrument(), Mark.ofPrice(0));
    }
    return MARKET.withMarks(marks);
  }

  /**
   * Call spreads 72/73 and 80/85 and put spread 68/63, held {@code calls72}, {@code calls80} and
   * {@code puts} times.
   */
  private static Position[] greedyTrap(int calls72, int calls80, int puts) {
    return new Position[] {
      new Position(linear(72_000, 'C'), -calls72),
      new Position(linear(73_000, 'C'), calls72),
      new Position(linear(80_000, 'C'), -calls80),
      new Position(linear(85_000, 'C'), calls80),
      new Position(linear(68_000, 'P'), -puts),
      new Position(linear(63_000, 'P'), puts)
    };
  }

  @Test
  void strategyBased_bookWhereGreedyPairingIsWrong_findsTheCheapestPairing() {
    // Marks 0: call spreads 72/73 (width 1,000) and 80/85 (5,000), put spread 68/63 (5,000). A
    // condor takes one call
    // spread with the put spread and is charged the wider side. Greedy (largest saving first) puts
    // 72/73 in the
    // condor — its short is nearer the money, so more is saved: 5,000 + 5,000 (80/85 alone) =
    // 10,000. The cheapest
    // pairing puts 80/85 in the condor: 5,000 + 1,000 = 6,000.
    Position[] book = greedyTrap(1, 1, 1);

    RulesMarginResult result = margin(STRATEGY, zeroMarks(book), book);

    assertThat(result.initialMarginUsd()).isCloseTo(6_000, within(USD_EXACT));
    assertThat(result.strategies())
        .anySatisfy(
            s -> {
              assertThat(s.kind()).isEqualTo(StrategyKind.IRON_CONDOR);
              assertThat(s.legs())
                  .extracting(StrategyLeg::instrument)
                  .contains(linear(80_000, 'C'), linear(85_000, 'C'));
            });
    assertThat(result.pairing()).isEqualTo(PairingStatus.EXACT);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 10, 30})
  void strategyBased_greedyTrapAtAnyScale_costsTheUnitPairingTimesTheQuantity(int q) {
    Position[] book = greedyTrap(q, q, q);

    RulesMarginResult result = margin(STRATEGY, zeroMarks(book), book);

    assertThat(result.initialMarginUsd()).isCloseTo(6_000.0 * q, within(USD_EXACT * q));
    assertThat(result.notes()).isEmpty();
  }

  @Test
  void strategyBased_greedyTrapWithUnequalQuantities_findsTheCheapestPairing() {
    // 72/73 × 2, 80/85 × 3, put spread × 3: the three put spreads go into condors with 80/85 (3 ×
    // 5,000) and the
    // two 72/73 spreads stay spreads (2 × 1,000): 17,000. No common factor (7, 11, 13): the 11
    // condors take 80/85
    // (55,000), the two puts left join 72/73 (2 × 5,000) and five 72/73 stay spreads (5,000):
    // 70,000.
    Position[] small = greedyTrap(2, 3, 3);
    Position[] odd = greedyTrap(7, 11, 13);

    assertThat(margin(STRATEGY, zeroMarks(small), small).initialMarginUsd())
        .isCloseTo(17_000, within(USD_EXACT));
    assertThat(margin(STRATEGY, zeroMarks(odd), odd).initialMarginUsd())
        .isCloseTo(70_000, within(USD_EXACT));
  }

  @Test
  void strategyBased_searchOutOfNodes_keepsAValidPairingAndSaysSo() {
    Position[] book = greedyTrap(30, 30, 30);
    RulesParameters oneNode = STRATEGY.withSearch(new SearchLimits(1, 5_000, 60_000));

    RulesMarginResult result = margin(oneNode, zeroMarks(book), book);

    // The greedy pairing of the trap book: 10,000 per unit, never above the legs alone.
    assertThat(result.initialMarginUsd()).isCloseTo(300_000, within(USD_EXACT));
    assertThat(result.initialMarginUsd())
        .isLessThan(margin(SM, zeroMarks(book), book).initialMarginUsd());
    assertThat(result.pairing()).isEqualTo(PairingStatus.STOPPED_AT_NODE_BUDGET);
    assertThat(result.notes())
        .singleElement()
        .asString()
        .contains("stopped after 1 node")
        .contains("greedy");
  }

  @Test
  void strategyBased_unequalQuantities_strategyTakesTheSmallerAndTheRestStaysNaked() {
    // Marks 0: two 70/69 put spreads at the width 1,000 each, one short 70,000 put naked: 10,500.
    Position[] book = {new Position(linear(70_000, 'P'), -3), new Position(linear(69_000, 'P'), 2)};

    RulesMarginResult result = margin(STRATEGY, zeroMarks(book), book);

    assertThat(result.strategies())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.quantity()).isEqualTo(2.0);
              assertThat(s.legs())
                  .containsExactlyInAnyOrder(
                      new StrategyLeg(linear(70_000, 'P'), -2),
                      new StrategyLeg(linear(69_000, 'P'), 2));
            });
    assertThat(result.initialMarginUsd()).isCloseTo(2_000 + 10_500, within(USD_EXACT));
  }

  @Test
  void strategyBased_sameBookInAnyOrder_givesTheSamePairingAndTotal() {
    List<Position> book =
        new ArrayList<>(
            List.of(
                new Position(linear(72_000, 'C'), -2),
                new Position(linear(73_000, 'C'), 1),
                new Position(linear(74_000, 'C'), 2),
                new Position(linear(80_000, 'C'), -1),
                new Position(linear(68_000, 'P'), -1),
                new Position(linear(67_000, 'P'), 1),
                new Position(linear(63_000, 'P'), 1),
                new Position(linear(69_000, 'P'), -1),
                new Position("BTC_USDC-29MAR24", 1)));
    RulesMarginResult first = margin(STRATEGY, MARKET, book.toArray(Position[]::new));
    Random shuffler = new Random(7);
    for (int i = 0; i < 5; i++) {
      Collections.shuffle(book, shuffler);
      RulesMarginResult again = margin(STRATEGY, MARKET, book.toArray(Position[]::new));
      assertThat(again.initialMarginUsd()).isEqualTo(first.initialMarginUsd());
      assertThat(again.strategies()).isEqualTo(first.strategies());
      assertThat(again.legs()).isEqualTo(first.legs());
    }
  }

  // ------------------------------------------------------------------ collateral and status

  @Test
  void compute_coinCollateralAndSpot_haircutOnlyUnlistedCoins() {
    // BTC and ETH haircut 0 (METHODOLOGY 4); SOL, not listed, the file's default 0.20.
    MarketSnapshot market =
        MarketSnapshot.of(
            AS_OF,
            Map.of(
                "BTC",
                UnderlyingMarket.flat(70_000, 0.6),
                "ETH",
                UnderlyingMarket.flat(3_500, 0.65),
                "SOL",
                UnderlyingMarket.flat(200, 0.8)));
    Portfolio portfolio =
        new Portfolio(
            "a-1",
            Map.of("USD", 10_000.0, "BTC", 1.0, "SOL", 10.0),
            List.of(new Position("ETH_USDC", 1)));

    RulesMarginResult result = RulesBasedMargin.compute(portfolio, market, STRATEGY);

    assertThat(result.collateralValueUsd()).isCloseTo(10_000 + 70_000 + 2_000, within(USD_EXACT));
    assertThat(result.spotPositionValueUsd()).isCloseTo(3_500, within(USD_EXACT));
    assertThat(result.spotHaircutUsd()).isCloseTo(0.20 * 2_000, within(USD_EXACT));
    assertThat(result.capitalConsumedUsd()).isCloseTo(400, within(USD_EXACT));
    assertThat(result.freeCollateralUsd()).isCloseTo(85_500 - 400, within(USD_EXACT));
    assertThat(result.status()).isEqualTo(MarginStatus.HEALTHY);
  }

  @Test
  void compute_status_comparesEquityWithMarksAgainstImAndMm() {
    // Short 75,000 call at 1,800 (IM 7,000, MM 5,250) with 7,000 USD: equity 7,000 − 1,800 = 5,200
    // < MM.
    MarketSnapshot market = marked(linear(75_000, 'C'), 1_800);
    Portfolio poor =
        new Portfolio(
            "a-1", Map.of("USD", 7_000.0), List.of(new Position(linear(75_000, 'C'), -1)));
    Portfolio enough =
        new Portfolio(
            "a-1", Map.of("USD", 8_800.0), List.of(new Position(linear(75_000, 'C'), -1)));
    Portfolio between =
        new Portfolio(
            "a-1", Map.of("USD", 7_500.0), List.of(new Position(linear(75_000, 'C'), -1)));

    assertThat(RulesBasedMargin.compute(poor, market, SM).status())
        .isEqualTo(MarginStatus.LIQUIDATION);
    assertThat(RulesBasedMargin.compute(between, market, SM).status())
        .isEqualTo(MarginStatus.MARGIN_CALL);
    // 8,800 cash − 1,800 = 7,000 = IM: the venue's own 8,800 on its cash basis, the same line.
    assertThat(RulesBasedMargin.compute(enough, market, SM).status())
        .isEqualTo(MarginStatus.HEALTHY);
  }

  @Test
  void compute_shortSpotAndBadNames_areReportedTogether() {
    assertThatThrownBy(
            () -> margin(STRATEGY, MARKET, new Position("BTC_USDC", -1), new Position("BTC-XX", 1)))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).hasSize(2));
  }
}
