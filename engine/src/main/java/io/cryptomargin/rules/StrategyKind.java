package io.cryptomargin.rules;

/**
 * The strategies the {@code strategy-based} model recognizes (METHODOLOGY section 4). Charges are
 * on the mark-to-market basis: the further loss beyond today's marks.
 */
public enum StrategyKind {
  /**
   * Short and long option of the same type, underlying, expiry and settlement, different strikes: a
   * credit spread is charged its width less the net credit, a debit spread its net mark.
   */
  VERTICAL_SPREAD("verticalSpread"),
  /**
   * A credit call spread and a credit put spread of one expiry, put strikes at or below the call
   * strikes: the wider width less the net credit.
   */
  IRON_CONDOR("ironCondor"),
  /**
   * Short nearer-expiry option against a long later-expiry option, same type and strike: the net
   * mark.
   */
  CALENDAR("calendar"),
  /**
   * A short call against a held coin or a long future of the option's expiry, or a short put
   * against a short future of the option's expiry: the option is charged nothing, the cover keeps
   * its own requirement.
   */
  COVERED("covered"),
  /**
   * Short call and short put of one expiry, the put's strike at or below the call's: the larger
   * leg's requirement.
   */
  STRADDLE("straddle");

  private final String parameterName;

  StrategyKind(String parameterName) {
    this.parameterName = parameterName;
  }

  /** The switch's name in the parameter file, e.g. {@code verticalSpread}. */
  public String parameterName() {
    return parameterName;
  }
}
