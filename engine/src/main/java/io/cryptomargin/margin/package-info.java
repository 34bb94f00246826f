/**
 * Portfolio margin (METHODOLOGY section 3): per combined commodity — one underlying in one
 * settlement currency — scanning risk over summed risk arrays, calendar spread charge,
 * inter-commodity credit, short option minimum, net option value; then per account, equity and
 * status in USD.
 *
 * <p>Units: commodity figures are in the commodity's settlement currency (USD-like money, or
 * the coin for inverse books); account figures are in USD. Quantities count contracts, deltas are
 * coins of underlying.
 */
package io.cryptomargin.margin;
