package io.cryptomargin.comparison;

import io.cryptomargin.book.AccountMargin;
import io.cryptomargin.book.CommodityMargin;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.margin.MarginModel;
import io.cryptomargin.margin.PortfolioMargin;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.rules.RulesBasedMargin;
import io.cryptomargin.rules.RulesMarginResult;
import io.cryptomargin.rules.RulesParameters;
import io.cryptomargin.rules.UnderlyingRulesMargin;
import io.cryptomargin.validation.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rules models and a portfolio model on the same book in the same snapshot, like with like
 * (METHODOLOGY section 5): every model's IM and MM on the mark-to-market basis, capital consumed
 * (IM + haircuts), free collateral, and against each rules model the saving in USD and the gain.
 * Gains against {@code deribit-sm} mostly show that it recognizes no strategy.
 *
 * <p>Portfolio margin figures are shown even when the account does not qualify for it (that is what
 * the comparison is for); {@link #applicable()} then says the {@code strategy-based} margin
 * applies.
 *
 * @param account account id
 * @param snapshot market snapshot id
 * @param rulesModels each rules model's figures ({@code deribit-sm}, then {@code strategy-based})
 * @param portfolioMargin the portfolio model's figures
 * @param savings the portfolio model against each rules model, in the order of {@code rulesModels}
 * @param underlyings per underlying, against the fallback rules model
 * @param portfolioMarginQualified whether the account qualifies for portfolio margin
 * @param applicable the margin that applies to the account
 * @param rulesResults the full rules results (legs and strategies), in the order of {@code
 *     rulesModels}
 * @param portfolioResult the full portfolio margin result
 * @param notes remarks of the models
 */
public record MarginComparison(
    String account,
    String snapshot,
    List<ModelFigures> rulesModels,
    ModelFigures portfolioMargin,
    List<Saving> savings,
    List<UnderlyingComparison> underlyings,
    boolean portfolioMarginQualified,
    ApplicableMargin applicable,
    List<RulesMarginResult> rulesResults,
    AccountMargin portfolioResult,
    List<String> notes) {
  public MarginComparison {
    rulesModels = List.copyOf(rulesModels);
    savings = List.copyOf(savings);
    underlyings = List.copyOf(underlyings);
    rulesResults = List.copyOf(rulesResults);
    notes = List.copyOf(notes);
  }

  /** Every rules model and the portfolio model computed on the book in the snapshot. */
  public static MarginComparison compute(
      Portfolio portfolio,
      MarketSnapshot snapshot,
      MarginModel model,
      List<RulesParameters> rules) {
    List<RulesMarginResult> results =
        rules.stream().map(r -> RulesBasedMargin.compute(portfolio, snapshot, r)).toList();
    return of(results, PortfolioMargin.compute(portfolio, snapshot, model));
  }

  /** A rules model's figures. */
  public static ModelFigures figures(RulesMarginResult rules) {
    return ModelFigures.of(
        rules.parameterSet().id(),
        rules.parameterSet(),
        rules.initialMarginUsd(),
        rules.maintenanceMarginUsd(),
        rules.equityUsd(),
        rules.spotHaircutUsd());
  }

  /** A portfolio model's figures. */
  public static ModelFigures figures(AccountMargin portfolio) {
    return ModelFigures.of(
        portfolio.model(),
        portfolio.parameterSet(),
        portfolio.initialMargin(),
        portfolio.maintenanceMargin(),
        portfolio.equity(),
        portfolio.haircutUsd());
  }

  /**
   * The comparison of results for the same book and snapshot.
   *
   * @param rules the rules models' results, at least one; the last is the fallback (normally {@code
   *     strategy-based})
   */
  public static MarginComparison of(List<RulesMarginResult> rules, AccountMargin portfolio) {
    if (rules.isEmpty()) {
      throw ValidationException.of("rules", "a comparison needs at least one rules model");
    }
    RulesMarginResult fallback = rules.get(rules.size() - 1);
    ModelFigures pmFigures = figures(portfolio);
    List<ModelFigures> rulesFigures = rules.stream().map(MarginComparison::figures).toList();
    List<Saving> savings = rulesFigures.stream().map(r -> Saving.of(pmFigures, r)).toList();

    Map<String, Double> rulesByCoin = new TreeMap<>();
    for (UnderlyingRulesMargin u : fallback.underlyings()) {
      rulesByCoin.merge(u.underlying(), u.initialMarginUsd(), Double::sum);
    }
    Map<String, Double> pmByCoin = new TreeMap<>();
    for (CommodityMargin c : portfolio.commodities()) {
      pmByCoin.merge(c.underlying(), c.initialMarginUsd(), Double::sum);
    }
    TreeSet<String> coins = new TreeSet<>(rulesByCoin.keySet());
    coins.addAll(pmByCoin.keySet());
    coins.addAll(fallback.coinHoldingsUsd().keySet());
    List<UnderlyingComparison> underlyings = new ArrayList<>();
    for (String coin : coins) {
      double rulesRequirement = rulesByCoin.getOrDefault(coin, 0.0);
      double haircut = fallback.haircutsUsd().getOrDefault(coin, 0.0);
      double pm = pmByCoin.getOrDefault(coin, 0.0);
      underlyings.add(
          new UnderlyingComparison(
              coin,
              fallback.coinHoldingsUsd().getOrDefault(coin, 0.0),
              rulesRequirement,
              haircut,
              rulesRequirement + haircut,
              pm,
              pm,
              gain(pm, rulesRequirement + haircut)));
    }
    List<String> notes = new ArrayList<>();
    rules.forEach(r -> r.notes().forEach(n -> notes.add(r.parameterSet().id() + ": " + n)));
    notes.addAll(portfolio.notes());
    for (RulesMarginResult r : rules) {
      if (!r.snapshot().equals(portfolio.snapshot())) {
        notes.add(
            "the results come from different snapshots ("
                + r.snapshot()
                + ", "
                + portfolio.snapshot()
                + "): they are not like with like");
        break;
      }
    }
    return new MarginComparison(
        portfolio.account(),
        portfolio.snapshot(),
        rulesFigures,
        pmFigures,
        savings,
        underlyings,
        portfolio.portfolioMarginQualified(),
        ApplicableMargin.of(portfolio, fallback),
        rules,
        portfolio,
        notes);
  }

  /** The fallback rules model's full result (the last of {@code rulesResults}). */
  public RulesMarginResult fallbackRules() {
    return rulesResults.get(rulesResults.size() - 1);
  }

  /**
   * saving / consumed(rules) = 1 − consumed(PM) / consumed(rules); NaN when the rules model
   * consumes nothing.
   */
  public static double gain(double portfolioConsumedUsd, double rulesConsumedUsd) {
    return rulesConsumedUsd > 0 ? 1.0 - portfolioConsumedUsd / rulesConsumedUsd : Double.NaN;
  }
}
