package io.cryptomargin.margin;

/** Where an account's equity stands against its requirements. */
public enum MarginStatus {
  /** Equity at or above the initial margin. */
  HEALTHY,
  /** Equity below initial but at or above maintenance: add collateral or reduce risk. */
  MARGIN_CALL,
  /** Equity below maintenance: positions are to be closed. */
  LIQUIDATION;

  /** The status of an equity against the two requirements (all in the same currency). */
  public static MarginStatus of(double equity, double initialMargin, double maintenanceMargin) {
    if (equity >= initialMargin) {
      return HEALTHY;
    }
    return equity >= maintenanceMargin ? MARGIN_CALL : LIQUIDATION;
  }

  /** Whether this status is worse than another. */
  public boolean isWorseThan(MarginStatus other) {
    return ordinal() > other.ordinal();
  }
}
