package io.cryptomargin.rules;

/** How the strategy search of one underlying ended. */
public enum PairingStatus {
  /** Every pairing was searched (or bounded away): the pairing is the cheapest there is. */
  EXACT,
  /** The node budget ran out: the best pairing found is kept. */
  STOPPED_AT_NODE_BUDGET,
  /** The time budget ran out: the best pairing found is kept. */
  STOPPED_AT_TIME_BUDGET,
  /**
   * There were more candidate strategies than the limit: only the nearest strikes were considered.
   */
  CANDIDATES_CAPPED;

  /** Whether the pairing is proven the cheapest. */
  public boolean exact() {
    return this == EXACT;
  }
}
