package io.cryptomargin.rules;

/**
 * The rules-based margin of one underlying in one settlement currency (the same grouping as the
 * portfolio margin's combined commodity).
 *
 * @param underlying the coin
 * @param settlementCurrency currency of {@code initialMargin} and {@code maintenanceMargin}
 * @param underlyingPrice the coin's index, USD
 * @param initialMargin sum of the legs' charged initial margins, settlement currency
 * @param maintenanceMargin sum of the legs' charged maintenance margins, settlement currency
 * @param initialMarginUsd initial margin, USD
 * @param maintenanceMarginUsd maintenance margin, USD
 */
public record UnderlyingRulesMargin(
    String underlying,
    String settlementCurrency,
    double underlyingPrice,
    double initialMargin,
    double maintenanceMargin,
    double initialMarginUsd,
    double maintenanceMarginUsd) {}
