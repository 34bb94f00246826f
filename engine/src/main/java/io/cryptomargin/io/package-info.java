/**
 * The edge where files come in and go out: JSON and CSV readers and writers for market snapshots
 * (our own format, Deribit's option-chain CSV and its {@code get_book_summary_by_currency} JSON),
 * model parameter files and risk arrays. The only package that uses Jackson; everything it reads is
 * checked in full and reported as one {@link io.cryptomargin.validation.ValidationException}
 * listing every problem with its field (a JSON path, or a CSV line and column).
 *
 * <p>Units as in the core: prices USD per coin, Deribit option marks in coin per option,
 * volatilities as annual fractions in the core (Deribit's {@code mark_iv} is in percent and is
 * divided by 100 here), times as instants (Deribit's timestamps are milliseconds since the epoch).
 */
package io.cryptomargin.io;
