package io.cryptomargin.historical;

/** Whether past returns are used as they were or rescaled to today's volatility. */
public enum ReturnWeighting {
  /** Filtered historical simulation: each return × σ_EWMA(now) / σ_EWMA(then). */
  FILTERED,
  /** Plain historical simulation: returns as they happened. */
  PLAIN
}
