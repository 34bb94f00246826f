package io.cryptomargin.scenario;

import io.cryptomargin.validation.Problems;
import java.util.List;
import java.util.Objects;

/**
 * crypto-pm grid parameters of one underlying (Deribit's {@code model_params} per currency,
 * METHODOLOGY 2b).
 *
 * @param priceRange the largest regular move, fraction (BTC 0.16 = ±16%)
 * @param priceSteps number of evenly spaced price moves from −range to +range, odd so 0 is one (9)
 * @param extendedMoves the extended table's moves, fractions (−0.66 … +5)
 * @param extendedFactor Deribit's extended-table factor: a cell of move m counts factor × range/|m|
 *     of its P&amp;L (1)
 * @param volShock the term-scaled vol shock of this underlying's options
 */
public record CryptoPmParameters(
    double priceRange,
    int priceSteps,
    List<Double> extendedMoves,
    double extendedFactor,
    TermScaledVolShock volShock) {
  public CryptoPmParameters {
    Objects.requireNonNull(volShock, "volShock");
    Problems problems = new Problems();
    if (!(priceRange > 0 && priceRange < 1)) {
      problems.add("priceRange", "must be in (0, 1), was " + priceRange);
    }
    if (priceSteps < 3 || priceSteps % 2 == 0) {
      problems.add("priceSteps", "must be odd and >= 3 so the grid includes 0, was " + priceSteps);
    }
    problems.requireNonNegative("extendedFactor", extendedFactor);
    extendedMoves = List.copyOf(extendedMoves);
    for (int i = 0; i < extendedMoves.size(); i++) {
      double m = extendedMoves.get(i);
      if (!(m > -1) || m == 0 || !Double.isFinite(m)) {
        problems.add("extendedMoves[" + i + "]", "must be a non-zero fraction above -1, was " + m);
      } else if (Math.abs(m) <= priceRange) {
        problems.add(
            "extendedMoves[" + i + "]",
            "must lie beyond the grid's range ±" + priceRange + ", was " + m);
      } else if (!(extendedFactor * priceRange / Math.abs(m) <= 1) || !(extendedFactor > 0)) {
        // The record's fields are not set yet in a compact constructor: the weight is worked from
        // the arguments.
        problems.add(
            "extendedMoves[" + i + "]",
            "weight factor × range/|m| = "
                + extendedFactor * priceRange / Math.abs(m)
                + " must be in (0, 1]");
      }
    }
    problems.throwIfAny();
  }

  /** The weight of an extended cell of move m: factor × range / |m|. */
  public double extendedWeight(double move) {
    return extendedFactor * priceRange / Math.abs(move);
  }
}
