package io.cryptomargin.pricing;

/**
 * An option's value and sensitivities, per unit of underlying.
 *
 * @param price value (USD per coin for linear, coin per coin for inverse)
 * @param delta d price / d forward (per USD of forward; for inverse, coin per USD)
 * @param gamma d² price / d forward²
 * @param vega d price / d vol, per 1.00 of vol (divide by 100 for "per vol point")
 * @param theta d price / d calendar time, per year (usually negative; divide by 365 for per day)
 */
public record OptionGreeks(double price, double delta, double gamma, double vega, double theta) {}
