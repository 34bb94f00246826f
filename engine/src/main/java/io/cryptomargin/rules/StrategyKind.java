package io.cryptomargin.rules;

/** The option strategies the rules-based model can recognize. */
public enum StrategyKind {
  /** Short and long option of the same type, underlying and expiry, different strikes. */
  VERTICAL_SPREAD("verticalSpread"),
  /** A short call spread and a short put spread of the same underlying and expiry, wings outside. */
  IRON_CONDOR("ironCondor"),
  /** A short call covered by long spot or a long future of the same underlying. */
  COVERED_CALL("coveredCall"),
  /** Short near-expiry option against a long later-expiry option, same type and strike. */
  CALENDAR("calendar"),
  /** Short call and short put of the same strike and expiry. */
  STRADDLE("straddle"),
  /** A future whose loss is capped by a long option (long future + long put, short future + long call). */
  FUTURES_HEDGE("futuresHedge");

  private final String parameterName;

  StrategyKind(String parameterName) {
    this.parameterName = parameterName;
  }

  /** The switch's name in the parameter file, e.g. {@code verticalSpread}. */
  public String parameterName() {
    return parameterName;
  }
}
