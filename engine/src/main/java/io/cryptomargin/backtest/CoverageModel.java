package io.cryptomargin.backtest;

import io.cryptomargin.historical.HistoricalVarModel;
import io.cryptomargin.margin.AccountMargin;
import io.cryptomargin.margin.MarginModel;
import io.cryptomargin.margin.Portfolio;
import io.cryptomargin.margin.PortfolioMargin;
import io.cryptomargin.market.MarketSnapshot;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A margin model as the backtest sees it: a name and a way to margin a book in a snapshot.
 *
 * @param id the model id shown in results
 * @param margin margins a book in a snapshot, using nothing later than the snapshot
 */
public record CoverageModel(String id, BiFunction<Portfolio, MarketSnapshot, AccountMargin> margin) {
  public CoverageModel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(margin, "margin");
  }

  /** A scenario (SPAN-style) model: arrays computed in each day's snapshot. */
  public static CoverageModel of(MarginModel model) {
    return new CoverageModel(model.id(), (book, snapshot) -> PortfolioMargin.compute(book, snapshot, model));
  }

  /** The historical-var model: refitted each day on the closes known at that day's close. */
  public static CoverageModel of(HistoricalVarModel model) {
    return new CoverageModel(HistoricalVarModel.ID, (book, snapshot) -> model.margin(book, snapshot).account());
  }
}
