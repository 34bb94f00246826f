package io.cryptomargin.riskarray;

import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The risk arrays of many instruments under one scenario set, from one snapshot.
 *
 * <p>A value (equal when its five parts are), not a record only because it keeps one derived field:
 * the {@link #matrix()} that books are margined from, built once on first use.
 */
public final class RiskArraySet {
  private final String scenarioSetId;
  private final String parameterVersion;
  private final String snapshotId;
  private final List<String> scenarioLabels;
  private final Map<String, RiskArray> arrays;

  // Derived from the fields above and immutable, so a race builds two equal matrices and either
  // serves (the final fields of RiskArrayMatrix publish it safely).
  private RiskArrayMatrix matrix;

  /**
   * A set.
   *
   * @param scenarioSetId e.g. {@code span-16}
   * @param parameterVersion version of the parameters the scenarios came from
   * @param snapshotId the market snapshot (or supplied file) they describe
   * @param scenarioLabels description of each scenario, in order (same length as every array)
   * @param arrays by instrument name, in insertion order
   * @throws ValidationException naming every array whose length is not the scenario count
   */
  public RiskArraySet(
      String scenarioSetId,
      String parameterVersion,
      String snapshotId,
      List<String> scenarioLabels,
      Map<String, RiskArray> arrays) {
    this.scenarioSetId = scenarioSetId;
    this.parameterVersion = parameterVersion;
    this.snapshotId = snapshotId;
    this.scenarioLabels = List.copyOf(scenarioLabels);
    this.arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
    Problems problems = new Problems();
    for (RiskArray array : this.arrays.values()) {
      if (array.size() != this.scenarioLabels.size()) {
        problems.add(
            "riskArrays." + array.instrument(),
            "has "
                + array.size()
                + " losses but scenario set "
                + scenarioSetId
                + " has "
                + this.scenarioLabels.size()
                + " scenarios");
      }
    }
    problems.throwIfAny();
  }

  /** A set from a list of arrays. */
  public static RiskArraySet of(
      String scenarioSetId,
      String parameterVersion,
      String snapshotId,
      List<String> scenarioLabels,
      Collection<RiskArray> arrays) {
    Map<String, RiskArray> byName = new LinkedHashMap<>();
    for (RiskArray array : arrays) {
      if (byName.put(array.instrument(), array) != null) {
        throw ValidationException.of(
            "riskArrays", "instrument " + array.instrument() + " appears twice");
      }
    }
    return new RiskArraySet(scenarioSetId, parameterVersion, snapshotId, scenarioLabels, byName);
  }

  /** The scenario set, e.g. {@code span-16}. */
  public String scenarioSetId() {
    return scenarioSetId;
  }

  /** Version of the parameters the scenarios came from. */
  public String parameterVersion() {
    return parameterVersion;
  }

  /** The market snapshot (or supplied file) the arrays describe. */
  public String snapshotId() {
    return snapshotId;
  }

  /** Description of each scenario, in order. */
  public List<String> scenarioLabels() {
    return scenarioLabels;
  }

  /** The arrays by instrument name, in insertion order (unmodifiable). */
  public Map<String, RiskArray> arrays() {
    return arrays;
  }

  /**
   * The arrays as one contiguous block of losses with integer rows, in insertion order: what books
   * are margined from. Built on first use and kept (about the size of the losses themselves).
   */
  public RiskArrayMatrix matrix() {
    RiskArrayMatrix built = matrix;
    if (built == null) {
      built = new RiskArrayMatrix(arrays, scenarioLabels.size());
      matrix = built;
    }
    return built;
  }

  /** Number of scenarios. */
  public int scenarioCount() {
    return scenarioLabels.size();
  }

  /** The array of an instrument, if present. */
  public Optional<RiskArray> find(String instrument) {
    return Optional.ofNullable(arrays.get(instrument));
  }

  /**
   * The array of an instrument.
   *
   * @throws ValidationException naming the instrument when there is none: never a silent zero risk
   */
  public RiskArray get(String instrument) {
    RiskArray array = arrays.get(instrument);
    if (array == null) {
      throw ValidationException.of(
          "instrument",
          "no risk array for '"
              + instrument
              + "' in "
              + scenarioSetId
              + " arrays of snapshot "
              + snapshotId);
    }
    return array;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RiskArraySet other
        && scenarioSetId.equals(other.scenarioSetId)
        && Objects.equals(parameterVersion, other.parameterVersion)
        && Objects.equals(snapshotId, other.snapshotId)
        && scenarioLabels.equals(other.scenarioLabels)
        && arrays.equals(other.arrays);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scenarioSetId, parameterVersion, snapshotId, scenarioLabels, arrays);
  }

  @Override
  public String toString() {
    return "RiskArraySet["
        + scenarioSetId
        + " "
        + parameterVersion
        + " snapshot "
        + snapshotId
        + ", "
        + arrays.size()
        + " arrays × "
        + scenarioLabels.size()
        + " scenarios]";
  }
}
