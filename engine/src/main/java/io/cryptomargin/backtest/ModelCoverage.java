package io.cryptomargin.backtest;

import java.time.LocalDate;
import java.util.List;

/**
 * How one model covered one book. What the exceedances count depends on the model (METHODOLOGY 2d):
 * for a model that sets a VaR (historical-var), the days whose next-day loss exceeded its VaR,
 * which is what the Kupiec test fits, with its expected shortfall checked apart; for the others,
 * the days whose loss exceeded the requirement, Kupiec then asking only whether that happens at the
 * nominal rate or less (a coverage check: those requirements state no confidence level).
 *
 * @param model model id
 * @param book book name
 * @param tested what the exceedances and the Kupiec test are about, in words
 * @param days days tested (days the model could margin the book)
 * @param breachDates the days counted as exceedances (the requirement's day)
 * @param kupiec the proportion-of-failures test against the expected rate
 * @param requirementBreaches days whose loss exceeded the requirement itself
 * @param averageRequirementUsd mean requirement over the days, USD: the cost of the cover
 * @param averageRequirementOfNotional mean of requirement / book notional, fraction
 * @param worstShortfallUsd the largest loss − requirement on a day the requirement was exceeded,
 *     USD (0 without)
 * @param meanTailLossUsd for an ES model: the mean loss on the VaR exceedance days, USD (NaN
 *     otherwise or without)
 * @param meanExpectedShortfallUsd for an ES model: the mean ES on those days, USD (NaN otherwise or
 *     without)
 * @param skippedDays days the model could not margin the book (e.g. an instrument expired)
 */
public record ModelCoverage(
    String model,
    String book,
    String tested,
    int days,
    List<LocalDate> breachDates,
    KupiecResult kupiec,
    int requirementBreaches,
    double averageRequirementUsd,
    double averageRequirementOfNotional,
    double worstShortfallUsd,
    double meanTailLossUsd,
    double meanExpectedShortfallUsd,
    int skippedDays) {
  public ModelCoverage {
    breachDates = List.copyOf(breachDates);
  }

  /** Number of exceedances tested. */
  public int breaches() {
    return breachDates.size();
  }
}
