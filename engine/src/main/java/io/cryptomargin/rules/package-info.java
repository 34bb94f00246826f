/**
 * Rules-based (strategy-based) margin (METHODOLOGY section 4): each leg is charged Deribit's
 * standard margin, then legs that form a recognized strategy (vertical spread, iron condor, and —
 * when switched on — covered call, calendar, straddle, futures hedge) are charged the strategy's
 * maximum loss instead, with the pairing that gives the lowest requirement.
 *
 * <p>Units: per-leg and per-strategy amounts are in the contract's settlement currency (USD-like
 * for linear contracts, the coin for inverse ones) unless the name ends in {@code Usd}; rates are
 * fractions; quantities count contracts (1 coin each for Deribit names).
 */
package io.cryptomargin.rules;
