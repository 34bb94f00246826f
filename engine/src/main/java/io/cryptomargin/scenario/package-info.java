/**
 * Scenario sets: the market moves a risk array is computed for. {@code span-16} (CME SPAN's 16
 * scenarios) and {@code crypto-pm} (the Deribit-style grid with an extended table for far
 * out-of-the-money shorts) are built from versioned parameters, never constants in code.
 *
 * <p>Units: price moves and vol ranges are fractions (0.15 = 15%), look-ahead in calendar days,
 * weights are the fraction of a scenario's loss that counts.
 */
package io.cryptomargin.scenario;
