package io.cryptomargin.book;

import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.pricing.InstrumentPricer;
import io.cryptomargin.riskarray.RiskArraySet;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.util.function.UnaryOperator;

/**
 * Everything that stops a book from being margined in a snapshot, found in one pass so a user sees
 * every problem at once: malformed instrument names, expired contracts, underlyings the market
 * lacks, collateral currencies it cannot price, and positions too large to compute with (a notional
 * that is not a finite number of USD).
 *
 * <p>Every problem names the field of the portfolio file: {@code positions[2].instrument}, {@code
 * positions[0].quantity}, {@code collateral.SOL}.
 */
public final class BookCheck {
  private BookCheck() {}

  /**
   * Checks a book against a snapshot.
   *
   * @param fileIndex the index in the portfolio file of each of the book's positions (null: the
   *     same), so paths stay right when a position the file got wrong was left out of the book
   * @param problems where every problem is added
   */
  public static void check(
      Portfolio portfolio, MarketSnapshot snapshot, int[] fileIndex, Problems problems) {
    for (int i = 0; i < portfolio.positions().size(); i++) {
      Position position = portfolio.positions().get(i);
      String at = "positions[" + (fileIndex == null ? i : fileIndex[i]) + "]";
      String name = position.instrument();
      Instrument instrument;
      double price;
      try {
        instrument = snapshot.instrument(name);
        price = InstrumentPricer.inputs(instrument, snapshot).forward();
      } catch (
          ValidationException
              e) { // a malformed name, an underlying the market lacks, an expired contract
        e.problems().forEach(p -> problems.add(at + ".instrument", name + ": " + p.message()));
        continue;
      }
      double notional =
          Math.abs(position.quantity()) * instrument.contractSize() * Math.max(price, 1.0);
      if (!Double.isFinite(notional)) {
        problems.add(
            at + ".quantity",
            name
                + ": quantity "
                + position.quantity()
                + " × contract size × price "
                + "is not a finite number: margin cannot be computed for it");
      }
    }
    checkCollateral(
        portfolio,
        UsdRates.fromSnapshot(snapshot),
        currency -> "in the market (it has " + snapshot.underlyings().keySet() + ")",
        problems);
  }

  /**
   * Checks a book against supplied risk arrays (no pricing happens): every position needs an array,
   * every collateral currency a USD price from the arrays' underlying prices.
   *
   * @param fileIndex the index in the portfolio file of each of the book's positions (null: the
   *     same)
   * @param problems where every problem is added
   */
  public static void check(
      Portfolio portfolio, RiskArraySet arrays, int[] fileIndex, Problems problems) {
    for (int i = 0; i < portfolio.positions().size(); i++) {
      String name = portfolio.positions().get(i).instrument();
      if (arrays.find(name).isEmpty()) {
        problems.add(
            "positions[" + (fileIndex == null ? i : fileIndex[i]) + "].instrument",
            noArray(name, arrays));
      }
    }
    checkCollateral(
        portfolio,
        UsdRates.fromRiskArrays(arrays),
        currency -> "in the risk arrays (give underlyingPrice on a " + currency + " array)",
        problems);
  }

  /** The problem of a position the arrays hold no array for: never margined as zero risk. */
  public static String noArray(String instrument, RiskArraySet arrays) {
    return instrument
        + ": no risk array for this instrument in "
        + arrays.scenarioSetId()
        + " arrays of "
        + arrays.snapshotId()
        + " (never margined as zero risk)";
  }

  private static void checkCollateral(
      Portfolio portfolio, UsdRates rates, UnaryOperator<String> whereNot, Problems problems) {
    portfolio.collateral().keySet().stream()
        .filter(currency -> !rates.knows(currency))
        .forEach(
            currency ->
                problems.add(
                    "collateral." + currency,
                    "no USD price for " + currency + " " + whereNot.apply(currency)));
  }

  /**
   * Checks a book against a snapshot and throws every problem at once.
   *
   * @throws ValidationException listing every problem, with the portfolio file's field of each
   */
  public static void require(Portfolio portfolio, MarketSnapshot snapshot) {
    Problems problems = new Problems();
    check(portfolio, snapshot, null, problems);
    problems.throwIfAny();
  }
}
