package io.cryptomargin.book;

import io.cryptomargin.instrument.DeribitNames;
import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The instruments a book holds, parsed from its position names for any model to price. */
public final class BookInstruments {
  private BookInstruments() {}

  /**
   * The instruments of a book, parsed from their names with Deribit's one-coin contracts; every bad
   * name reported at once. A book margined in a snapshot takes its instruments from the snapshot
   * instead ({@link #of(Portfolio, MarketSnapshot)}), which knows each one's contract size.
   */
  public static List<Instrument> of(Portfolio portfolio) {
    return parse(portfolio, DeribitNames::parse);
  }

  /**
   * The instruments of a book as the snapshot lists them, each with its contract size (ten 0.1-ETH
   * contracts are 1 ETH, not 10); every bad name reported at once.
   */
  public static List<Instrument> of(Portfolio portfolio, MarketSnapshot snapshot) {
    return parse(portfolio, snapshot::instrument);
  }

  private static List<Instrument> parse(Portfolio portfolio, Function<String, Instrument> byName) {
    List<Instrument> instruments = new ArrayList<>();
    Problems problems = new Problems();
    for (String name : portfolio.instruments()) {
      try {
        instruments.add(byName.apply(name));
      } catch (ValidationException e) {
        e.problems()
            .forEach(
                p ->
                    problems.add(
                        portfolio.positionPath(name) + ".instrument", name + ": " + p.message()));
      }
    }
    problems.throwIfAny();
    return instruments;
  }
}
