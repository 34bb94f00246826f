package io.cryptomargin.function.store;

import io.cryptomargin.riskarray.RiskArrayStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Which snapshot's arrays are current for a scenario set.
 *
 * @param scenarioSetId e.g. {@code span-16}
 * @param snapshotId the current snapshot
 * @param parameterVersion the scenario parameters its arrays were built with
 * @param asOf when the snapshot was taken; the pointer only ever moves to a later one
 * @param underlyings coins the snapshot has a market for, sorted (arrays of other coins cannot
 *     exist)
 * @param expiresAt when the pointer and its arrays expire (TTL)
 */
public record SnapshotPointer(
    String scenarioSetId,
    String snapshotId,
    String parameterVersion,
    Instant asOf,
    List<String> underlyings,
    Instant expiresAt) {
  public SnapshotPointer {
    Objects.requireNonNull(scenarioSetId, "scenarioSetId");
    Objects.requireNonNull(snapshotId, "snapshotId");
    Objects.requireNonNull(parameterVersion, "parameterVersion");
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(expiresAt, "expiresAt");
    underlyings = List.copyOf(underlyings);
  }

  /** The array key of one of its underlyings. */
  public RiskArrayStore.Key key(String underlying) {
    return new RiskArrayStore.Key(underlying, snapshotId, scenarioSetId, parameterVersion);
  }
}
