package io.cryptomargin.historical;

import java.util.Arrays;
import java.util.Objects;

/**
 * The tail of a scenario loss distribution (see {@link ExpectedShortfall} for the definition).
 *
 * @param confidence c, e.g. 0.99
 * @param scenarioCount N
 * @param expectedShortfall mean of the k worst losses, in the losses' unit
 * @param valueAtRisk the smallest loss in the tail, same unit
 * @param tailIndices the k scenarios of the tail (0-based), not ordered by loss
 */
public record TailRisk(
    double confidence,
    int scenarioCount,
    double expectedShortfall,
    double valueAtRisk,
    int[] tailIndices) {
  public TailRisk {
    tailIndices = tailIndices.clone();
  }

  /** k, the number of scenarios in the tail. */
  public int tailSize() {
    return tailIndices.length;
  }

  @Override
  public int[] tailIndices() {
    return tailIndices.clone();
  }

  /** The mean of another loss vector over this tail's scenarios (a component's share of the ES). */
  public double meanOver(double[] losses) {
    double sum = 0;
    for (int i : tailIndices) {
      sum += losses[i];
    }
    return sum / tailIndices.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TailRisk t
        && Double.compare(confidence, t.confidence) == 0
        && scenarioCount == t.scenarioCount
        && Double.compare(expectedShortfall, t.expectedShortfall) == 0
        && Double.compare(valueAtRisk, t.valueAtRisk) == 0
        && Arrays.equals(tailIndices, t.tailIndices);
  }

  @Override
  public int hashCode() {
    return Objects.hash(confidence, scenarioCount, expectedShortfall, valueAtRisk) * 31
        + Arrays.hashCode(tailIndices);
  }

  @Override
  public String toString() {
    return "TailRisk[c="
        + confidence
        + " N="
        + scenarioCount
        + " ES="
        + expectedShortfall
        + " VaR="
        + valueAtRisk
        + " k="
        + tailIndices.length
        + "]";
  }
}
