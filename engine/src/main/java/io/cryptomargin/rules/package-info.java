/**
 * Rules-based margin (METHODOLOGY section 4), two models from one set of formulas: {@code
 * deribit-sm}, Deribit's standard margin charged leg by leg with no strategy recognized, and {@code
 * strategy-based}, the same legs with recognized strategies (vertical spreads, iron condors, long
 * calendars, covered calls and puts, short straddles and strangles) charged their maximum loss
 * beyond today's marks instead, with the pairing that gives the lowest requirement, found by a
 * bounded search ({@link io.cryptomargin.rules.SearchLimits}) that says when it stopped early.
 *
 * <p>Every leg is reported as the venue prints it (cash basis: a short option's figure includes its
 * mark, a long option needs nothing) and on the mark-to-market basis of METHODOLOGY section 1a (a
 * short option less its mark, a long option its mark), which is what totals and comparisons use.
 *
 * <p>Units: per-leg and per-strategy amounts are in the contract's settlement currency (USD-like
 * for linear contracts, the coin for inverse ones) unless the name ends in {@code Usd}; rates are
 * fractions; quantities count contracts, each of the snapshot's contract size in coins.
 */
package io.cryptomargin.rules;
