package io.cryptomargin.backtest;

import java.time.LocalDate;
import java.util.List;

/**
 * How one model covered one book.
 *
 * @param model model id
 * @param book book name
 * @param days days tested (days the model could margin the book)
 * @param breachDates the days whose next-day loss exceeded the requirement (the requirement's day)
 * @param kupiec the proportion-of-failures test against the expected rate
 * @param averageRequirementUsd mean requirement over the days, USD: the cost of the cover
 * @param averageRequirementOfNotional mean of requirement / book notional, fraction
 * @param worstShortfallUsd the largest loss − requirement on a breach day, USD (0 without breaches)
 * @param skippedDays days the model could not margin the book (e.g. an instrument expired)
 */
public record ModelCoverage(String model, String book, int days, List<LocalDate> breachDates, KupiecResult kupiec,
    double averageRequirementUsd, double averageRequirementOfNotional, double worstShortfallUsd, int skippedDays) {
  public ModelCoverage {
    breachDates = List.copyOf(breachDates);
  }

  /** Number of breaches. */
  public int breaches() {
    return breachDates.size();
  }
}
