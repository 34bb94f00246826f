package io.cryptomargin.backtest;

import io.cryptomargin.book.AccountMargin;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.historical.HistoricalVarMargin;
import io.cryptomargin.historical.HistoricalVarModel;
import io.cryptomargin.margin.MarginModel;
import io.cryptomargin.margin.PortfolioMargin;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.rules.RulesBasedMargin;
import io.cryptomargin.rules.RulesMarginResult;
import io.cryptomargin.rules.RulesParameters;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A margin model as the backtest sees it: a name, what its requirement is, and a way to margin a
 * book in a snapshot.
 *
 * @param id the model id shown in results
 * @param measure what the model's requirement is, which decides what the backtest can test of it
 * @param margin margins a book in a snapshot, using nothing later than the snapshot
 */
public record CoverageModel(
    String id, Measure measure, BiFunction<Portfolio, MarketSnapshot, Cover> margin) {
  public CoverageModel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(measure, "measure");
    Objects.requireNonNull(margin, "margin");
  }

  /** What a model's requirement is. */
  public enum Measure {
    /** The worst loss over a fixed scenario grid plus charges: no stated confidence level. */
    SCENARIO_WORST_LOSS,
    /** A venue's formula per leg or per strategy: no stated confidence level. */
    RULES_FORMULA,
    /** An expected shortfall at a stated level, with the VaR of the same scenarios beside it. */
    EXPECTED_SHORTFALL
  }

  /**
   * One day's figures of a model for a book, USD.
   *
   * @param initialUsd initial margin
   * @param maintenanceUsd maintenance margin
   * @param valueAtRiskUsd the model's VaR at its level (NaN for a model that sets no VaR)
   */
  public record Cover(double initialUsd, double maintenanceUsd, double valueAtRiskUsd) {}

  /** A scenario (SPAN-style) model: arrays computed in each day's snapshot. */
  public static CoverageModel of(MarginModel model) {
    return new CoverageModel(
        model.id(),
        Measure.SCENARIO_WORST_LOSS,
        (book, snapshot) -> {
          AccountMargin m = PortfolioMargin.compute(book, snapshot, model);
          return new Cover(m.initialMargin(), m.maintenanceMargin(), Double.NaN);
        });
  }

  /**
   * The historical-var model, refitted each day on the closes known at that day's close: ES with
   * its VaR.
   */
  public static CoverageModel of(HistoricalVarModel model) {
    return new CoverageModel(
        HistoricalVarModel.ID,
        Measure.EXPECTED_SHORTFALL,
        (book, snapshot) -> {
          HistoricalVarMargin h = model.margin(book, snapshot);
          return new Cover(
              h.account().initialMargin(), h.account().maintenanceMargin(), h.valueAtRiskUsd());
        });
  }

  /** A rules model ({@code deribit-sm}, {@code strategy-based}), on the mark-to-market basis. */
  public static CoverageModel of(RulesParameters rules) {
    return new CoverageModel(
        rules.id(),
        Measure.RULES_FORMULA,
        (book, snapshot) -> {
          RulesMarginResult r = RulesBasedMargin.compute(book, snapshot, rules);
          return new Cover(r.initialMarginUsd(), r.maintenanceMarginUsd(), Double.NaN);
        });
  }
}
