package io.cryptomargin.margin;

import io.cryptomargin.book.AccountMargin;
import io.cryptomargin.book.BookCheck;
import io.cryptomargin.book.BookInstruments;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.riskarray.RiskArrayCalculator;
import io.cryptomargin.riskarray.RiskArraySet;
import io.cryptomargin.validation.ValidationException;

/**
 * Portfolio margin straight from a market snapshot: arrays for the book's instruments, then the
 * charges.
 */
public final class PortfolioMargin {
  private PortfolioMargin() {}

  /**
   * Computes the book's risk arrays in the snapshot and margins it.
   *
   * @throws ValidationException listing every malformed name, unknown underlying or expired
   *     contract
   */
  public static AccountMargin compute(
      Portfolio portfolio, MarketSnapshot snapshot, MarginModel model) {
    BookCheck.require(portfolio, snapshot);
    RiskArraySet arrays =
        RiskArrayCalculator.compute(
            snapshot, BookInstruments.of(portfolio, snapshot), model.scenarios());
    return PortfolioMarginCalculator.margin(portfolio, arrays, model, snapshot);
  }
}
