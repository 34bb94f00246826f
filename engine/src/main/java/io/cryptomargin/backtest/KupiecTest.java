package io.cryptomargin.backtest;

import io.cryptomargin.pricing.NormalDistribution;
import io.cryptomargin.validation.ValidationException;

/**
 * Kupiec's (1995) proportion-of-failures test: are x breaches in n days consistent with a breach
 * probability p? LR = −2·ln[(1−p)^(n−x)·p^x] + 2·ln[(1−x/n)^(n−x)·(x/n)^x], asymptotically χ² with
 * one degree of freedom under the null, with P(χ²₁ ≤ y) = 2N(√y) − 1. Two-sided: too few breaches
 * (an over-conservative model) are rejected as well as too many.
 */
public final class KupiecTest {
  /** The significance the verdict is given at. */
  public static final double SIGNIFICANCE = 0.05;

  private KupiecTest() {}

  /**
   * The test of x breaches in n days against rate p.
   *
   * @throws ValidationException for n &lt; 1, x outside [0, n] or p outside (0, 1)
   */
  public static KupiecResult test(int days, int breaches, double expectedRate) {
    if (days < 1 || breaches < 0 || breaches > days) {
      throw ValidationException.of(
          "breaches",
          "need 0 <= breaches <= days and days >= 1, were " + breaches + " and " + days);
    }
    if (!(expectedRate > 0 && expectedRate < 1)) {
      throw ValidationException.of("expectedRate", "must be in (0, 1), was " + expectedRate);
    }
    double observed = (double) breaches / days;
    double logNull = xLogY(days - breaches, 1 - expectedRate) + xLogY(breaches, expectedRate);
    double logObserved = xLogY(days - breaches, 1 - observed) + xLogY(breaches, observed);
    double lr = Math.max(0.0, -2 * (logNull - logObserved));
    double pValue = chiSquareOneTail(lr);
    KupiecResult.Verdict verdict =
        pValue >= SIGNIFICANCE
            ? KupiecResult.Verdict.CONSISTENT
            : observed > expectedRate
                ? KupiecResult.Verdict.TOO_MANY_BREACHES
                : KupiecResult.Verdict.TOO_FEW_BREACHES;
    return new KupiecResult(days, breaches, observed, expectedRate, lr, pValue, verdict);
  }

  /** P(χ²₁ &gt; y) = 2·(1 − N(√y)). */
  public static double chiSquareOneTail(double y) {
    if (!(y > 0)) {
      return 1.0;
    }
    return 2 * NormalDistribution.cdf(-Math.sqrt(y));
  }

  /** x·ln(y), with 0·ln(0) = 0 (a term with no days contributes nothing). */
  private static double xLogY(double x, double y) {
    return x == 0 ? 0.0 : x * Math.log(y);
  }
}
