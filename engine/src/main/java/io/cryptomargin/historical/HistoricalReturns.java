package io.cryptomargin.historical;

import io.cryptomargin.validation.ValidationException;

/**
 * The return arithmetic of historical simulation, on plain arrays. Stateless.
 *
 * <p>Conventions: closes {@code c[0..n-1]}; the daily log return dated {@code i} (1 ≤ i &lt; n) is
 * {@code ln(c[i]/c[i-1])}, stored at index {@code i} of an array of length n (index 0 unused, NaN),
 * so a return and its date share an index. EWMA variances follow RiskMetrics: {@code before[i]} is
 * the variance forecast for return i made at the close of day i−1, and {@code before[i+1] =
 * λ·before[i] + (1−λ)·r[i]²}, so {@code before[n]} is the forecast for the day after the last
 * close.
 */
public final class HistoricalReturns {
  /** How many first squared returns seed the EWMA recursion (their mean is {@code before[1]}). */
  public static final int EWMA_SEED_RETURNS = 30;

  private HistoricalReturns() {}

  /** Daily log returns, dated: {@code r[i] = ln(c[i]/c[i-1])}, {@code r[0] = NaN}. */
  public static double[] dailyLogReturns(double[] closes) {
    double[] r = new double[closes.length];
    if (closes.length > 0) {
      r[0] = Double.NaN;
    }
    for (int i = 1; i < closes.length; i++) {
      r[i] = Math.log(closes[i] / closes[i - 1]);
    }
    return r;
  }

  /**
   * Overlapping h-day log returns, dated at their last day: {@code R[i] = ln(c[i]/c[i-h])} for i ≥
   * h, NaN before. Consecutive values share h−1 days, so they are not independent.
   */
  public static double[] overlappingLogReturns(double[] closes, int horizonDays) {
    requireHorizon(horizonDays);
    double[] r = new double[closes.length];
    for (int i = 0; i < closes.length; i++) {
      r[i] = i >= horizonDays ? Math.log(closes[i] / closes[i - horizonDays]) : Double.NaN;
    }
    return r;
  }

  /** A daily log return scaled to h days by the square root of time: r·√h (i.i.d. returns). */
  public static double scaledToHorizon(double dailyLogReturn, int horizonDays) {
    requireHorizon(horizonDays);
    return dailyLogReturn * Math.sqrt(horizonDays);
  }

  /**
   * EWMA variance forecasts, {@code before[i]} for every dated return i (length n+1; index 0
   * unused). Seeded with the mean square of the first {@value #EWMA_SEED_RETURNS} returns (fewer
   * when the history is shorter): those early forecasts look a few days ahead, which is why a
   * backtest starts well after them.
   *
   * @param dailyReturns dated daily returns as from {@link #dailyLogReturns}
   * @param lambda decay in (0, 1), RiskMetrics 0.94
   * @return variance forecasts, daily fraction squared
   */
  public static double[] ewmaVarianceBefore(double[] dailyReturns, double lambda) {
    if (!(lambda > 0 && lambda < 1)) {
      throw ValidationException.of("ewmaLambda", "must be in (0, 1), was " + lambda);
    }
    int n = dailyReturns.length;
    double[] before = new double[n + 1];
    before[0] = Double.NaN;
    if (n < 2) {
      return before;
    }
    int seedCount = Math.min(EWMA_SEED_RETURNS, n - 1);
    double sumSquares = 0;
    for (int i = 1; i <= seedCount; i++) {
      sumSquares += dailyReturns[i] * dailyReturns[i];
    }
    before[1] = sumSquares / seedCount;
    for (int i = 1; i < n; i++) {
      before[i + 1] = lambda * before[i] + (1 - lambda) * dailyReturns[i] * dailyReturns[i];
    }
    return before;
  }

  /**
   * Filtered historical simulation (Barone-Adesi; Hull and White 1998): a past return rescaled to
   * today's volatility, r·σ_now/σ_then.
   *
   * @param sigmaThen the volatility forecast the return was drawn under, daily fraction, &gt; 0
   * @param sigmaNow today's forecast, daily fraction
   */
  public static double filtered(double logReturn, double sigmaThen, double sigmaNow) {
    if (!(sigmaThen > 0)) {
      throw new IllegalArgumentException("sigmaThen must be > 0, was " + sigmaThen);
    }
    return logReturn * sigmaNow / sigmaThen;
  }

  /** The relative price move of a log return: exp(r) − 1 (always above −100%). */
  public static double priceMove(double logReturn) {
    return Math.expm1(logReturn);
  }

  private static void requireHorizon(int horizonDays) {
    if (horizonDays < 1) {
      throw ValidationException.of(
          "horizonDays", "must be a whole number of days >= 1, was " + horizonDays);
    }
  }
}
