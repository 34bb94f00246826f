package io.cryptomargin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.Position;
import io.cryptomargin.market.Mark;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.market.UnderlyingMarket;
import io.cryptomargin.validation.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The strategy search on books that used to break it: many distinct legs on one expiry (a recursion
 * per candidate overflowed the stack at 70 legs; 1,000 ran for minutes) and quantities beyond a
 * {@code long} (1e19 contracts ran out of memory listing quantity choices). The hang guard below is
 * a generous timeout that only stops a runaway search; it measures nothing.
 */
class StrategySearchBoundsTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(60);
  private static final double RELATIVE = 1e-9;
  private static final MarketSnapshot MARKET =
      MarketSnapshot.of(
          Instant.parse("2024-03-01T08:00:00Z"),
          Map.of("BTC", UnderlyingMarket.flat(70_000, 0.60)));
  private static final RulesParameters STRATEGY = RulesParameters.strategyBased();

  private static String option(int strike, char putCall) {
    return "BTC_USDC-29MAR24-" + strike + "-" + putCall;
  }

  private static RulesMarginResult margin(RulesParameters parameters, List<Position> book) {
    return RulesBasedMargin.compute(new Portfolio("a-1", Map.of(), book), MARKET, parameters);
  }

  /**
   * {@code spreads} short puts each with a long put 500 lower, strikes 1,000 apart: 2 × spreads
   * distinct legs.
   */
  private static List<Position> putLadder(int spreads) {
    List<Position> book = new ArrayList<>();
    for (int k = 0; k < spreads; k++) {
      book.add(new Position(option(40_000 + 1_000 * k, 'P'), -1));
      book.add(new Position(option(39_500 + 1_000 * k, 'P'), 1));
    }
    return book;
  }

  /**
   * A quarter each of short calls, long calls, short puts and long puts, strikes 50 apart around
   * the money.
   */
  private static List<Position> market(int legs) {
    List<Position> book = new ArrayList<>();
    for (int k = 0; k < legs / 4; k++) {
      book.add(new Position(option(70_025 + 100 * k, 'C'), -1));
      book.add(new Position(option(70_075 + 100 * k, 'C'), 1));
      book.add(new Position(option(69_975 - 100 * k, 'P'), -1));
      book.add(new Position(option(69_925 - 100 * k, 'P'), 1));
    }
    return book;
  }

  /**
   * What holds whatever the search's status: a real pairing, never above the legs alone, totals
   * that add up.
   */
  private static void assertSafe(RulesMarginResult strategy, RulesMarginResult perLeg) {
    assertThat(strategy.initialMarginUsd())
        .isFinite()
        .isLessThanOrEqualTo(perLeg.initialMarginUsd());
    assertThat(strategy.legs().stream().mapToDouble(LegMargin::chargedInitialUsd).sum())
        .isCloseTo(strategy.initialMarginUsd(), within(RELATIVE * strategy.initialMarginUsd()));
    for (RecognizedStrategy s : strategy.strategies()) {
      assertThat(s.quantity()).isEqualTo(Math.rint(s.quantity())); // whole contracts
      assertThat(s.charge().initial())
          .isLessThanOrEqualTo(s.standalone().initial() * (1 + RELATIVE));
    }
    assertThat(strategy.pairing().exact()).isEqualTo(strategy.notes().isEmpty());
  }

  @Test
  void compute_seventyDistinctLegsOnOneExpiry_finishesExactWithEverySpreadPaired() {
    // 35 short puts at 40,000 + 1,000k marked 1,000 + 600k, each with a long put 500 lower marked
    // 100 less.
    // Own spread: width 500 − credit 100 = 400. Short k with the long of spread j > k (a debit
    // spread): its net
    // mark 600(j − k) − 100 ≥ 500. Short k with the long of spread j < k (credit): width 1,000(k −
    // j) + 500 less
    // credit 600(k − j) + 100 = 400(k − j) + 400 ≥ 800. A short alone needs at least 0.10 × 70,000.
    // So the
    // cheapest pairing is every short with its own long: 35 × 400 = 14,000, and the search can
    // prove it.
    List<Position> book = putLadder(35);
    Map<String, Mark> marks = new HashMap<>();
    for (int k = 0; k < 35; k++) {
      marks.put(option(40_000 + 1_000 * k, 'P'), Mark.ofPrice(1_000 + 600 * k));
      marks.put(option(39_500 + 1_000 * k, 'P'), Mark.ofPrice(900 + 600 * k));
    }
    MarketSnapshot market = MARKET.withMarks(marks);

    RulesMarginResult strategy =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            HANG_GUARD,
            () -> RulesBasedMargin.compute(new Portfolio("a-1", Map.of(), book), market, STRATEGY));

    assertSafe(
        strategy,
        RulesBasedMargin.compute(
            new Portfolio("a-1", Map.of(), book), market, RulesParameters.deribitSm()));
    assertThat(strategy.pairing()).isEqualTo(PairingStatus.EXACT);
    assertThat(strategy.initialMarginUsd()).isCloseTo(14_000, within(RELATIVE * 14_000));
    assertThat(strategy.strategies()).hasSize(35);
  }

  @Test
  void compute_seventyDistinctLegsAtModelMarks_finishesWithinItsBoundsAndPairsMostOfTheBook() {
    List<Position> book = putLadder(35);

    RulesMarginResult strategy =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            HANG_GUARD, () -> margin(STRATEGY, book));

    RulesMarginResult perLeg = margin(RulesParameters.deribitSm(), book);
    assertSafe(strategy, perLeg);
    // Whether or not it proves its pairing the cheapest, it pairs most of the book.
    assertThat(strategy.strategies()).hasSizeGreaterThanOrEqualTo(30);
    assertThat(strategy.initialMarginUsd()).isLessThan(0.5 * perLeg.initialMarginUsd());
  }

  @Test
  void compute_thousandDistinctLegsOnOneExpiry_stopsWithinItsBoundsAndSaysSo() {
    List<Position> book = market(1_000);

    RulesMarginResult strategy =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            HANG_GUARD, () -> margin(STRATEGY, book));

    assertSafe(strategy, margin(RulesParameters.deribitSm(), book));
    assertThat(strategy.pairing()).isNotEqualTo(PairingStatus.EXACT);
    assertThat(strategy.notes()).singleElement().asString().contains("may not be the cheapest");
  }

  @Test
  void compute_verticalOf1e19Contracts_givesAFiniteResultScaledFromOneContract() {
    // 1e19 is beyond a long (9.2e18): the lot falls back to 1 contract and the quantity choices are
    // a spread of
    // doubles. The charge is linear, so 1e19 spreads cost 1e19 times one spread.
    List<Position> one =
        List.of(new Position(option(70_000, 'P'), -1), new Position(option(69_000, 'P'), 1));
    List<Position> huge =
        List.of(new Position(option(70_000, 'P'), -1e19), new Position(option(69_000, 'P'), 1e19));

    RulesMarginResult unit = margin(STRATEGY, one);
    RulesMarginResult result =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            HANG_GUARD, () -> margin(STRATEGY, huge));

    assertThat(result.initialMarginUsd())
        .isFinite()
        .isCloseTo(
            1e19 * unit.initialMarginUsd(), within(RELATIVE * 1e19 * unit.initialMarginUsd()));
    assertThat(result.strategies())
        .singleElement()
        .extracting(RecognizedStrategy::quantity)
        .isEqualTo(1e19);
  }

  @Test
  void compute_quantityWhoseMarginIsNotFinite_isAValidationErrorAtTheField() {
    List<Position> book =
        List.of(
            new Position(option(70_000, 'P'), -1e306), new Position(option(69_000, 'P'), 1e306));

    assertThatThrownBy(() -> margin(STRATEGY, book))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("positions[");
  }

  @Test
  void compute_candidateCap_keepsTheNearestStrikesAndSaysSo() {
    RulesParameters capped = STRATEGY.withSearch(new SearchLimits(200_000, 10, 60_000));

    RulesMarginResult result = margin(capped, putLadder(35));

    assertSafe(result, margin(RulesParameters.deribitSm(), putLadder(35)));
    assertThat(result.pairing()).isEqualTo(PairingStatus.CANDIDATES_CAPPED);
    assertThat(result.notes())
        .singleElement()
        .asString()
        .contains("more than 10 candidate strategies");
  }
}
