/**
 * Immutable market data: a snapshot holds, per underlying, the index, forwards per expiry and a
 * volatility surface, plus optional per-instrument marks. A shift (a scenario's market move)
 * returns a new snapshot; nothing here is ever mutated.
 *
 * <p>Units: prices in USD per coin, volatilities as annual fractions (0.55 = 55%), times as
 * instants, year fractions on a 365-day year.
 */
package io.cryptomargin.market;
