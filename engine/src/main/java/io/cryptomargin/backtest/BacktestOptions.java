package io.cryptomargin.backtest;

import io.cryptomargin.validation.Problems;
import java.time.LocalDate;

/**
 * How a backtest walks.
 *
 * @param from first day margined (its loss is the next day's), inclusive; null: as early as warm-up
 *     allows
 * @param to last day whose next-day loss is checked, inclusive; null: the day before the last close
 * @param expectedCoverage the coverage a calibrated model gives; breach rate expected 1 − this
 *     (0.99)
 * @param level maintenance or initial requirement
 * @param ewmaLambda decay of the EWMA vol that sets each day's flat implied vol (0.94)
 * @param minimumDailyVol floor on that vol, daily fraction (0.005)
 * @param warmUpDays closes needed before the first tested day (250), so every model has history
 */
public record BacktestOptions(
    LocalDate from,
    LocalDate to,
    double expectedCoverage,
    RequirementLevel level,
    double ewmaLambda,
    double minimumDailyVol,
    int warmUpDays) {
  public BacktestOptions {
    Problems problems = new Problems();
    if (!(expectedCoverage > 0 && expectedCoverage < 1)) {
      problems.add("expectedCoverage", "must be in (0, 1), e.g. 0.99, was " + expectedCoverage);
    }
    if (from != null && to != null && to.isBefore(from)) {
      problems.add("to", "is before from: " + to + " < " + from);
    }
    if (level == null) {
      problems.add("level", "is required");
    }
    if (!(ewmaLambda > 0 && ewmaLambda < 1)) {
      problems.add("ewmaLambda", "must be in (0, 1), was " + ewmaLambda);
    }
    problems.requirePositive("minimumDailyVol", minimumDailyVol);
    if (warmUpDays < 1) {
      problems.add("warmUpDays", "must be >= 1, was " + warmUpDays);
    }
    problems.throwIfAny();
  }

  /** Defaults: whole history after warm-up, 99% expected coverage, maintenance, λ 0.94. */
  public static BacktestOptions defaults() {
    return new BacktestOptions(null, null, 0.99, RequirementLevel.MAINTENANCE, 0.94, 0.005, 250);
  }

  /** A copy walking another period. */
  public BacktestOptions between(LocalDate newFrom, LocalDate newTo) {
    return new BacktestOptions(
        newFrom, newTo, expectedCoverage, level, ewmaLambda, minimumDailyVol, warmUpDays);
  }

  /** A copy with another warm-up. */
  public BacktestOptions withWarmUpDays(int days) {
    return new BacktestOptions(
        from, to, expectedCoverage, level, ewmaLambda, minimumDailyVol, days);
  }

  /** A copy comparing another requirement level. */
  public BacktestOptions withLevel(RequirementLevel newLevel) {
    return new BacktestOptions(
        from, to, expectedCoverage, newLevel, ewmaLambda, minimumDailyVol, warmUpDays);
  }
}
