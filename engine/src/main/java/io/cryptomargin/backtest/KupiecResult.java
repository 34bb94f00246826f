package io.cryptomargin.backtest;

/**
 * Kupiec's proportion-of-failures test result.
 *
 * @param days n, days tested
 * @param breaches x, days the loss exceeded the requirement
 * @param breachRate x/n
 * @param expectedRate p, the rate a correctly calibrated model would show
 * @param likelihoodRatio LR, χ²₁ under the null
 * @param pValue P(χ²₁ ≥ LR)
 * @param verdict at {@link KupiecTest#SIGNIFICANCE}
 */
public record KupiecResult(
    int days,
    int breaches,
    double breachRate,
    double expectedRate,
    double likelihoodRatio,
    double pValue,
    Verdict verdict) {
  /** What the test says at 5%. */
  public enum Verdict {
    /** The breach count is consistent with the expected rate. */
    CONSISTENT,
    /** Significantly more breaches than expected: the model under-margins. */
    TOO_MANY_BREACHES,
    /**
     * Significantly fewer breaches than expected: the model is more conservative than its nominal
     * level.
     */
    TOO_FEW_BREACHES
  }
}
