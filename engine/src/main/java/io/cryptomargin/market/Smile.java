package io.cryptomargin.market;

import io.cryptomargin.validation.Problems;
import java.util.Arrays;

/**
 * The implied volatility smile of one expiry: strikes (USD, strictly increasing) and their
 * volatilities (annual fractions). Interpolated linearly in log-moneyness ln(K/F), flat beyond the
 * first and last quoted strikes.
 *
 * @param strikes strictly increasing strikes, USD
 * @param vols volatilities at those strikes, annual fractions
 */
public record Smile(double[] strikes, double[] vols) {
  public Smile {
    Problems problems = new Problems();
    if (strikes == null || vols == null || strikes.length == 0 || strikes.length != vols.length) {
      problems.add("", "a smile needs as many vols as strikes, and at least one");
      problems.throwIfAny();
    }
    strikes = strikes.clone();
    vols = vols.clone();
    for (int i = 0; i < strikes.length; i++) {
      problems.requirePositive("strikes[" + i + "]", strikes[i]);
      problems.requirePositive("vols[" + i + "]", vols[i]);
      if (i > 0 && !(strikes[i] > strikes[i - 1])) {
        problems.add("strikes[" + i + "]", "strikes must be strictly increasing");
      }
    }
    problems.throwIfAny();
  }

  /** A smile with one vol at every strike. */
  public static Smile flat(double vol) {
    return new Smile(new double[] {1.0}, new double[] {vol});
  }

  /**
   * The volatility at a strike. Interpolation in ln K equals interpolation in ln(K/F) for a fixed
   * forward, so the forward is only needed when comparing smiles across expiries.
   */
  public double volAt(double strike) {
    int n = strikes.length;
    if (n == 1 || strike <= strikes[0]) {
      return vols[0];
    }
    if (strike >= strikes[n - 1]) {
      return vols[n - 1];
    }
    int hi = Arrays.binarySearch(strikes, strike);
    if (hi >= 0) {
      return vols[hi];
    }
    hi = -hi - 1;
    int lo = hi - 1;
    double x = Math.log(strike);
    double x0 = Math.log(strikes[lo]);
    double x1 = Math.log(strikes[hi]);
    return vols[lo] + (vols[hi] - vols[lo]) * (x - x0) / (x1 - x0);
  }

  @Override
  public double[] strikes() {
    return strikes.clone();
  }

  @Override
  public double[] vols() {
    return vols.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Smile s
        && Arrays.equals(strikes, s.strikes)
        && Arrays.equals(vols, s.vols);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(strikes) + Arrays.hashCode(vols);
  }

  @Override
  public String toString() {
    return "Smile" + Arrays.toString(strikes) + "->" + Arrays.toString(vols);
  }
}
