package io.cryptomargin.function.store;

/**
 * A reader asked for arrays no current snapshot provides: none was published for the scenario set,
 * the current one expired (no snapshot arrived within the TTL), it was superseded, or it has no
 * market for the underlying. The message says which, and names the current snapshot if any.
 */
public final class SnapshotNotCurrentException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public SnapshotNotCurrentException(String message) {
    super(message);
  }
}
