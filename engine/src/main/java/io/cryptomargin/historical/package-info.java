/**
 * Historical-simulation margin (METHODOLOGY section 2d): scenarios are the joint daily log returns
 * of the underlyings in a price history, optionally rescaled to today's volatility (filtered
 * historical simulation), scaled to the margin horizon, with a volatility move per scenario; the
 * requirement is the expected shortfall of the book's loss across those scenarios plus the charges
 * the other portfolio-margin models apply (short option minimum, calendar spread charge, net option
 * value).
 *
 * <p>Units: prices in USD per coin, returns as natural-log fractions, volatilities as daily
 * fractions unless a name says {@code annual}, losses in USD (gain negative), horizons in calendar
 * days. Dates are UTC days; a day's close is known at the end of that day.
 */
package io.cryptomargin.historical;
