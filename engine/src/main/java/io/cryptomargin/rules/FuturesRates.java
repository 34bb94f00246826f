package io.cryptomargin.rules;

import io.cryptomargin.validation.Problems;

/**
 * Deribit's standard margin of futures and perpetuals, with size scaling: IM = (initialRate +
 * sizeRatePerCoin × size) × notional, MM = (maintenanceRate + sizeRatePerCoin × size) × notional,
 * size the position in coins.
 *
 * @param initialRate base initial rate, fraction of notional (0.02)
 * @param maintenanceRate base maintenance rate, fraction of notional (0.01)
 * @param sizeRatePerCoin added rate per coin of position (0.00005 = 0.005%)
 */
public record FuturesRates(double initialRate, double maintenanceRate, double sizeRatePerCoin) {
  public FuturesRates {
    Problems problems = new Problems();
    problems.requireNonNegative("initialRate", initialRate);
    problems.requireNonNegative("maintenanceRate", maintenanceRate);
    problems.requireNonNegative("sizeRatePerCoin", sizeRatePerCoin);
    problems.throwIfAny();
  }
}
