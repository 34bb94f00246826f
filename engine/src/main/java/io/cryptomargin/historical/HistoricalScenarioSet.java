package io.cryptomargin.historical;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The dated scenarios of one as-of date: one per date of the lookback window plus the stress dates.
 *
 * @param asOf the last close the set was fitted on (no later data is used)
 * @param coins the coins, in the order of every scenario's arrays
 * @param horizonDays days every scenario is valued after the snapshot
 * @param currentDailyVol per coin, today's EWMA vol forecast, daily fraction (what FHS scales to)
 * @param scenarios in date order
 * @param lookbackWindowDays dates of the lookback window the history holds (stress dates inside it
 *     included): the lookback length unless the history starts later
 * @param stressPeriodsMissing stress periods the history holds no return of, so they are not in the
 *     set
 */
public record HistoricalScenarioSet(
    LocalDate asOf,
    List<String> coins,
    int horizonDays,
    double[] currentDailyVol,
    List<HistoricalScenario> scenarios,
    int lookbackWindowDays,
    List<StressPeriod> stressPeriodsMissing) {
  public HistoricalScenarioSet {
    Objects.requireNonNull(asOf, "asOf");
    coins = List.copyOf(coins);
    currentDailyVol = currentDailyVol.clone();
    scenarios = List.copyOf(scenarios);
    stressPeriodsMissing = List.copyOf(stressPeriodsMissing);
  }

  /** Number of scenarios. */
  public int size() {
    return scenarios.size();
  }

  /** Position of a coin in the arrays, or −1. */
  public int coinIndex(String coin) {
    return coins.indexOf(coin);
  }

  @Override
  public double[] currentDailyVol() {
    return currentDailyVol.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HistoricalScenarioSet s
        && asOf.equals(s.asOf)
        && coins.equals(s.coins)
        && horizonDays == s.horizonDays
        && java.util.Arrays.equals(currentDailyVol, s.currentDailyVol)
        && scenarios.equals(s.scenarios)
        && lookbackWindowDays == s.lookbackWindowDays
        && stressPeriodsMissing.equals(s.stressPeriodsMissing);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
                asOf, coins, horizonDays, scenarios, lookbackWindowDays, stressPeriodsMissing)
            * 31
        + java.util.Arrays.hashCode(currentDailyVol);
  }
}
