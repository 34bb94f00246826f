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
    RiskArraySet arrays = RiskArrayCalculator.compute(snapshot, instrumentsOf(portfolio), model.scenarios());
    return PortfolioMarginCalculator.margin(portfolio, arrays, model, snapshot);
  }

  /** The instruments of a book, parsed from their names; every bad name reported at once. */
  public static List<Instrument> instrumentsOf(Portfolio portfolio) {
    List<Instrument> instruments = new ArrayList<>();
    Problems problems = new Problems();
    for (String name : portfolio.instruments()) {
      try {
        instruments.add(DeribitNames.parse(name));
      } catch (ValidationException e) {
        e.problems().forEach(p -> problems.add(portfolio.positionPath(name) + ".instrument", name + ": "
            + p.message()));
      }
    }
    problems.throwIfAny();
    return instruments;
  }
}
