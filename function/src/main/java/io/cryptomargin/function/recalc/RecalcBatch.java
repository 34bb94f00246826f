package io.cryptomargin.function.recalc;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The body of one recalc message: accounts to re-margin because a snapshot became current.
 *
 * @param snapshotId the snapshot that triggered it (a later current one is used if it moved on)
 * @param accounts account ids, at most {@code cm.margin.recalc-batch-size}
 */
@RegisterForReflection
public record RecalcBatch(String snapshotId, List<String> accounts) {
  public RecalcBatch {
    if (snapshotId == null || accounts == null) {
      throw new IllegalArgumentException("snapshotId and accounts are required");
    }
    if (accounts.stream().anyMatch(id -> id == null || id.isBlank())) {
      throw new IllegalArgumentException("accounts must be non-blank ids");
    }
    accounts = List.copyOf(accounts);
  }
}
