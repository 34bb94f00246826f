package io.cryptomargin.market;

/** How a scenario moves a volatility; may depend on the days left to expiry. */
@FunctionalInterface
public interface VolShock {
  /** No change. */
  VolShock NONE = (vol, daysToExpiry) -> vol;

  /**
   * Shocks one volatility.
   *
   * @param vol the current vol, annual fraction
   * @param daysToExpiry days from the snapshot to the instrument's expiry
   * @return the shocked vol, annual fraction, &gt; 0
   */
  double shock(double vol, double daysToExpiry);
}
