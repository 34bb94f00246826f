package io.cryptomargin.rules;

import io.cryptomargin.validation.Problems;

/**
 * Deribit's standard margin rates for short options, as fractions of the underlying price.
 *
 * @param initialRate the 0.15 of IM = max(0.15·U − OTM, 0.10·U) + mark
 * @param initialFloorRate the 0.10 of that formula
 * @param maintenanceRate the 0.075 of MM = 0.075·U + mark (calls) and max(0.075·U, 0.075·mark) +
 *     mark (puts)
 */
public record OptionRates(double initialRate, double initialFloorRate, double maintenanceRate) {
  public OptionRates {
    Problems problems = new Problems();
    problems.requireNonNegative("initialRate", initialRate);
    problems.requireNonNegative("initialFloorRate", initialFloorRate);
    problems.requireNonNegative("maintenanceRate", maintenanceRate);
    problems.throwIfAny();
  }
}
