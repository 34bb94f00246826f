package io.cryptomargin.function.snapshot;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * What the snapshot handler did with one snapshot.
 *
 * @param snapshotId the snapshot's id
 * @param asOf when it was taken
 * @param origin the event or file it came from
 * @param scenarioSets one entry per configured scenario set
 * @param computeMillis time spent computing arrays, ms
 * @param writeMillis time spent writing arrays and moving pointers, ms
 */
@RegisterForReflection
public record SnapshotSummary(
    String snapshotId,
    Instant asOf,
    String origin,
    List<ScenarioSetSummary> scenarioSets,
    long computeMillis,
    long writeMillis) {}
