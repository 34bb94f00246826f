package io.cryptomargin.comparison;

import io.cryptomargin.margin.AccountMargin;
import io.cryptomargin.margin.CommodityMargin;
import io.cryptomargin.margin.MarginModel;
import io.cryptomargin.margin.Portfolio;
import io.cryptomargin.margin.PortfolioMargin;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.rules.RulesBasedMargin;
import io.cryptomargin.rules.RulesMarginResult;
import io.cryptomargin.rules.RulesParameters;
import io.cryptomargin.rules.UnderlyingRulesMargin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Rules-based and portfolio margin of the same book in the same snapshot, like with like
 * (METHODOLOGY section 5). Both models see the same collateral (cash, coins and spot positions at
 * the index); the rules-based model then haircuts the coins, the portfolio margin treats spot as
 * a risk position at full value. Capital consumed = requirement + haircut (rules-based) or the
 * requirement alone (portfolio margin); gain = 1 − consumed(PM) / consumed(rules).
 *
 * <p>Portfolio margin figures are shown even when the account does not qualify for it (that is
 * what the comparison is for); {@link #applicable()} then says the rules-based margin applies.
 *
 * @param account account id
 * @param snapshot market snapshot id
 * @param rules rules-based figures
 * @param portfolioMargin portfolio margin figures
 * @param underlyings per underlying
 * @param capitalEfficiencyGain account gain, fraction (NaN when the rules-based model consumes nothing)
 * @param portfolioMarginQualified whether the account qualifies for portfolio margin
 * @param applicable the margin that applies to the account
 * @param rulesResult the full rules-based result (legs and strategies)
 * @param portfolioResult the full portfolio margin result
 * @param notes remarks of both models
 */
public record MarginComparison(String account, String snapshot, ModelFigures rules, ModelFigures portfolioMargin,
    List<UnderlyingComparison> underlyings, double capitalEfficiencyGain, boolean portfolioMarginQualified,
    ApplicableMargin applicable, RulesMarginResult rulesResult, AccountMargin portfolioResult, List<String> notes) {
  public MarginComparison {
    underlyings = List.copyOf(underlyings);
    notes = List.copyOf(notes);
  }

  /** Both models computed on the book in the snapshot. */
  public static MarginComparison compute(Portfolio portfolio, MarketSnapshot snapshot, MarginModel model,
      RulesParameters rules) {
    return of(RulesBasedMargin.compute(portfolio, snapshot, rules), PortfolioMargin.compute(portfolio, snapshot, model));
  }

  /** The comparison of two results for the same book and snapshot. */
  public static MarginComparison of(RulesMarginResult rules, AccountMargin portfolio) {
    double collateral = rules.equityUsd();
    ModelFigures rulesFigures = ModelFigures.of(rules.parameterSet().id(), rules.parameterSet(),
        rules.initialMarginUsd(), rules.maintenanceMarginUsd(), collateral, rules.spotHaircutUsd());
    ModelFigures pmFigures = ModelFigures.of(portfolio.model(), portfolio.parameterSet(), portfolio.initialMargin(),
        portfolio.maintenanceMargin(), collateral, 0.0);

    Map<String, Double> rulesByCoin = new TreeMap<>();
    for (UnderlyingRulesMargin u : rules.underlyings()) {
      rulesByCoin.merge(u.underlying(), u.initialMarginUsd(), Double::sum);
    }
    Map<String, Double> pmByCoin = new TreeMap<>();
    for (CommodityMargin c : portfolio.commodities()) {
      pmByCoin.merge(c.underlying(), c.initialMarginUsd(), Double::sum);
    }
    TreeSet<String> coins = new TreeSet<>(rulesByCoin.keySet());
    coins.addAll(pmByCoin.keySet());
    coins.addAll(rules.coinHoldingsUsd().keySet());
    List<UnderlyingComparison> underlyings = new ArrayList<>();
    for (String coin : coins) {
      double rulesRequirement = rulesByCoin.getOrDefault(coin, 0.0);
      double haircut = rules.haircutsUsd().getOrDefault(coin, 0.0);
      double pm = pmByCoin.getOrDefault(coin, 0.0);
      underlyings.add(new UnderlyingComparison(coin, rules.coinHoldingsUsd().getOrDefault(coin, 0.0),
          rulesRequirement, haircut, rulesRequirement + haircut, pm, pm, gain(pm, rulesRequirement + haircut)));
    }
    List<String> notes = new ArrayList<>(rules.notes());
    notes.addAll(portfolio.notes());
    if (!rules.snapshot().equals(portfolio.snapshot())) {
      notes.add("the two results come from different snapshots (" + rules.snapshot() + ", " + portfolio.snapshot()
          + "): they are not like with like");
    }
    return new MarginComparison(portfolio.account(), portfolio.snapshot(), rulesFigures, pmFigures, underlyings,
        gain(pmFigures.capitalConsumedUsd(), rulesFigures.capitalConsumedUsd()), portfolio.portfolioMarginQualified(),
        ApplicableMargin.of(portfolio, rules), rules, portfolio, notes);
  }

  /** 1 − consumed(PM) / consumed(rules); NaN when the rules-based model consumes nothing. */
  public static double gain(double portfolioConsumedUsd, double rulesConsumedUsd) {
    return rulesConsumedUsd > 0 ? 1.0 - portfolioConsumedUsd / rulesConsumedUsd : Double.NaN;
  }
}
