package io.cryptomargin.riskarray;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Where risk arrays are cached, keyed by (underlying, snapshot, scenario set, parameter version)
 * and instrument. Implementations: {@link InMemoryRiskArrayStore} here, DynamoDB in the function.
 */
public interface RiskArrayStore {

  /** Identifies one cached set of arrays. */
  record Key(String underlying, String snapshotId, String scenarioSetId, String parameterVersion) {
    public Key {
      if (underlying == null
          || snapshotId == null
          || scenarioSetId == null
          || parameterVersion == null) {
        throw new IllegalArgumentException("every part of a risk-array key is required");
      }
    }
  }

  /**
   * Stores arrays (all of one key); all or nothing from a reader's point of view once the pointer
   * moves.
   */
  void putAll(Key key, Collection<RiskArray> arrays);

  /** The arrays of the named instruments that are stored under a key; missing ones are absent. */
  Map<String, RiskArray> getAll(Key key, Collection<String> instruments);

  /** One array. */
  default Optional<RiskArray> get(Key key, String instrument) {
    return Optional.ofNullable(getAll(key, java.util.List.of(instrument)).get(instrument));
  }
}
