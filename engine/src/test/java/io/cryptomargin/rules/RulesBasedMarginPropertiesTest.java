package io.cryptomargin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.Position;
import io.cryptomargin.instrument.EuropeanOption;
import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.market.UnderlyingMarket;
import io.cryptomargin.pricing.InstrumentPricer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of both rules models over random books of linear BTC options (and coins held), at
 * model marks (flat 60% vol, BTC 70,000): permutation and scale invariance, {@code strategy-based}
 * never above {@code deribit-sm}, MM never above IM, and a recognized spread or condor never above
 * its maximum loss from today's marks, worked independently from its payoff at expiry.
 */
class RulesBasedMarginPropertiesTest {
  private static final int BOOKS = 150;
  private static final double RELATIVE = 1e-9;
  private static final MarketSnapshot MARKET =
      MarketSnapshot.of(
          Instant.parse("2024-03-01T08:00:00Z"),
          Map.of("BTC", UnderlyingMarket.flat(70_000, 0.60)));
  private static final String[] EXPIRIES = {"29MAR24", "26APR24"};
  private static final RulesParameters SM = RulesParameters.deribitSm();
  private static final RulesParameters STRATEGY = RulesParameters.strategyBased();

  private static RulesMarginResult margin(RulesParameters parameters, List<Position> book) {
    return RulesBasedMargin.compute(new Portfolio("p", Map.of(), book), MARKET, parameters);
  }

  private static String option(String expiry, int strike, char putCall) {
    return "BTC_USDC-" + expiry + "-" + strike + "-" + putCall;
  }

  /**
   * 2 to 6 option legs on two expiries, strikes 60,000..80,000 by 1,000, quantities ±1..3;
   * sometimes spot.
   */
  private static List<Position> randomBook(Random random) {
    List<Position> book = new ArrayList<>();
    int legs = 2 + random.nextInt(5);
    for (int i = 0; i < legs; i++) {
      int quantity = (1 + random.nextInt(3)) * (random.nextBoolean() ? 1 : -1);
      book.add(
          new Position(
              option(
                  EXPIRIES[random.nextInt(2)],
                  60_000 + 1_000 * random.nextInt(21),
                  random.nextBoolean() ? 'C' : 'P'),
              quantity));
    }
    if (random.nextInt(4) == 0) {
      book.add(new Position("BTC_USDC", 1 + random.nextInt(2)));
    }
    return book;
  }

  private static double tolerance(double usd) {
    return RELATIVE * Math.max(1.0, Math.abs(usd));
  }

  @Test
  void compute_randomBooks_strategyBasedNeverAboveDeribitSmAndMmNeverAboveIm() {
    Random random = new Random(11);
    for (int b = 0; b < BOOKS; b++) {
      List<Position> book = randomBook(random);
      RulesMarginResult strategy = margin(STRATEGY, book);
      RulesMarginResult perLeg = margin(SM, book);

      assertThat(strategy.initialMarginUsd())
          .as(book.toString())
          .isLessThanOrEqualTo(perLeg.initialMarginUsd() + tolerance(perLeg.initialMarginUsd()));
      assertThat(strategy.maintenanceMarginUsd())
          .as(book.toString())
          .isLessThanOrEqualTo(
              strategy.initialMarginUsd() + tolerance(strategy.initialMarginUsd()));
      assertThat(perLeg.maintenanceMarginUsd()).isLessThanOrEqualTo(perLeg.initialMarginUsd());
      assertThat(strategy.pairing()).isEqualTo(PairingStatus.EXACT);
    }
  }

  @Test
  void compute_randomBooks_permutationAndScaleInvariant() {
    Random random = new Random(12);
    for (int b = 0; b < BOOKS; b++) {
      List<Position> book = randomBook(random);
      RulesMarginResult first = margin(STRATEGY, book);
      List<Position> shuffled = new ArrayList<>(book);
      Collections.shuffle(shuffled, random);
      int scale = 2 + random.nextInt(9);
      List<Position> scaled =
          book.stream().map(p -> new Position(p.instrument(), p.quantity() * scale)).toList();

      assertThat(margin(STRATEGY, shuffled).initialMarginUsd()).isEqualTo(first.initialMarginUsd());
      assertThat(margin(STRATEGY, scaled).initialMarginUsd())
          .as(book + " × " + scale)
          .isCloseTo(
              scale * first.initialMarginUsd(),
              within(tolerance(scale * first.initialMarginUsd())));
      assertThat(margin(SM, scaled).initialMarginUsd())
          .isCloseTo(
              scale * margin(SM, book).initialMarginUsd(),
              within(tolerance(scale * first.initialMarginUsd())));
    }
  }

  @Test
  void compute_randomVerticalsAndCondors_neverAboveTheirMaximumLossFromMarks() {
    Random random = new Random(13);
    for (int b = 0; b < BOOKS; b++) {
      int quantity = 1 + random.nextInt(5);
      char type = random.nextBoolean() ? 'C' : 'P';
      int a = 60_000 + 1_000 * random.nextInt(21);
      int c = a + 1_000 * (1 + random.nextInt(5));
      List<Position> book = new ArrayList<>();
      boolean shortLower = random.nextBoolean();
      book.add(new Position(option(EXPIRIES[0], a, type), shortLower ? -quantity : quantity));
      book.add(new Position(option(EXPIRIES[0], c, type), shortLower ? quantity : -quantity));
      if (random.nextBoolean()) { // the other side, making an iron condor (or a second spread)
        char other = type == 'C' ? 'P' : 'C';
        int d =
            (other == 'P'
                ? a - 1_000 * (1 + random.nextInt(5))
                : c + 1_000 * (1 + random.nextInt(5)));
        int e =
            other == 'P'
                ? d - 1_000 * (1 + random.nextInt(3))
                : d + 1_000 * (1 + random.nextInt(3));
        book.add(new Position(option(EXPIRIES[0], d, other), -quantity));
        book.add(new Position(option(EXPIRIES[0], e, other), quantity));
      }

      double charged = margin(STRATEGY, book).initialMarginUsd();

      assertThat(charged)
          .as(book.toString())
          .isLessThanOrEqualTo(maximumLoss(book) + tolerance(charged));
    }
  }

  /**
   * The most a book of one expiry's linear options can lose beyond its marks: its value now less
   * its lowest payoff at expiry; the payoff is piecewise linear in the price, so its minimum is at
   * 0, a strike or far above them.
   */
  private static double maximumLoss(List<Position> book) {
    double valueNow = 0;
    List<Double> prices = new ArrayList<>(List.of(0.0, 1e7));
    for (Position p : book) {
      EuropeanOption o = (EuropeanOption) MARKET.instrument(p.instrument());
      valueNow += p.quantity() * InstrumentPricer.presentValue(o, MARKET);
      prices.add(o.strike());
    }
    double lowest = Double.POSITIVE_INFINITY;
    for (double s : prices) {
      double payoff = 0;
      for (Position p : book) {
        EuropeanOption o = (EuropeanOption) MARKET.instrument(p.instrument());
        payoff +=
            p.quantity()
                * (o.putCall() == PutCall.CALL
                    ? Math.max(s - o.strike(), 0)
                    : Math.max(o.strike() - s, 0));
      }
      lowest = Math.min(lowest, payoff);
    }
    return valueNow - lowest;
  }
}
