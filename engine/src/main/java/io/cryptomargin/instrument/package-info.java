/**
 * Instruments: what is traded, as plain data (no prices). Spot, dated futures, perpetuals and
 * European options, linear (USD, USDC, USDT) or inverse (coin-settled), with Deribit's names.
 *
 * <p>Units: quantities count contracts; {@code contractSize} is in coins of the underlying (Deribit
 * quotes amounts in coins, so parsed instruments have contract size 1 coin); strikes are USD per
 * coin; expiries are instants (Deribit expires at 08:00 UTC).
 */
package io.cryptomargin.instrument;
