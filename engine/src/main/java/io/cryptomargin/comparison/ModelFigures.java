package io.cryptomargin.comparison;

import io.cryptomargin.book.ParameterSetRef;

/**
 * One model's figures for a book on the mark-to-market basis of METHODOLOGY section 1a, USD.
 *
 * @param model model id ({@code deribit-sm}, {@code strategy-based}, {@code crypto-pm}, {@code
 *     span-16}, ...)
 * @param parameterSet the parameters used
 * @param requirementUsd initial margin, USD
 * @param maintenanceUsd maintenance margin, USD
 * @param equityUsd cash, coins at the index and every position at its mark, USD
 * @param haircutUsd Σ haircut × coin value, USD (counts against IM only)
 * @param freeCollateralUsd equity − capital consumed, USD
 * @param capitalConsumedUsd requirement + haircut, USD: the part of equity the book ties up
 */
public record ModelFigures(
    String model,
    ParameterSetRef parameterSet,
    double requirementUsd,
    double maintenanceUsd,
    double equityUsd,
    double haircutUsd,
    double freeCollateralUsd,
    double capitalConsumedUsd) {

  /** Figures from a requirement, equity and haircut: consumed and free collateral follow. */
  public static ModelFigures of(
      String model,
      ParameterSetRef parameterSet,
      double requirementUsd,
      double maintenanceUsd,
      double equityUsd,
      double haircutUsd) {
    double consumed = requirementUsd + haircutUsd;
    return new ModelFigures(
        model,
        parameterSet,
        requirementUsd,
        maintenanceUsd,
        equityUsd,
        haircutUsd,
        equityUsd - consumed,
        consumed);
  }

  /**
   * This book's figures less those of another (e.g. the same coins with no positions): the
   * increment.
   */
  public ModelFigures minus(ModelFigures base) {
    return new ModelFigures(
        model,
        parameterSet,
        requirementUsd - base.requirementUsd,
        maintenanceUsd - base.maintenanceUsd,
        equityUsd - base.equityUsd,
        haircutUsd - base.haircutUsd,
        freeCollateralUsd - base.freeCollateralUsd,
        capitalConsumedUsd - base.capitalConsumedUsd);
  }
}
