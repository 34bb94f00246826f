package io.cryptomargin.scenario;

import io.cryptomargin.validation.Problems;

/**
 * SPAN parameters of one underlying.
 *
 * @param priceScanRange PSR, fraction of price (0.15 = 15%)
 * @param volScanRange VSR, relative to current vol (0.25 = ±25%)
 * @param extremeMultiple X, the extreme move as a multiple of PSR (2)
 * @param extremeCoverFraction C, the fraction of the extreme loss that counts (0.35)
 */
public record Span16Parameters(
    double priceScanRange,
    double volScanRange,
    double extremeMultiple,
    double extremeCoverFraction) {
  public Span16Parameters {
    Problems problems = new Problems();
    if (!(priceScanRange > 0 && priceScanRange < 1)) {
      problems.add("priceScanRange", "must be in (0, 1), was " + priceScanRange);
    }
    if (!(volScanRange >= 0 && volScanRange < 1)) {
      problems.add("volScanRange", "must be in [0, 1), was " + volScanRange);
    }
    // The product is judged only with a valid PSR, so a bad PSR is not also blamed on X.
    boolean psrValid = priceScanRange > 0 && priceScanRange < 1;
    if (!(extremeMultiple >= 1) || (psrValid && !(extremeMultiple * priceScanRange < 1))) {
      problems.add(
          "extremeMultiple",
          "must be >= 1 and keep the extreme move below 100%, was " + extremeMultiple);
    }
    if (!(extremeCoverFraction > 0 && extremeCoverFraction <= 1)) {
      problems.add("extremeCoverFraction", "must be in (0, 1], was " + extremeCoverFraction);
    }
    problems.throwIfAny();
  }
}
