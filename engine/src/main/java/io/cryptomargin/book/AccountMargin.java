package io.cryptomargin.book;

import java.util.List;
import java.util.Optional;

/**
 * An account's portfolio margin on the mark-to-market basis (METHODOLOGY 1a). Account amounts are
 * in USD.
 *
 * <p>Equity = cash + coins at index + every position at its mark; every requirement is the further
 * loss beyond those marks. Capital consumed = IM + Σ haircut × coin value: what the book ties up;
 * free collateral = equity − capital consumed.
 *
 * @param account account id
 * @param model the margin model id
 * @param parameterSet the parameters used
 * @param snapshot the market snapshot (or supplied risk-array file) used
 * @param initialMargin the account's initial margin, USD (crypto-pm cross: cross-margined over
 *     currencies)
 * @param maintenanceMargin the account's maintenance margin, USD
 * @param equity collateral at index plus every position at its mark, USD
 * @param collateralValue collateral valued at the index, USD
 * @param status HEALTHY (equity − haircuts ≥ IM), MARGIN_CALL (equity ≥ MM) or LIQUIDATION
 * @param portfolioMarginQualified whether equity meets the model's minimum for portfolio margin
 * @param notes plain-language remarks (qualification, data used)
 * @param commodities per combined commodity
 * @param netOptionValueUsd the options at their marks, long positive, USD: reported, never
 *     subtracted (it is in equity)
 * @param haircutUsd Σ haircut × coin value, USD: held back against IM only
 * @param marginMode how the currencies were margined (crypto-pm reads it)
 * @param accountType who holds the account (span-16 reads it)
 * @param profile which venue's values at which date the model's parameters are
 * @param undampenedExtendedLossUsd crypto-pm: the account's worst extended cell before the
 *     dampener, USD
 * @param undampenedExtendedScenario that cell's label ("" when none)
 */
public record AccountMargin(
    String account,
    String model,
    ParameterSetRef parameterSet,
    String snapshot,
    double initialMargin,
    double maintenanceMargin,
    double equity,
    double collateralValue,
    MarginStatus status,
    boolean portfolioMarginQualified,
    List<String> notes,
    List<CommodityMargin> commodities,
    double netOptionValueUsd,
    double haircutUsd,
    MarginMode marginMode,
    AccountType accountType,
    ModelProfile profile,
    double undampenedExtendedLossUsd,
    String undampenedExtendedScenario) {
  /** An account of a model with no haircuts, profile or extended table (historical-var). */
  public AccountMargin(
      String account,
      String model,
      ParameterSetRef parameterSet,
      String snapshot,
      double initialMargin,
      double maintenanceMargin,
      double equity,
      double collateralValue,
      MarginStatus status,
      boolean portfolioMarginQualified,
      List<String> notes,
      List<CommodityMargin> commodities) {
    this(
        account,
        model,
        parameterSet,
        snapshot,
        initialMargin,
        maintenanceMargin,
        equity,
        collateralValue,
        status,
        portfolioMarginQualified,
        notes,
        commodities,
        0.0,
        0.0,
        MarginMode.CROSS,
        AccountType.SPECULATOR,
        ModelProfile.UNNAMED,
        0.0,
        "");
  }

  public AccountMargin {
    notes = List.copyOf(notes);
    commodities = List.copyOf(commodities);
    marginMode = marginMode == null ? MarginMode.CROSS : marginMode;
    accountType = accountType == null ? AccountType.SPECULATOR : accountType;
    profile = profile == null ? ModelProfile.UNNAMED : profile;
    undampenedExtendedScenario =
        undampenedExtendedScenario == null ? "" : undampenedExtendedScenario;
  }

  /** Capital consumed: initial margin plus the haircuts on coin balances, USD (METHODOLOGY 1a). */
  public double capitalConsumed() {
    return initialMargin + haircutUsd;
  }

  /** Free collateral: equity above the capital consumed (negative when short of it), USD. */
  public double freeCollateral() {
    return equity - capitalConsumed();
  }

  /** The commodity of an underlying and currency, if the account has one. */
  public Optional<CommodityMargin> commodity(String underlying, String settlementCurrency) {
    return commodities.stream()
        .filter(
            c ->
                c.underlying().equals(underlying)
                    && c.settlementCurrency().equals(settlementCurrency))
        .findFirst();
  }
}
