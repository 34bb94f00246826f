/**
 * Scenario sets: the market moves a risk array is computed for. {@code span-16} (CME SPAN's 16
 * scenarios), {@code crypto-pm} (Deribit's 2024 portfolio-margin grid with its extended table) and
 * {@code tims} (FINRA Rule 4210(g)'s ten price points) are built from versioned parameters, never
 * constants in code.
 *
 * <p>Units: price moves and vol ranges are fractions (0.15 = 15%), look-ahead in calendar days,
 * weights are the fraction of a scenario's loss that counts.
 */
package io.cryptomargin.scenario;
