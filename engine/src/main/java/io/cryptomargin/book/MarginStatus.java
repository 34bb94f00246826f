package io.cryptomargin.book;

/** Where an account's equity stands against its requirements (METHODOLOGY 1a). */
public enum MarginStatus {
  /** Equity less haircuts at or above the initial margin. */
  HEALTHY,
  /** Below that, but equity at or above maintenance: add collateral or reduce risk. */
  MARGIN_CALL,
  /** Equity below maintenance: positions are to be closed. */
  LIQUIDATION;

  /**
   * The status of an equity against the two requirements, no haircut (all in the same currency).
   */
  public static MarginStatus of(double equity, double initialMargin, double maintenanceMargin) {
    return of(equity, 0.0, initialMargin, maintenanceMargin);
  }

  /**
   * The status of an equity against the two requirements, haircuts counting against IM only.
   *
   * @param haircut Σ haircut × coin value, in the currency of the rest
   */
  public static MarginStatus of(
      double equity, double haircut, double initialMargin, double maintenanceMargin) {
    if (equity - haircut >= initialMargin) {
      return HEALTHY;
    }
    return equity >= maintenanceMargin ? MARGIN_CALL : LIQUIDATION;
  }

  /** Whether this status is worse than another: the constants are declared from best to worst. */
  public boolean isWorseThan(MarginStatus other) {
    return compareTo(other) > 0;
  }
}
