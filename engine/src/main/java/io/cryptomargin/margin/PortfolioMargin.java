package io.cryptomargin.margin;

import io.cryptomargin.instrument.DeribitNames;
import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.riskarray.RiskArrayCalculator;
import io.cryptomargin.riskarray.RiskArraySet;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.util.ArrayList;
import java.util.List;

/** Portfolio margin straight from a market snapshot: arrays for the book's instruments, then the charges. */
public final class PortfolioMargin {
  private PortfolioMargin() {}

  /**
   * Computes the book's risk arrays in the snapshot and margins it.
   *
   * @throws ValidationException listing every malformed name, unknown underlying or expired contract
   */
  public static AccountMargin compute(Portfolio portfolio, MarketSnapshot snapshot, MarginModel model) {
    BookCheck.require(portfolio, snapshot);
    RiskArraySet arrays = RiskArrayCalculator.compute(snapshot, instrumentsOf(portfolio, snapshot), model.scenarios());
    return PortfolioMarginCalculator.margin(portfolio, arrays, model, snapshot);
  }

  /**
   * The instruments of a book, parsed from their names with Deribit's one-coin contracts; every bad name
   * reported at once. A book margined in a snapshot takes its instruments from the snapshot instead
   * ({@link #instrumentsOf(Portfolio, MarketSnapshot)}), which knows each one's contract size.
   */
  public static List<Instrument> instrumentsOf(Portfolio portfolio) {
    return parse(portfolio, DeribitNames::parse);
  }

  /**
   * The instruments of a book as the snapshot lists them, each with its contract size (ten 0.1-ETH
   * contracts are 1 ETH, not 10); every bad name reported at once.
   */
  public static List<Instrument> instrumentsOf(Portfolio portfolio, MarketSnapshot snapshot) {
    return parse(portfolio, snapshot::instrument);
  }

  private static List<Instrument> parse(Portfolio portfolio, java.util.function.Function<String, Instrument> byName) {
    List<Instrument> instruments = new ArrayList<>();
    Problems problems = new Problems();
    for (String name : portfolio.instruments()) {
      try {
        instruments.add(byName.apply(name));
      } catch (ValidationException e) {
        e.problems().forEach(p -> problems.add(portfolio.positionPath(name) + ".instrument", name + ": "
            + p.message()));
      }
    }
    problems.throwIfAny();
    return instruments;
  }
}
