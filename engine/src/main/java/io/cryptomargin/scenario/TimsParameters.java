package io.cryptomargin.scenario;

import io.cryptomargin.validation.Problems;

/**
 * The price range of one underlying under FINRA Rule 4210(g) / OCC TIMS (METHODOLOGY 2c).
 *
 * @param upMove the largest up move, fraction (0.15 = +15%)
 * @param downMove the largest down move, fraction, positive (0.15 = −15%)
 */
public record TimsParameters(double upMove, double downMove) {
  public TimsParameters {
    Problems problems = new Problems();
    if (!(upMove > 0 && Double.isFinite(upMove))) {
      problems.add("upMove", "must be a positive fraction, was " + upMove);
    }
    if (!(downMove > 0 && downMove < 1)) {
      problems.add("downMove", "must be in (0, 1), was " + downMove);
    }
    problems.throwIfAny();
  }
}
