package io.cryptomargin.scenario;

import io.cryptomargin.validation.Problems;
import java.util.List;

/**
 * crypto-pm grid parameters of one underlying.
 *
 * @param priceRange the largest regular move, fraction (0.16 = ±16%)
 * @param priceSteps number of evenly spaced price moves from −range to +range, odd so 0 is one (9)
 * @param extendedMoves the extended table's moves, fractions (−0.66 … +5)
 * @param extendedWeightNumerator an extended move of size m counts with weight numerator/|m| (0.16)
 */
public record CryptoPmParameters(double priceRange, int priceSteps, List<Double> extendedMoves,
    double extendedWeightNumerator) {
  public CryptoPmParameters {
    Problems problems = new Problems();
    if (!(priceRange > 0 && priceRange < 1)) {
      problems.add("priceRange", "must be in (0, 1), was " + priceRange);
    }
    if (priceSteps < 3 || priceSteps % 2 == 0) {
      problems.add("priceSteps", "must be odd and >= 3 so the grid includes 0, was " + priceSteps);
    }
    extendedMoves = List.copyOf(extendedMoves);
    for (int i = 0; i < extendedMoves.size(); i++) {
      double m = extendedMoves.get(i);
      if (!(m > -1) || m == 0 || !Double.isFinite(m)) {
        problems.add("extendedMoves[" + i + "]", "must be a non-zero fraction above -1, was " + m);
      } else if (extendedWeightNumerator / Math.abs(m) > 1) {
        problems.add("extendedMoves[" + i + "]", "weight " + extendedWeightNumerator + "/|" + m + "| exceeds 1");
      }
    }
    problems.requireNonNegative("extendedWeightNumerator", extendedWeightNumerator);
    problems.throwIfAny();
  }
}
