package io.cryptomargin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.instrument.Settlement;
import io.cryptomargin.margin.Portfolio;
import io.cryptomargin.margin.Position;
import io.cryptomargin.market.Mark;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.market.UnderlyingMarket;
import io.cryptomargin.validation.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Strategy recognition and pairing on books whose charges can be worked out by hand. */
class RulesBasedMarginTest {
  private static final double USD_EXACT = 1e-6;
  private static final double COIN_EXACT = 1e-12;
  private static final Instant AS_OF = Instant.parse("2024-03-01T08:00:00Z");
  private static final String EXPIRY = "29MAR24";
  private static final RulesParameters DEFAULTS = RulesParameters.defaults();
  /** BTC at 70,000 with no quoted forwards (U = 70,000 at every expiry), flat 60% vol. */
  private static final MarketSnapshot MARKET = MarketSnapshot.of(AS_OF,
      Map.of("BTC", UnderlyingMarket.flat(70_000, 0.60), "ETH", UnderlyingMarket.flat(3_500, 0.65)));

  private static String linear(int strike, char putCall) {
    return "BTC_USDC-" + EXPIRY + "-" + strike + "-" + putCall;
  }

  private static RulesMarginResult margin(RulesParameters parameters, MarketSnapshot market, Position... positions) {
    return RulesBasedMargin.compute(new Portfolio("a-1", Map.of(), List.of(positions)), market, parameters);
  }

  private static RulesMarginResult margin(Position... positions) {
    return margin(DEFAULTS, MARKET, positions);
  }

  private static double nakedUsd(Position... positions) {
    return margin(DEFAULTS.withStrategy(StrategyKind.VERTICAL_SPREAD, false)
        .withStrategy(StrategyKind.IRON_CONDOR, false), MARKET, positions).initialMarginUsd();
  }

  @Test
  void compute_creditPutSpread_isChargedItsStrikeWidth() {
    RulesMarginResult result = margin(new Position(linear(70_000, 'P'), -1), new Position(linear(69_000, 'P'), 1));

    assertThat(result.strategies()).singleElement().satisfies(s -> {
      assertThat(s.kind()).isEqualTo(StrategyKind.VERTICAL_SPREAD);
      assertThat(s.quantity()).isEqualTo(1.0);
      assertThat(s.charge().initial()).isCloseTo(1_000, within(USD_EXACT));
    });
    assertThat(result.initialMarginUsd()).isCloseTo(1_000, within(USD_EXACT));
    assertThat(result.legs()).allSatisfy(l -> assertThat(l.strategyIds()).containsExactly("BTC#1"));
    assertThat(result.legs().stream().mapToDouble(LegMargin::chargedInitialUsd).sum()).isCloseTo(1_000, within(USD_EXACT));
  }

  @Test
  void compute_debitCallSpread_isChargedTheNetPremium() {
    MarketSnapshot market = MARKET.withMarks(Map.of(linear(70_000, 'C'), Mark.ofPrice(4_000),
        linear(72_000, 'C'), Mark.ofPrice(3_100)));

    RulesMarginResult result = margin(DEFAULTS, market, new Position(linear(70_000, 'C'), 1),
        new Position(linear(72_000, 'C'), -1));

    assertThat(result.strategies()).singleElement().extracting(RecognizedStrategy::kind)
        .isEqualTo(StrategyKind.VERTICAL_SPREAD);
    assertThat(result.initialMarginUsd()).isCloseTo(900, within(USD_EXACT));
  }

  @Test
  void compute_inversePutSpread_isChargedTheWidthInCoinAtU() {
    RulesMarginResult result = margin(new Position("BTC-" + EXPIRY + "-70000-P", -1),
        new Position("BTC-" + EXPIRY + "-69000-P", 1));

    RecognizedStrategy spread = result.strategies().get(0);
    assertThat(spread.settlementCurrency()).isEqualTo("BTC");
    assertThat(spread.charge().initial()).isCloseTo(1_000.0 / 70_000, within(COIN_EXACT));
    assertThat(result.underlyings()).singleElement().satisfies(u -> {
      assertThat(u.initialMargin()).isCloseTo(1_000.0 / 70_000, within(COIN_EXACT));
      assertThat(u.initialMarginUsd()).isCloseTo(1_000, within(USD_EXACT));
    });
  }

  @Test
  void compute_ironCondor_isChargedItsWiderSide() {
    RulesMarginResult result = margin(new Position(linear(72_000, 'C'), -1), new Position(linear(73_000, 'C'), 1),
        new Position(linear(68_000, 'P'), -1), new Position(linear(66_000, 'P'), 1));

    assertThat(result.strategies()).singleElement().satisfies(s -> {
      assertThat(s.kind()).isEqualTo(StrategyKind.IRON_CONDOR);
      assertThat(s.legs()).extracting(StrategyLeg::instrument).containsExactlyInAnyOrder(linear(72_000, 'C'),
          linear(73_000, 'C'), linear(68_000, 'P'), linear(66_000, 'P'));
    });
    assertThat(result.initialMarginUsd()).isCloseTo(2_000, within(USD_EXACT));
  }

  @Test
  void compute_bookWhereGreedyPairingIsWrong_findsTheCheapestPairing() {
    // Call spreads 72/73 (width 1,000) and 80/85 (5,000), put spread 68/63 (5,000). A condor takes one call
    // spread with the put spread and is charged the wider side. Greedy by largest saving first takes the
    // condor with the 72/73 spread (its short is nearer the money, so its naked margin — the saving — is
    // larger): 5,000 + 5,000 (80/85 alone) = 10,000. The cheapest pairing puts 80/85 in the condor:
    // 5,000 + 1,000 = 6,000.
    Position[] book = {new Position(linear(72_000, 'C'), -1), new Position(linear(73_000, 'C'), 1),
        new Position(linear(80_000, 'C'), -1), new Position(linear(85_000, 'C'), 1),
        new Position(linear(68_000, 'P'), -1), new Position(linear(63_000, 'P'), 1)};

    RulesMarginResult result = margin(book);

    assertThat(result.initialMarginUsd()).isCloseTo(6_000, within(USD_EXACT));
    assertThat(result.strategies()).anySatisfy(s -> {
      assertThat(s.kind()).isEqualTo(StrategyKind.IRON_CONDOR);
      assertThat(s.legs()).extracting(StrategyLeg::instrument).contains(linear(80_000, 'C'), linear(85_000, 'C'));
    });
    // The greedy pairing's figure, for the record: the same legs with the other condor.
    RulesMarginResult greedyCondor = margin(book[0], book[1], book[4], book[5]);
    RulesMarginResult greedyRest = margin(book[2], book[3]);
    assertThat(greedyCondor.initialMarginUsd() + greedyRest.initialMarginUsd()).isCloseTo(10_000, within(USD_EXACT));
  }

  /** The greedy-trap book above with each of its three spreads held {@code calls72}, {@code calls80}, {@code puts} times. */
  private static Position[] greedyTrap(int calls72, int calls80, int puts) {
    return new Position[] {new Position(linear(72_000, 'C'), -calls72), new Position(linear(73_000, 'C'), calls72),
        new Position(linear(80_000, 'C'), -calls80), new Position(linear(85_000, 'C'), calls80),
        new Position(linear(68_000, 'P'), -puts), new Position(linear(63_000, 'P'), puts)};
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {1, 10, 30})
  void compute_greedyTrapAtAnyScale_costsTheUnitPairingTimesTheQuantity(int q) {
    // Worked above for q = 1: 6,000 (condor with 80/85 + the 72/73 spread alone). Every charge is linear in the
    // quantity, so q of each spread costs 6,000 × q; before the fix the search ran out of nodes at q = 10 (65,000)
    // and at q = 30 gave 330,000, worse than the greedy pairing's 10,000 × 30.
    RulesMarginResult result = margin(greedyTrap(q, q, q));

    assertThat(result.initialMarginUsd()).isCloseTo(6_000.0 * q, within(USD_EXACT * q));
    assertThat(result.notes()).isEmpty();
  }

  @Test
  void compute_greedyTrapWithUnequalQuantities_findsTheCheapestPairing() {
    // 72/73 × 2, 80/85 × 3, put spread × 3, worked by hand: the three put spreads go into condors with 80/85
    // (3 × 5,000) and the two 72/73 spreads stay spreads (2 × 1,000): 17,000. Putting the 72/73 spreads into condors
    // instead costs 2 × 5,000 + 5,000 + 2 × 5,000 = 25,000. Ten times the book: ten times the answer.
    assertThat(margin(greedyTrap(2, 3, 3)).initialMarginUsd()).isCloseTo(17_000, within(USD_EXACT));
    assertThat(margin(greedyTrap(20, 30, 30)).initialMarginUsd()).isCloseTo(170_000, within(USD_EXACT));
    // No common factor: 72/73 × 7, 80/85 × 11, puts × 13. The 11 condors take 80/85 (55,000), the two puts left
    // join 72/73 in condors (2 × 5,000) and five 72/73 spreads stay spreads (5,000): 70,000.
    assertThat(margin(greedyTrap(7, 11, 13)).initialMarginUsd()).isCloseTo(70_000, within(USD_EXACT));
  }

  @Test
  void compute_searchOutOfBudget_isNeverWorseThanTheGreedyPairingAndSaysSo() {
    RulesParameters oneNode = new RulesParameters(DEFAULTS.id(), DEFAULTS.version(), DEFAULTS.options(),
        DEFAULTS.defaultFutures(), DEFAULTS.futuresByUnderlying(), DEFAULTS.defaultSpotHaircut(),
        DEFAULTS.spotHaircuts(), DEFAULTS.recognizedStrategies(), 1);

    RulesMarginResult result = margin(oneNode, MARKET, greedyTrap(30, 30, 30));

    // The greedy pairing of the trap book, worked in compute_bookWhereGreedyPairingIsWrong: 10,000 per unit.
    assertThat(result.initialMarginUsd()).isLessThanOrEqualTo(300_000 + USD_EXACT);
    assertThat(result.notes()).singleElement().asString().contains("stopped after 1 node").contains("greedy");
  }

  @Test
  void compute_unequalQuantities_strategyTakesTheSmallerAndTheRestStaysNaked() {
    RulesMarginResult result = margin(new Position(linear(70_000, 'P'), -3), new Position(linear(69_000, 'P'), 2));
    double nakedOneShortPut = nakedUsd(new Position(linear(70_000, 'P'), -1));

    assertThat(result.strategies()).singleElement().satisfies(s -> {
      assertThat(s.quantity()).isEqualTo(2.0);
      assertThat(s.legs()).containsExactlyInAnyOrder(new StrategyLeg(linear(70_000, 'P'), -2),
          new StrategyLeg(linear(69_000, 'P'), 2));
    });
    assertThat(result.initialMarginUsd()).isCloseTo(2_000 + nakedOneShortPut, within(USD_EXACT));
  }

  @Test
  void compute_oneShortLegAgainstTwoLongs_splitsItAcrossTwoSpreads() {
    RulesMarginResult result = margin(new Position(linear(70_000, 'P'), -2), new Position(linear(69_000, 'P'), 1),
        new Position(linear(68_000, 'P'), 1));

    assertThat(result.strategies()).hasSize(2);
    assertThat(result.initialMarginUsd()).isCloseTo(1_000 + 2_000, within(USD_EXACT));
    assertThat(result.leg(linear(70_000, 'P')).orElseThrow().strategyIds()).containsExactly("BTC#1", "BTC#2");
  }

  @Test
  void compute_sameBookInAnyOrder_givesTheSamePairingAndTotal() {
    List<Position> book = new ArrayList<>(List.of(new Position(linear(72_000, 'C'), -2),
        new Position(linear(73_000, 'C'), 1), new Position(linear(74_000, 'C'), 2), new Position(linear(80_000, 'C'), -1),
        new Position(linear(68_000, 'P'), -1), new Position(linear(67_000, 'P'), 1), new Position(linear(63_000, 'P'), 1),
        new Position(linear(69_000, 'P'), -1)));
    RulesMarginResult first = margin(book.toArray(Position[]::new));
    Random shuffler = new Random(7);
    for (int i = 0; i < 5; i++) {
      Collections.shuffle(book, shuffler);
      RulesMarginResult again = margin(book.toArray(Position[]::new));
      assertThat(again.initialMarginUsd()).isEqualTo(first.initialMarginUsd());
      assertThat(again.strategies()).isEqualTo(first.strategies());
      assertThat(again.legs()).isEqualTo(first.legs());
    }
  }

  @Test
  void compute_shortStraddle_isNakedByDefaultAndChargedLargerLegPlusOtherMarkWhenSwitchedOn() {
    MarketSnapshot market = MARKET.withMarks(Map.of(linear(70_000, 'C'), Mark.ofPrice(4_000),
        linear(70_000, 'P'), Mark.ofPrice(3_900)));
    Position call = new Position(linear(70_000, 'C'), -1);
    Position put = new Position(linear(70_000, 'P'), -1);
    Requirement callAlone = StandardMargins.shortOption(PutCall.CALL, 70_000, 70_000, 4_000, Settlement.LINEAR,
        DEFAULTS.options());
    Requirement putAlone = StandardMargins.shortOption(PutCall.PUT, 70_000, 70_000, 3_900, Settlement.LINEAR,
        DEFAULTS.options());

    RulesMarginResult off = margin(DEFAULTS, market, call, put);
    RulesMarginResult on = margin(DEFAULTS.withStrategy(StrategyKind.STRADDLE, true), market, call, put);

    assertThat(off.strategies()).isEmpty();
    assertThat(off.initialMarginUsd()).isCloseTo(callAlone.initial() + putAlone.initial(), within(USD_EXACT));
    assertThat(on.strategies()).singleElement().extracting(RecognizedStrategy::kind).isEqualTo(StrategyKind.STRADDLE);
    // 10,500 + 4,000 (call, the larger) + 3,900 (the put's mark).
    assertThat(on.initialMarginUsd()).isCloseTo(callAlone.initial() + 3_900, within(USD_EXACT));
  }

  @Test
  void compute_longCalendar_isChargedTheNetDebitOnlyWhenSwitchedOn() {
    String front = "BTC_USDC-29MAR24-70000-C";
    String back = "BTC_USDC-26APR24-70000-C";
    MarketSnapshot market = MARKET.withMarks(Map.of(front, Mark.ofPrice(4_000), back, Mark.ofPrice(5_700)));
    Position[] book = {new Position(front, -1), new Position(back, 1)};

    RulesMarginResult off = margin(DEFAULTS, market, book);
    RulesMarginResult on = margin(DEFAULTS.withStrategy(StrategyKind.CALENDAR, true), market, book);

    assertThat(off.strategies()).isEmpty();
    assertThat(off.initialMarginUsd()).isCloseTo(10_500 + 4_000 + 5_700, within(USD_EXACT));
    assertThat(on.strategies()).singleElement().extracting(RecognizedStrategy::kind).isEqualTo(StrategyKind.CALENDAR);
    assertThat(on.initialMarginUsd()).isCloseTo(1_700, within(USD_EXACT));
  }

  @Test
  void compute_coveredCallBySpot_isChargedTheCallMarkOnlyWhenSwitchedOn() {
    String call = "BTC_USDC-29MAR24-75000-C";
    MarketSnapshot market = MARKET.withMarks(Map.of(call, Mark.ofPrice(1_800)));
    Position[] book = {new Position("BTC_USDC", 1), new Position(call, -1)};

    RulesMarginResult off = margin(DEFAULTS, market, book);
    RulesMarginResult on = margin(DEFAULTS.withStrategy(StrategyKind.COVERED_CALL, true), market, book);

    // Naked: max(10,500 − 5,000, 7,000) + 1,800.
    assertThat(off.initialMarginUsd()).isCloseTo(8_800, within(USD_EXACT));
    assertThat(on.strategies()).singleElement().extracting(RecognizedStrategy::kind)
        .isEqualTo(StrategyKind.COVERED_CALL);
    assertThat(on.initialMarginUsd()).isCloseTo(1_800, within(USD_EXACT));
    // Spot is collateral at 90%, whichever way the call is charged.
    assertThat(on.spotPositionValueUsd()).isCloseTo(70_000, within(USD_EXACT));
    assertThat(on.spotHaircutUsd()).isCloseTo(7_000, within(USD_EXACT));
  }

  @Test
  void compute_coveredCallByDatedFuture_isChargedTheCallMarkPlusTheFuturesMarginOnlyWhenTheFutureLastsAsLong() {
    String call = "BTC_USDC-29MAR24-75000-C";
    MarketSnapshot market = MARKET.withMarks(Map.of(call, Mark.ofPrice(1_800)));
    RulesParameters on = DEFAULTS.withStrategy(StrategyKind.COVERED_CALL, true);
    // The future's standard IM for 1 BTC at 70,000: (2% + 0.005% × 1) × 70,000 = 1,403.5 (METHODOLOGY 4).
    double futureAlone = (0.02 + 0.00005) * 70_000;

    RulesMarginResult sameExpiry = margin(on, market, new Position("BTC_USDC-29MAR24", 1), new Position(call, -1));
    RulesMarginResult off = margin(DEFAULTS, market, new Position("BTC_USDC-29MAR24", 1), new Position(call, -1));
    RulesMarginResult shorterFuture = margin(on, market, new Position("BTC_USDC-08MAR24", 1), new Position(call, -1));

    // Covered: the call's mark 1,800 plus the future's margin per coin.
    assertThat(sameExpiry.strategies()).singleElement().extracting(RecognizedStrategy::kind)
        .isEqualTo(StrategyKind.COVERED_CALL);
    assertThat(sameExpiry.initialMarginUsd()).isCloseTo(1_800 + futureAlone, within(USD_EXACT));
    // Naked (switched off): max(10,500 − 5,000, 7,000) + 1,800 = 8,800 for the call, plus the future.
    assertThat(off.strategies()).isEmpty();
    assertThat(off.initialMarginUsd()).isCloseTo(8_800 + futureAlone, within(USD_EXACT));
    // A future expiring before the call does not cover it.
    assertThat(shorterFuture.strategies()).isEmpty();
    assertThat(shorterFuture.initialMarginUsd()).isCloseTo(8_800 + futureAlone, within(USD_EXACT));
  }

  @Test
  void compute_protectivePutOnPerpetual_isAFuturesHedgeOnlyWhenSwitchedOn() {
    String put = "BTC_USDC-29MAR24-66000-P";
    MarketSnapshot market = MARKET.withMarks(Map.of(put, Mark.ofPrice(1_200)));
    Position[] book = {new Position("BTC_USDC-PERPETUAL", 2), new Position(put, 2)};
    double perpetualAlone = (0.02 + 0.00005 * 2) * 2 * 70_000;

    RulesMarginResult off = margin(DEFAULTS, market, book);
    RulesMarginResult on = margin(DEFAULTS.withStrategy(StrategyKind.FUTURES_HEDGE, true), market, book);

    assertThat(off.initialMarginUsd()).isCloseTo(perpetualAlone + 2 * 1_200, within(USD_EXACT));
    // Per unit: the put's premium 1,200 plus the perpetual's loss to the strike 4,000 — more than the
    // perpetual's 2.01% margin, so the search keeps the legs apart.
    assertThat(on.strategies()).isEmpty();
    assertThat(on.initialMarginUsd()).isCloseTo(off.initialMarginUsd(), within(USD_EXACT));

    String nearPut = "BTC_USDC-29MAR24-70000-P";
    MarketSnapshot atTheMoney = MARKET.withMarks(Map.of(nearPut, Mark.ofPrice(3_900)));
    RulesMarginResult hedged = margin(DEFAULTS.withStrategy(StrategyKind.FUTURES_HEDGE, true), atTheMoney,
        new Position("BTC_USDC-PERPETUAL", 2), new Position(nearPut, 2));
    assertThat(hedged.strategies()).singleElement().extracting(RecognizedStrategy::kind)
        .isEqualTo(StrategyKind.FUTURES_HEDGE);
    assertThat(hedged.initialMarginUsd()).isCloseTo(2 * 3_900, within(USD_EXACT));
  }

  @Test
  void compute_switchedOffVerticals_chargesEveryLegAlone() {
    Position[] spread = {new Position(linear(70_000, 'P'), -1), new Position(linear(69_000, 'P'), 1)};

    RulesMarginResult result = margin(DEFAULTS.withStrategy(StrategyKind.VERTICAL_SPREAD, false), MARKET, spread);

    assertThat(result.strategies()).isEmpty();
    assertThat(result.initialMarginUsd()).isGreaterThan(10_500);
    assertThat(result.legs()).allSatisfy(l -> assertThat(l.charged()).isEqualTo(l.standard()));
  }

  @Test
  void compute_coinCollateralAndSpot_areHaircutPerCoin() {
    Portfolio portfolio = new Portfolio("a-1", Map.of("USD", 10_000.0, "BTC", 1.0, "ETH", 2.0),
        List.of(new Position("ETH_USDC", 1)));

    RulesMarginResult result = RulesBasedMargin.compute(portfolio, MARKET, DEFAULTS);

    assertThat(result.collateralValueUsd()).isCloseTo(10_000 + 70_000 + 7_000, within(USD_EXACT));
    assertThat(result.spotPositionValueUsd()).isCloseTo(3_500, within(USD_EXACT));
    assertThat(result.spotHaircutUsd()).isCloseTo(0.10 * (70_000 + 7_000 + 3_500), within(USD_EXACT));
    assertThat(result.initialMarginUsd()).isZero();
    assertThat(result.freeCollateralUsd()).isCloseTo(90_500 - 8_050, within(USD_EXACT));
  }

  @Test
  void compute_unlistedCoin_usesTheDefaultHaircut() {
    MarketSnapshot market = MarketSnapshot.of(AS_OF, Map.of("SOL", UnderlyingMarket.flat(200, 0.8)));
    Portfolio portfolio = new Portfolio("a-1", Map.of("SOL", 10.0), List.of());

    RulesMarginResult result = RulesBasedMargin.compute(portfolio, market, DEFAULTS);

    assertThat(result.spotHaircutUsd()).isCloseTo(0.20 * 2_000, within(USD_EXACT));
  }

  @Test
  void compute_shortSpotAndBadNames_areReportedTogether() {
    assertThatThrownBy(() -> margin(new Position("BTC_USDC", -1), new Position("BTC-XX", 1)))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).hasSize(2));
  }
}
