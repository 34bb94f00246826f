package io.cryptomargin.comparison;

/**
 * Both models for one underlying (all settlement currencies together), USD. Free collateral is an
 * account figure (collateral is shared across underlyings), so it is only in the totals.
 *
 * @param underlying the coin
 * @param coinHoldingsUsd the coin held as collateral or spot positions, at the index, USD
 * @param rulesRequirementUsd rules-based initial margin of the coin's positions, USD
 * @param rulesHaircutUsd rules-based haircut on the coin held, USD
 * @param rulesConsumedUsd rules requirement + haircut, USD
 * @param portfolioRequirementUsd portfolio initial margin of the coin's combined commodities, USD
 * @param portfolioConsumedUsd the same (no haircut under portfolio margin), USD
 * @param capitalEfficiencyGain 1 − portfolio consumed / rules consumed (NaN when rules consume
 *     nothing)
 */
public record UnderlyingComparison(
    String underlying,
    double coinHoldingsUsd,
    double rulesRequirementUsd,
    double rulesHaircutUsd,
    double rulesConsumedUsd,
    double portfolioRequirementUsd,
    double portfolioConsumedUsd,
    double capitalEfficiencyGain) {}
