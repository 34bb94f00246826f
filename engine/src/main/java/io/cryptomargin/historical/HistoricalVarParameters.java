package io.cryptomargin.historical;

import io.cryptomargin.validation.Problems;
import java.util.List;

/**
 * The parameters of the {@code historical-var} model (the {@code historical} part of its model
 * file).
 *
 * @param confidence expected-shortfall confidence c in (0, 1) (0.99)
 * @param horizonDays the margin period of risk, calendar days ≥ 1 (1); scenarios are valued this
 *     much later
 * @param horizonScaling √h scaling of daily returns or overlapping h-day returns
 * @param lookbackDays how many most recent dated returns make scenarios (1000)
 * @param weighting filtered (rescaled to today's EWMA vol) or plain
 * @param ewmaLambda EWMA decay in (0, 1) (0.94, RiskMetrics)
 * @param minimumDailyVol floor on every EWMA vol, daily fraction (0.005): flat, thinly traded early
 *     days would otherwise give near-zero vols that blow up the FHS ratio
 * @param volMultiplierFloor lowest factor a scenario applies to implied vols (0.5)
 * @param volMultiplierCap highest factor a scenario applies to implied vols (3)
 * @param stressPeriods dates always included, unfiltered, once they are in the past
 * @param worstScenariosReported how many worst scenarios a result lists (10)
 */
public record HistoricalVarParameters(
    double confidence,
    int horizonDays,
    HorizonScaling horizonScaling,
    int lookbackDays,
    ReturnWeighting weighting,
    double ewmaLambda,
    double minimumDailyVol,
    double volMultiplierFloor,
    double volMultiplierCap,
    List<StressPeriod> stressPeriods,
    int worstScenariosReported) {
  public HistoricalVarParameters {
    Problems problems = new Problems();
    if (!(confidence > 0 && confidence < 1)) {
      problems.add("confidence", "must be in (0, 1), e.g. 0.99, was " + confidence);
    }
    if (horizonDays < 1) {
      problems.add("horizonDays", "must be >= 1, was " + horizonDays);
    }
    if (lookbackDays < 1) {
      problems.add("lookbackDays", "must be >= 1, was " + lookbackDays);
    }
    if (horizonScaling == null || weighting == null) {
      problems.add("horizonScaling", "horizon scaling and weighting are required");
    }
    if (!(ewmaLambda > 0 && ewmaLambda < 1)) {
      problems.add("ewmaLambda", "must be in (0, 1), e.g. 0.94, was " + ewmaLambda);
    }
    problems.requirePositive("minimumDailyVol", minimumDailyVol);
    problems.requirePositive("volMultiplierFloor", volMultiplierFloor);
    if (!(volMultiplierFloor <= 1 && volMultiplierCap >= 1) || !Double.isFinite(volMultiplierCap)) {
      problems.add(
          "volMultiplierCap",
          "the vol multiplier bounds must satisfy floor <= 1 <= cap, were "
              + volMultiplierFloor
              + " and "
              + volMultiplierCap);
    }
    if (worstScenariosReported < 0) {
      problems.add("worstScenariosReported", "must be >= 0, was " + worstScenariosReported);
    }
    stressPeriods = List.copyOf(stressPeriods == null ? List.of() : stressPeriods);
    problems.throwIfAny();
  }

  /** The defaults of METHODOLOGY section 2d as shipped in {@code models/historical-var.json}. */
  public static HistoricalVarParameters defaults() {
    return new HistoricalVarParameters(
        0.99,
        1,
        HorizonScaling.SQUARE_ROOT_OF_TIME,
        1000,
        ReturnWeighting.FILTERED,
        0.94,
        0.005,
        0.5,
        3.0,
        List.of(
            new StressPeriod(
                java.time.LocalDate.of(2020, 3, 9), java.time.LocalDate.of(2020, 3, 16))),
        10);
  }

  /** A copy with another lookback, in days. */
  public HistoricalVarParameters withLookbackDays(int days) {
    return new HistoricalVarParameters(
        confidence,
        horizonDays,
        horizonScaling,
        days,
        weighting,
        ewmaLambda,
        minimumDailyVol,
        volMultiplierFloor,
        volMultiplierCap,
        stressPeriods,
        worstScenariosReported);
  }

  /** A copy with another weighting. */
  public HistoricalVarParameters withWeighting(ReturnWeighting newWeighting) {
    return new HistoricalVarParameters(
        confidence,
        horizonDays,
        horizonScaling,
        lookbackDays,
        newWeighting,
        ewmaLambda,
        minimumDailyVol,
        volMultiplierFloor,
        volMultiplierCap,
        stressPeriods,
        worstScenariosReported);
  }

  /** A copy with other stress periods. */
  public HistoricalVarParameters withStressPeriods(List<StressPeriod> periods) {
    return new HistoricalVarParameters(
        confidence,
        horizonDays,
        horizonScaling,
        lookbackDays,
        weighting,
        ewmaLambda,
        minimumDailyVol,
        volMultiplierFloor,
        volMultiplierCap,
        periods,
        worstScenariosReported);
  }

  /** A copy with another horizon and scaling. */
  public HistoricalVarParameters withHorizon(int days, HorizonScaling scaling) {
    return new HistoricalVarParameters(
        confidence,
        days,
        scaling,
        lookbackDays,
        weighting,
        ewmaLambda,
        minimumDailyVol,
        volMultiplierFloor,
        volMultiplierCap,
        stressPeriods,
        worstScenariosReported);
  }
}
