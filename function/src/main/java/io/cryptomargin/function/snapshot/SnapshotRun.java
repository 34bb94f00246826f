package io.cryptomargin.function.snapshot;

import io.cryptomargin.function.recalc.AccountFanOut;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The snapshot handler's answer: one summary per snapshot the event announced (usually one).
 *
 * @param snapshots in event order
 * @param recalc per snapshot that became current, the accounts enqueued for recalculation
 */
@RegisterForReflection
public record SnapshotRun(List<SnapshotSummary> snapshots, List<AccountFanOut.FanOut> recalc) {}
