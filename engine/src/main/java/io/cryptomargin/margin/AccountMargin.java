package io.cryptomargin.margin;

import java.util.List;

/**
 * An account's portfolio margin. Account amounts are in USD.
 *
 * @param account account id
 * @param model the margin model id
 * @param parameterSet the parameters used
 * @param snapshot the market snapshot (or supplied risk-array file) used
 * @param initialMargin sum of the commodities' initial margins, USD
 * @param maintenanceMargin sum of the commodities' maintenance margins, USD
 * @param equity collateral plus spot positions' value, USD (option values enter through NOV)
 * @param collateralValue collateral valued at the index, USD
 * @param status HEALTHY, MARGIN_CALL or LIQUIDATION
 * @param portfolioMarginQualified whether equity meets the model's minimum for portfolio margin
 * @param notes plain-language remarks (qualification, data used)
 * @param commodities per combined commodity
 */
public record AccountMargin(String account, String model, ParameterSetRef parameterSet, String snapshot,
    double initialMargin, double maintenanceMargin, double equity, double collateralValue, MarginStatus status,
    boolean portfolioMarginQualified, List<String> notes, List<CommodityMargin> commodities) {
  public AccountMargin {
    notes = List.copyOf(notes);
    commodities = List.copyOf(commodities);
  }

  /** Free collateral: equity above the initial margin (negative when short of it), USD. */
  public double freeCollateral() {
    return equity - initialMargin;
  }

  /** The commodity of an underlying and currency, if the account has one. */
  public java.util.Optional<CommodityMargin> commodity(String underlying, String settlementCurrency) {
    return commodities.stream()
        .filter(c -> c.underlying().equals(underlying) && c.settlementCurrency().equals(settlementCurrency))
        .findFirst();
  }
}
