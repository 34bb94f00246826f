package io.cryptomargin.historical;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/**
 * One dated joint scenario: what every underlying did on (or over the h days ending on) a past
 * date.
 *
 * @param date the last day of the return, e.g. 2020-03-12 for the close-to-close move into that day
 * @param source lookback window or stress period
 * @param priceMoves relative price move per coin of the set (set order), fraction (−0.39 = −39%)
 * @param volMultipliers factor on every implied vol of each coin (set order), within the parameter
 *     bounds
 */
public record HistoricalScenario(
    LocalDate date, ScenarioSource source, double[] priceMoves, double[] volMultipliers) {
  public HistoricalScenario {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(source, "source");
    priceMoves = priceMoves.clone();
    volMultipliers = volMultipliers.clone();
    if (priceMoves.length != volMultipliers.length) {
      throw new IllegalArgumentException("one price move and one vol multiplier per coin");
    }
  }

  /** The price move of the coin at a position of the set's coin list. */
  public double priceMove(int coin) {
    return priceMoves[coin];
  }

  /** The vol multiplier of the coin at a position of the set's coin list. */
  public double volMultiplier(int coin) {
    return volMultipliers[coin];
  }

  @Override
  public double[] priceMoves() {
    return priceMoves.clone();
  }

  @Override
  public double[] volMultipliers() {
    return volMultipliers.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HistoricalScenario s
        && date.equals(s.date)
        && source == s.source
        && Arrays.equals(priceMoves, s.priceMoves)
        && Arrays.equals(volMultipliers, s.volMultipliers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(date, source) * 961
        + Arrays.hashCode(priceMoves) * 31
        + Arrays.hashCode(volMultipliers);
  }

  @Override
  public String toString() {
    return "HistoricalScenario["
        + date
        + " "
        + source
        + " moves="
        + Arrays.toString(priceMoves)
        + " vol×"
        + Arrays.toString(volMultipliers)
        + "]";
  }
}
