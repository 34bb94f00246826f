package io.cryptomargin.comparison;

import io.cryptomargin.report.TextTable;
import io.cryptomargin.rules.LegMargin;
import io.cryptomargin.rules.RecognizedStrategy;

/** A comparison as plain-text tables: totals, per underlying, then the rules-based legs and strategies. */
public final class ComparisonText {
  private ComparisonText() {}

  /** The comparison for a terminal. */
  public static String text(MarginComparison c) {
    StringBuilder out = new StringBuilder();
    out.append("Account ").append(c.account()).append(", market ").append(c.snapshot()).append('\n');
    out.append("Rules-based ").append(c.rules().parameterSet().id()).append(' ').append(c.rules().parameterSet().version())
        .append(" vs portfolio margin ").append(c.portfolioMargin().parameterSet().id()).append(' ')
        .append(c.portfolioMargin().parameterSet().version()).append("\n\n");
    TextTable totals = new TextTable("Model", "Requirement (USD)", "Collateral (USD)", "Haircut (USD)",
        "Free collateral (USD)", "Capital consumed (USD)");
    for (ModelFigures f : new ModelFigures[] {c.rules(), c.portfolioMargin()}) {
      totals.row(f.model(), TextTable.number(f.requirementUsd(), 2), TextTable.number(f.collateralUsd(), 2),
          TextTable.number(f.haircutUsd(), 2), TextTable.number(f.freeCollateralUsd(), 2),
          TextTable.number(f.capitalConsumedUsd(), 2));
    }
    out.append(totals);
    out.append("Capital efficiency gain: ").append(TextTable.percent(c.capitalEfficiencyGain())).append('\n');
    out.append("Applicable margin: ").append(c.applicable().model()).append(" (").append(c.applicable().reason())
        .append(")\n");
    if (!c.portfolioMarginQualified()) {
      out.append("NOTE: the account does not qualify for portfolio margin; its figures are shown for comparison, "
          + "the rules-based margin applies.\n");
    }
    out.append("\nPer underlying\n");
    TextTable per = new TextTable("Underlying", "Coin held (USD)", "Rules IM (USD)", "Haircut (USD)",
        "Rules consumed (USD)", "PM IM (USD)", "PM consumed (USD)", "Gain");
    for (UnderlyingComparison u : c.underlyings()) {
      per.row(u.underlying(), TextTable.number(u.coinHoldingsUsd(), 2), TextTable.number(u.rulesRequirementUsd(), 2),
          TextTable.number(u.rulesHaircutUsd(), 2), TextTable.number(u.rulesConsumedUsd(), 2),
          TextTable.number(u.portfolioRequirementUsd(), 2), TextTable.number(u.portfolioConsumedUsd(), 2),
          TextTable.percent(u.capitalEfficiencyGain()));
    }
    out.append(per);
    out.append("\nRules-based legs (amounts in the settlement currency)\n");
    TextTable legs = new TextTable("Instrument", "Quantity", "Currency", "Standard IM", "Standard MM", "Charged IM",
        "Charged MM", "Charged IM (USD)", "Strategies");
    for (LegMargin l : c.rulesResult().legs()) {
      int decimals = l.usdPerUnit() == 1.0 ? 2 : 6;
      legs.row(l.instrument(), TextTable.number(l.quantity(), 4), l.settlementCurrency(),
          TextTable.number(l.standard().initial(), decimals), TextTable.number(l.standard().maintenance(), decimals),
          TextTable.number(l.charged().initial(), decimals), TextTable.number(l.charged().maintenance(), decimals),
          TextTable.number(l.chargedInitialUsd(), 2), l.strategyIds().isEmpty() ? "-" : String.join(",", l.strategyIds()));
    }
    out.append(legs);
    if (!c.rulesResult().strategies().isEmpty()) {
      out.append("\nRecognized strategies\n");
      TextTable strategies = new TextTable("Id", "Kind", "Units", "Charge IM (USD)", "Legs alone IM (USD)", "Rule");
      for (RecognizedStrategy s : c.rulesResult().strategies()) {
        strategies.row(s.id(), s.kind().name(), TextTable.number(s.quantity(), 4),
            TextTable.number(s.charge().initial() * s.usdPerUnit(), 2),
            TextTable.number(s.standalone().initial() * s.usdPerUnit(), 2), s.description());
      }
      out.append(strategies);
    }
    if (!c.notes().isEmpty()) {
      out.append("\nNotes\n");
      c.notes().forEach(n -> out.append("  - ").append(n).append('\n'));
    }
    return out.toString();
  }
}
