package io.cryptomargin.pricing;

/**
 * What an instrument is valued from, read off a market snapshot.
 *
 * @param forward the forward of the instrument's expiry (the index for spot and perpetuals), USD
 *     per coin
 * @param years time to expiry in years (0 for undated instruments)
 * @param vol volatility for options, annual fraction (0 for linear instruments)
 */
public record PricingInputs(double forward, double years, double vol) {}
