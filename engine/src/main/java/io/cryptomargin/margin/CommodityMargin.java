package io.cryptomargin.margin;

import java.util.List;

/**
 * The margin of one combined commodity: one underlying in one settlement currency. Every amount
 * is in {@code settlementCurrency} unless its name ends in {@code Usd}.
 *
 * @param underlying the coin
 * @param settlementCurrency currency of the amounts (USD-like, or the coin for inverse books)
 * @param underlyingPrice index, USD per coin (NaN when a supplied file does not say)
 * @param scanningRisk max(0, worst weighted scenario loss of the summed arrays)
 * @param bindingScenario 1-based number of the worst scenario, in the scenario set's order
 * @param bindingScenarioLabel description of that scenario
 * @param netDelta net composite delta, coins of underlying
 * @param intraSpreadCharge calendar spread charge
 * @param interSpreadCredit inter-commodity credit
 * @param shortOptionMinimum short option minimum
 * @param netOptionValue value of the options, long positive
 * @param risk max(scan + intra − inter, short option minimum)
 * @param maintenanceMargin max(0, risk − net option value)
 * @param initialMargin maintenance × the model's initial factor
 * @param maintenanceMarginUsd maintenance in USD
 * @param initialMarginUsd initial in USD
 * @param contributions each position's loss in the binding scenario
 */
public record CommodityMargin(String underlying, String settlementCurrency, double underlyingPrice,
    double scanningRisk, int bindingScenario, String bindingScenarioLabel, double netDelta,
    double intraSpreadCharge, double interSpreadCredit, double shortOptionMinimum, double netOptionValue,
    double risk, double maintenanceMargin, double initialMargin, double maintenanceMarginUsd,
    double initialMarginUsd, List<PositionContribution> contributions) {
  public CommodityMargin {
    contributions = List.copyOf(contributions);
  }
}
