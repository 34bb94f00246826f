package io.cryptomargin.comparison;

import io.cryptomargin.margin.ParameterSetRef;

/**
 * One model's figures for a book, USD, measured the same way for both models.
 *
 * @param model model id ({@code rules-based}, {@code crypto-pm}, {@code span-16})
 * @param parameterSet the parameters used
 * @param requirementUsd initial margin, USD
 * @param maintenanceUsd maintenance margin, USD
 * @param collateralUsd collateral plus spot positions at full value, USD (the same for both models)
 * @param haircutUsd haircut on coins held (rules-based only; 0 under portfolio margin, where spot is a
 *     risk position at full value), USD
 * @param freeCollateralUsd collateral − capital consumed, USD
 * @param capitalConsumedUsd requirement + haircut, USD (METHODOLOGY section 5)
 */
public record ModelFigures(String model, ParameterSetRef parameterSet, double requirementUsd, double maintenanceUsd,
    double collateralUsd, double haircutUsd, double freeCollateralUsd, double capitalConsumedUsd) {

  /** Figures from a requirement, collateral and haircut: consumed and free collateral follow. */
  public static ModelFigures of(String model, ParameterSetRef parameterSet, double requirementUsd,
      double maintenanceUsd, double collateralUsd, double haircutUsd) {
    double consumed = requirementUsd + haircutUsd;
    return new ModelFigures(model, parameterSet, requirementUsd, maintenanceUsd, collateralUsd, haircutUsd,
        collateralUsd - consumed, consumed);
  }
}
