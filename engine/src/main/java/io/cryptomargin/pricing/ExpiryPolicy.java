package io.cryptomargin.pricing;

/**
 * What the pricer does with a dated contract at or past its expiry. The caller decides: pricing
 * never knows whether a market is observed or a scenario.
 */
public enum ExpiryPolicy {
  /** An expired contract is an error naming it: a market as observed cannot value it. */
  REJECT_EXPIRED,
  /**
   * A contract at or past its expiry is valued with zero years left, i.e. an option at its
   * intrinsic value: for a scenario whose look-ahead passes the expiry, as risk arrays value it.
   */
  INTRINSIC_PAST_EXPIRY
}
