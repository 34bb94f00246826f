package io.cryptomargin.rules;

/**
 * One leg of a recognized strategy.
 *
 * @param instrument instrument name
 * @param quantity contracts of this leg in the strategy, negative when short
 */
public record StrategyLeg(String instrument, double quantity) {}
