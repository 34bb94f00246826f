package io.cryptomargin.scenario;

import io.cryptomargin.market.VolShock;
import io.cryptomargin.validation.Problems;

/**
 * The crypto-pm term-scaled vol shock (METHODOLOGY 2b): short-dated vols move more. f =
 * (pivot/max(DTE, minDaysToExpiry))^p with p = powerShortDated when DTE &lt; pivot, else
 * powerLongDated; σ_up = max(σ·(1 + up·f), minVolShockUp), σ_down = max(σ·(1 − down·f), floorVol).
 *
 * @param up relative up-shock at the pivot (Deribit BTC 0.5)
 * @param down relative down-shock at the pivot (0.25)
 * @param powerShortDated exponent below the pivot (0.3)
 * @param powerLongDated exponent from the pivot on (0.13)
 * @param pivotDays days to expiry where the shock equals up/down (30)
 * @param floorVol lowest vol after a down shock, annual fraction (0.01)
 * @param minDaysToExpiry floor on DTE (1)
 * @param minVolShockUp lowest vol after an up shock, annual fraction (Deribit BTC 0.5; 0 = none)
 */
public record TermScaledVolShock(
    double up,
    double down,
    double powerShortDated,
    double powerLongDated,
    double pivotDays,
    double floorVol,
    double minDaysToExpiry,
    double minVolShockUp)
    implements VolatilityShock {
  /** A shock with no floor on the up-shocked vol. */
  public TermScaledVolShock(
      double up,
      double down,
      double powerShortDated,
      double powerLongDated,
      double pivotDays,
      double floorVol,
      double minDaysToExpiry) {
    this(up, down, powerShortDated, powerLongDated, pivotDays, floorVol, minDaysToExpiry, 0.0);
  }

  public TermScaledVolShock {
    Problems problems = new Problems();
    problems.requireNonNegative("up", up);
    problems.requireNonNegative("down", down);
    problems.requireNonNegative("powerShortDated", powerShortDated);
    problems.requireNonNegative("powerLongDated", powerLongDated);
    problems.requirePositive("pivotDays", pivotDays);
    problems.requirePositive("floorVol", floorVol);
    problems.requirePositive("minDaysToExpiry", minDaysToExpiry);
    problems.requireNonNegative("minVolShockUp", minVolShockUp);
    problems.throwIfAny();
  }

  /** The term factor (pivot/DTE)^p for a number of days to expiry. */
  public double termFactor(double daysToExpiry) {
    double dte = Math.max(daysToExpiry, minDaysToExpiry);
    double power = dte < pivotDays ? powerShortDated : powerLongDated;
    return Math.pow(pivotDays / dte, power);
  }

  @Override
  public VolShock forDirection(VolDirection direction) {
    return switch (direction) {
      case UP -> (vol, days) -> Math.max(vol * (1 + up * termFactor(days)), minVolShockUp);
      case DOWN -> (vol, days) -> Math.max(vol * (1 - down * termFactor(days)), floorVol);
      case UNCHANGED -> VolShock.NONE;
    };
  }
}
