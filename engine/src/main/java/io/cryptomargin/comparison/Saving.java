package io.cryptomargin.comparison;

/**
 * What a portfolio model frees against one rules model (METHODOLOGY section 5).
 *
 * @param portfolioModel the portfolio model
 * @param rulesModel the rules model compared with
 * @param savingUsd consumed(rules) − consumed(portfolio model), USD (negative when the portfolio
 *     model ties up more)
 * @param capitalEfficiencyGain the gain, saving / consumed(rules), fraction; NaN when the rules
 *     model consumes nothing (no gain is defined)
 */
public record Saving(
    String portfolioModel, String rulesModel, double savingUsd, double capitalEfficiencyGain) {

  /** The saving of {@code portfolio} against {@code rules}. */
  public static Saving of(ModelFigures portfolio, ModelFigures rules) {
    double saving = rules.capitalConsumedUsd() - portfolio.capitalConsumedUsd();
    return new Saving(
        portfolio.model(),
        rules.model(),
        saving,
        MarginComparison.gain(portfolio.capitalConsumedUsd(), rules.capitalConsumedUsd()));
  }
}
