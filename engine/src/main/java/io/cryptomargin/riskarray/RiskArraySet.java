package io.cryptomargin.riskarray;

import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The risk arrays of many instruments under one scenario set, from one snapshot.
 *
 * @param scenarioSetId e.g. {@code span-16}
 * @param parameterVersion version of the parameters the scenarios came from
 * @param snapshotId the market snapshot (or supplied file) they describe
 * @param scenarioLabels description of each scenario, in order (same length as every array)
 * @param arrays by instrument name, in insertion order
 */
public record RiskArraySet(
    String scenarioSetId,
    String parameterVersion,
    String snapshotId,
    List<String> scenarioLabels,
    Map<String, RiskArray> arrays) {
  public RiskArraySet {
    scenarioLabels = List.copyOf(scenarioLabels);
    arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
    Problems problems = new Problems();
    for (RiskArray array : arrays.values()) {
      if (array.size() != scenarioLabels.size()) {
        problems.add(
            "riskArrays." + array.instrument(),
            "has "
                + array.size()
                + " losses but scenario set "
                + scenarioSetId
                + " has "
                + scenarioLabels.size()
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
}
