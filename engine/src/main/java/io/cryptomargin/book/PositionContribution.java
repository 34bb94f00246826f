package io.cryptomargin.book;

/**
 * A position's share of its commodity's scanning risk.
 *
 * @param instrument instrument name
 * @param quantity contracts (net, negative when short)
 * @param loss the position's loss in the binding scenario, settlement currency (gain negative)
 */
public record PositionContribution(String instrument, double quantity, double loss) {}
