package io.cryptomargin.function.snapshot;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The snapshot handler's answer: one summary per snapshot the event announced (usually one).
 *
 * @param snapshots in event order
 */
@RegisterForReflection
public record SnapshotRun(List<SnapshotSummary> snapshots) {}
