package io.cryptomargin.book;

import java.util.List;

/**
 * The margin of one combined commodity: one underlying in one settlement currency. Every amount is
 * in {@code settlementCurrency} unless its name ends in {@code Usd}. On the mark-to-market basis
 * (METHODOLOGY 1a) every requirement is the further loss beyond today's marks: the net option value
 * is reported, never subtracted.
 *
 * <p>Under crypto-pm in cross mode a commodity's figures are its own, alone (its vector, the coin
 * balance of its currency included); the account's requirement is the cross-margined one, not their
 * sum.
 *
 * @param underlying the coin
 * @param settlementCurrency currency of the amounts (USD-like, or the coin for inverse books)
 * @param underlyingPrice index, USD per coin (NaN when a supplied file does not say)
 * @param scanningRisk max(0, worst weighted scenario loss of the summed arrays; crypto-pm's
 *     extended cells dampened)
 * @param bindingScenario 1-based number of the worst scenario, in the scenario set's order
 * @param bindingScenarioLabel description of that scenario
 * @param netDelta net composite delta, coins of underlying
 * @param intraSpreadCharge calendar spread charge (span-16)
 * @param interSpreadCredit inter-commodity credit (span-16)
 * @param shortOptionMinimum span-16's short option minimum, or tims's sum of per-contract minimums
 * @param netOptionValue value of the options at their marks, long positive (information: it is in
 *     equity)
 * @param risk the requirement before the initial factor: span-16 max(scan + intra − inter, short
 *     option minimum); crypto-pm the risk-matrix margin (scan + roll shock); tims max(scan,
 *     per-contract minimums)
 * @param maintenanceMargin the maintenance requirement
 * @param initialMargin the initial requirement
 * @param maintenanceMarginUsd maintenance in USD
 * @param initialMarginUsd initial in USD
 * @param contributions each position's loss in the binding scenario
 * @param rollShock crypto-pm's roll shock floor, minAnnualisedMove × |futures and perpetuals in
 *     coins| (0 elsewhere)
 * @param undampenedExtendedLoss crypto-pm: the worst extended cell before the dampener (0 when
 *     every cell gains): the tail the dampener forgives
 * @param undampenedExtendedScenario the label of that cell ("" when there is none)
 */
public record CommodityMargin(
    String underlying,
    String settlementCurrency,
    double underlyingPrice,
    double scanningRisk,
    int bindingScenario,
    String bindingScenarioLabel,
    double netDelta,
    double intraSpreadCharge,
    double interSpreadCredit,
    double shortOptionMinimum,
    double netOptionValue,
    double risk,
    double maintenanceMargin,
    double initialMargin,
    double maintenanceMarginUsd,
    double initialMarginUsd,
    List<PositionContribution> contributions,
    double rollShock,
    double undampenedExtendedLoss,
    String undampenedExtendedScenario) {
  /** A commodity with no roll shock and no extended table (SPAN-style models). */
  public CommodityMargin(
      String underlying,
      String settlementCurrency,
      double underlyingPrice,
      double scanningRisk,
      int bindingScenario,
      String bindingScenarioLabel,
      double netDelta,
      double intraSpreadCharge,
      double interSpreadCredit,
      double shortOptionMinimum,
      double netOptionValue,
      double risk,
      double maintenanceMargin,
      double initialMargin,
      double maintenanceMarginUsd,
      double initialMarginUsd,
      List<PositionContribution> contributions) {
    this(
        underlying,
        settlementCurrency,
        underlyingPrice,
        scanningRisk,
        bindingScenario,
        bindingScenarioLabel,
        netDelta,
        intraSpreadCharge,
        interSpreadCredit,
        shortOptionMinimum,
        netOptionValue,
        risk,
        maintenanceMargin,
        initialMargin,
        maintenanceMarginUsd,
        initialMarginUsd,
        contributions,
        0.0,
        0.0,
        "");
  }

  public CommodityMargin {
    // Computed on read, and already unmodifiable: copying would build every contribution.
    contributions =
        contributions instanceof ContributionsInScenario
            ? contributions
            : List.copyOf(contributions);
    undampenedExtendedScenario =
        undampenedExtendedScenario == null ? "" : undampenedExtendedScenario;
  }
}
