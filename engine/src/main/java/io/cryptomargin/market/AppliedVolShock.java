package io.cryptomargin.market;

import java.time.Instant;
import java.util.Objects;

/**
 * A vol shock applied to a snapshot, remembered with the time it was applied at so a term-dependent
 * shock (crypto-pm's) can be evaluated for any expiry when a vol is looked up.
 *
 * @param shock the shock
 * @param reference the snapshot time days-to-expiry are counted from
 */
public record AppliedVolShock(VolShock shock, Instant reference) {
  public AppliedVolShock {
    Objects.requireNonNull(shock, "shock");
    Objects.requireNonNull(reference, "reference");
  }

  /** The shocked vol of an expiry. */
  public double apply(double vol, Instant expiry) {
    return shock.shock(vol, YearFractions.between(reference, expiry) * 365.0);
  }
}
