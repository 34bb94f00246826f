/**
 * Margin coverage backtest: walk a price history day by day, margin a book with every model using
 * only what was known at that day's close, and compare each requirement with the next day's
 * realized loss. Breach counts are judged with Kupiec's proportion-of-failures test.
 *
 * <p>Units: USD for losses and requirements, fractions for rates, calendar days.
 */
package io.cryptomargin.backtest;
