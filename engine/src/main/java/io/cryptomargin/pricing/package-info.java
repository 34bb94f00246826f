/**
 * Stateless pricers. Black-76 on the forward of an option's expiry, rate 0 unless given, time in
 * 365-day years. Pricers take plain inputs in a fixed order (forward, strike, years, vol, type) and
 * never see scenarios: scenarios move the inputs, not the formulas.
 *
 * <p>Units: forward and strike in USD per coin; a linear price is USD per coin, an inverse price is
 * coins per coin of underlying (the USD price divided by the forward).
 */
package io.cryptomargin.pricing;
