package io.cryptomargin.comparison;

import io.cryptomargin.book.AccountMargin;
import io.cryptomargin.book.MarginStatus;
import io.cryptomargin.rules.RulesMarginResult;
import java.util.Objects;

/**
 * The margin that actually applies to an account: portfolio margin when the account qualifies
 * (equity at or above the model's minimum), otherwise the rules-based margin. USD.
 *
 * @param model the model that applies
 * @param initialMarginUsd its initial margin, USD
 * @param maintenanceMarginUsd its maintenance margin, USD
 * @param equityUsd the equity it is measured against (after the spot haircut under rules-based),
 *     USD
 * @param freeCollateralUsd equity above the initial margin, USD
 * @param status HEALTHY, MARGIN_CALL or LIQUIDATION under that model
 * @param reason why this model applies, in words
 */
public record ApplicableMargin(
    AppliedModel model,
    double initialMarginUsd,
    double maintenanceMarginUsd,
    double equityUsd,
    double freeCollateralUsd,
    MarginStatus status,
    String reason) {
  public ApplicableMargin {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(status, "status");
  }

  /**
   * The applicable margin of an account given both models' results for the same book and snapshot.
   *
   * @param portfolioMargin the portfolio margin (its qualification decides)
   * @param rules the rules-based margin, the fallback
   */
  public static ApplicableMargin of(AccountMargin portfolioMargin, RulesMarginResult rules) {
    if (portfolioMargin.portfolioMarginQualified()) {
      return new ApplicableMargin(
          AppliedModel.PORTFOLIO_MARGIN,
          portfolioMargin.initialMargin(),
          portfolioMargin.maintenanceMargin(),
          portfolioMargin.equity(),
          portfolioMargin.freeCollateral(),
          portfolioMargin.status(),
          "equity meets the portfolio margin minimum of " + portfolioMargin.model());
    }
    String why =
        portfolioMargin.notes().isEmpty()
            ? "the account does not qualify for portfolio margin"
            : portfolioMargin.notes().get(0);
    return new ApplicableMargin(
        AppliedModel.RULES_BASED,
        rules.initialMarginUsd(),
        rules.maintenanceMarginUsd(),
        rules.haircutEquityUsd(),
        rules.freeCollateralUsd(),
        rules.status(),
        why);
  }
}
