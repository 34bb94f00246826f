package io.cryptomargin.report;

import io.cryptomargin.book.AccountMargin;
import io.cryptomargin.book.CommodityMargin;
import io.cryptomargin.book.PositionContribution;
import io.cryptomargin.instrument.Instrument;

/**
 * The portfolio-margin report as text: account summary, every component per commodity,
 * contributions.
 */
public final class MarginReport {
  private MarginReport() {}

  /** The full report. */
  public static String text(AccountMargin margin) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "Portfolio margin — account %s, model %s (parameters %s v%s, profile %s of %s), "
                + "snapshot %s%n",
            margin.account(),
            margin.model(),
            margin.parameterSet().id(),
            margin.parameterSet().version(),
            margin.profile().name(),
            margin.profile().date(),
            margin.snapshot()));
    out.append(
        String.format(
            "  basis: mark-to-market (requirements are the further loss beyond marks); account %s, "
                + "margin mode %s%n",
            margin.accountType().name().toLowerCase(java.util.Locale.ROOT),
            margin.marginMode().name().toLowerCase(java.util.Locale.ROOT)));
    out.append(
        String.format(
            "  initial margin      %16s USD%n", TextTable.number(margin.initialMargin(), 2)));
    out.append(
        String.format(
            "  maintenance margin  %16s USD%n", TextTable.number(margin.maintenanceMargin(), 2)));
    out.append(
        String.format(
            "  equity              %16s USD  (collateral %s USD, options at marks %s USD)%n",
            TextTable.number(margin.equity(), 2),
            TextTable.number(margin.collateralValue(), 2),
            TextTable.number(margin.netOptionValueUsd(), 2)));
    out.append(
        String.format(
            "  capital consumed    %16s USD  (IM + haircuts %s USD)%n",
            TextTable.number(margin.capitalConsumed(), 2),
            TextTable.number(margin.haircutUsd(), 2)));
    out.append(
        String.format(
            "  free collateral     %16s USD%n", TextTable.number(margin.freeCollateral(), 2)));
    if (!margin.undampenedExtendedScenario().isEmpty()) {
      out.append(
          String.format(
              "  undampened tail     %16s USD  (worst extended cell before the dampener: %s)%n",
              TextTable.number(margin.undampenedExtendedLossUsd(), 2),
              margin.undampenedExtendedScenario()));
    }
    out.append(String.format("  status              %16s%n", margin.status()));
    margin.notes().forEach(note -> out.append("  note: ").append(note).append('\n'));
    out.append('\n');
    TextTable components =
        new TextTable(
            "underlying",
            "ccy",
            "scan risk",
            "binding scenario",
            "net delta",
            "intra charge",
            "inter credit",
            "short opt min",
            "NOV",
            "risk",
            "maintenance",
            "initial",
            "initial USD");
    for (CommodityMargin c : margin.commodities()) {
      String ccy = c.settlementCurrency();
      components.row(
          c.underlying(),
          ccy,
          amount(c.scanningRisk(), ccy),
          "#" + c.bindingScenario() + " " + c.bindingScenarioLabel(),
          TextTable.number(c.netDelta(), 4),
          amount(c.intraSpreadCharge(), ccy),
          amount(c.interSpreadCredit(), ccy),
          amount(c.shortOptionMinimum(), ccy),
          amount(c.netOptionValue(), ccy),
          amount(c.risk(), ccy),
          amount(c.maintenanceMargin(), ccy),
          amount(c.initialMargin(), ccy),
          TextTable.number(c.initialMarginUsd(), 2));
    }
    out.append(components);
    out.append(
        "Amounts per commodity are in its settlement currency (ccy); deltas in coins of the underlying.\n\n");
    TextTable contributions =
        new TextTable("underlying", "ccy", "instrument", "quantity", "loss in binding scenario");
    for (CommodityMargin c : margin.commodities()) {
      for (PositionContribution p : c.contributions()) {
        contributions.row(
            c.underlying(),
            c.settlementCurrency(),
            p.instrument(),
            TextTable.number(p.quantity(), 4),
            amount(p.loss(), c.settlementCurrency()));
      }
    }
    out.append(contributions);
    return out.toString();
  }

  /** An amount for display: cents for USD-like money, 6 decimals (about 0.1 USD) for coins. */
  public static String amount(double value, String currency) {
    return TextTable.number(value, Instrument.isUsdLike(currency) ? 2 : 6);
  }
}
