package io.cryptomargin.historical;

import io.cryptomargin.validation.ValidationException;
import java.util.Arrays;

/**
 * Expected shortfall of equally weighted scenario losses.
 *
 * <p>Tail definition: with N scenarios and confidence c, the tail holds the k = ⌈(1−c)·N⌉ worst
 * losses (at least one), and ES is their plain mean; VaR is the smallest loss in that tail. This is
 * the discrete "mean of the worst k" estimator: at c = 99% and N = 1,000 it averages the 10 worst
 * scenarios. Where (1−c)·N is not whole it rounds the tail up, which gives a slightly lower ES than
 * the exact fractional (Acerbi–Tasche) formula would; the difference is bounded by one scenario's
 * weight and is stated so results can be reproduced. A product like 0.05·100 that floating point
 * makes 5.000000000000004 counts as 5.
 */
public final class ExpectedShortfall {
  private static final double WHOLE_NUMBER_SLACK = 1e-9;

  private ExpectedShortfall() {}

  /** The tail size k = ⌈(1−c)·N⌉, at least 1. */
  public static int tailSize(int scenarioCount, double confidence) {
    requireConfidence(confidence);
    return Math.max(1, (int) Math.ceil((1 - confidence) * scenarioCount - WHOLE_NUMBER_SLACK));
  }

  /**
   * The tail of a loss vector.
   *
   * @param losses one loss per scenario (gain negative), any unit
   * @param confidence c in (0, 1), e.g. 0.99
   * @throws ValidationException for no scenarios or a bad confidence
   */
  public static TailRisk of(double[] losses, double confidence) {
    if (losses.length == 0) {
      throw ValidationException.of("scenarios", "expected shortfall needs at least one scenario");
    }
    int k = tailSize(losses.length, confidence);
    double[] sorted = losses.clone();
    Arrays.sort(sorted);
    double threshold = sorted[sorted.length - k];
    int[] tail = new int[k];
    int filled = 0;
    // Strictly worse losses first, then ties at the threshold in scenario order, so the tail is
    // deterministic.
    for (int i = 0; i < losses.length && filled < k; i++) {
      if (losses[i] > threshold) {
        tail[filled++] = i;
      }
    }
    for (int i = 0; i < losses.length && filled < k; i++) {
      if (losses[i] == threshold) {
        tail[filled++] = i;
      }
    }
    double sum = 0;
    for (int i = sorted.length - k; i < sorted.length; i++) {
      sum += sorted[i];
    }
    return new TailRisk(confidence, losses.length, sum / k, threshold, tail);
  }

  private static void requireConfidence(double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw ValidationException.of("confidence", "must be in (0, 1), e.g. 0.99, was " + confidence);
    }
  }
}
