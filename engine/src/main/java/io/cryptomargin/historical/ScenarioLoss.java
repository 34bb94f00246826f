package io.cryptomargin.historical;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The book's loss in one dated scenario.
 *
 * @param date the scenario's date
 * @param source lookback window or stress period
 * @param lossUsd the account's loss, USD (gain negative)
 * @param priceMoves each underlying's price move in the scenario, fraction
 */
public record ScenarioLoss(
    LocalDate date, ScenarioSource source, double lossUsd, Map<String, Double> priceMoves) {
  public ScenarioLoss {
    priceMoves = Collections.unmodifiableMap(new LinkedHashMap<>(priceMoves));
  }
}
