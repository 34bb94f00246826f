package io.cryptomargin.report;

import io.cryptomargin.comparison.MarginComparison;
import io.cryptomargin.comparison.ModelFigures;
import io.cryptomargin.comparison.Saving;
import io.cryptomargin.comparison.UnderlyingComparison;
import io.cryptomargin.rules.LegMargin;
import io.cryptomargin.rules.RecognizedStrategy;
import io.cryptomargin.rules.RulesMarginResult;
import java.util.ArrayList;
import java.util.List;

/**
 * A comparison as plain-text tables: totals, savings, per underlying, then the rules legs and
 * strategies.
 */
public final class ComparisonText {
  private ComparisonText() {}

  /** The comparison for a terminal. */
  public static String text(MarginComparison c) {
    StringBuilder out = new StringBuilder();
    out.append("Account ")
        .append(c.account())
        .append(", market ")
        .append(c.snapshot())
        .append('\n');
    out.append(
        "Mark-to-market basis: equity holds every position at its mark; a requirement is the further loss "
            + "beyond the marks; capital consumed = IM + haircuts.\n\n");
    TextTable totals =
        new TextTable(
            "Model",
            "Version",
            "IM (USD)",
            "MM (USD)",
            "Equity (USD)",
            "Haircut (USD)",
            "Capital consumed (USD)",
            "Free collateral (USD)");
    List<ModelFigures> all = new ArrayList<>(c.rulesModels());
    all.add(c.portfolioMargin());
    for (ModelFigures f : all) {
      totals.row(
          f.model(),
          f.parameterSet().version(),
          TextTable.number(f.requirementUsd(), 2),
          TextTable.number(f.maintenanceUsd(), 2),
          TextTable.number(f.equityUsd(), 2),
          TextTable.number(f.haircutUsd(), 2),
          TextTable.number(f.capitalConsumedUsd(), 2),
          TextTable.number(f.freeCollateralUsd(), 2));
    }
    out.append(totals);
    out.append('\n');
    TextTable savings = new TextTable("Portfolio model", "Against", "Saving (USD)", "Gain");
    for (Saving s : c.savings()) {
      savings.row(
          s.portfolioModel(),
          s.rulesModel(),
          TextTable.number(s.savingUsd(), 2),
          TextTable.percent(s.capitalEfficiencyGain()));
    }
    out.append(savings);
    out.append("(A gain against deribit-sm mostly shows that it recognizes no strategy.)\n");
    out.append("Applicable margin: ")
        .append(c.applicable().model())
        .append(" (")
        .append(c.applicable().reason())
        .append(")\n");
    if (!c.portfolioMarginQualified()) {
      out.append(
          "NOTE: the account does not qualify for portfolio margin; its figures are shown for comparison, "
              + "the strategy-based margin applies.\n");
    }
    RulesMarginResult rules = c.fallbackRules();
    out.append("\nPer underlying (")
        .append(rules.parameterSet().id())
        .append(" vs ")
        .append(c.portfolioMargin().model())
        .append(")\n");
    TextTable per =
        new TextTable(
            "Underlying",
            "Coin held (USD)",
            "Rules IM (USD)",
            "Haircut (USD)",
            "Rules consumed (USD)",
            "PM IM (USD)",
            "PM consumed (USD)",
            "Gain");
    for (UnderlyingComparison u : c.underlyings()) {
      per.row(
          u.underlying(),
          TextTable.number(u.coinHoldingsUsd(), 2),
          TextTable.number(u.rulesRequirementUsd(), 2),
          TextTable.number(u.rulesHaircutUsd(), 2),
          TextTable.number(u.rulesConsumedUsd(), 2),
          TextTable.number(u.portfolioRequirementUsd(), 2),
          TextTable.number(u.portfolioConsumedUsd(), 2),
          TextTable.percent(u.capitalEfficiencyGain()));
    }
    out.append(per);
    out.append(
            "\nRules legs (amounts in the settlement currency): venue = as Deribit prints it (cash basis), "
                + "per leg = deribit-sm on the mark-to-market basis, charged = ")
        .append(rules.parameterSet().id())
        .append('\n');
    TextTable legs =
        new TextTable(
            "Instrument",
            "Quantity",
            "Currency",
            "Venue IM",
            "Per-leg IM",
            "Per-leg MM",
            "Charged IM",
            "Charged MM",
            "Charged IM (USD)",
            "Strategies");
    for (LegMargin l : rules.legs()) {
      int decimals = l.usdPerUnit() == 1.0 ? 2 : 6;
      legs.row(
          l.instrument(),
          TextTable.number(l.quantity(), 4),
          l.settlementCurrency(),
          TextTable.number(l.venue().initial(), decimals),
          TextTable.number(l.standard().initial(), decimals),
          TextTable.number(l.standard().maintenance(), decimals),
          TextTable.number(l.charged().initial(), decimals),
          TextTable.number(l.charged().maintenance(), decimals),
          TextTable.number(l.chargedInitialUsd(), 2),
          l.strategyIds().isEmpty() ? "-" : String.join(",", l.strategyIds()));
    }
    out.append(legs);
    if (!rules.strategies().isEmpty()) {
      out.append("\nRecognized strategies\n");
      TextTable strategies =
          new TextTable("Id", "Kind", "Units", "Charge IM (USD)", "Legs alone IM (USD)", "Rule");
      for (RecognizedStrategy s : rules.strategies()) {
        strategies.row(
            s.id(),
            s.kind().name(),
            TextTable.number(s.quantity(), 4),
            TextTable.number(s.charge().initial() * s.usdPerUnit(), 2),
            TextTable.number(s.standalone().initial() * s.usdPerUnit(), 2),
            s.description());
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
