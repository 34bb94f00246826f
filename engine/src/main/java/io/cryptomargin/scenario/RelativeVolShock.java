package io.cryptomargin.scenario;

import io.cryptomargin.market.VolShock;

/**
 * SPAN's volatility scan: vol × (1 ± range), whatever the expiry.
 *
 * @param range relative vol scan range, fraction of the current vol (0.25 = ±25%)
 * @param floorVol the lowest vol a down move gives, annual fraction
 */
public record RelativeVolShock(double range, double floorVol) implements VolatilityShock {
  public RelativeVolShock {
    if (!(range >= 0 && range < 1)) {
      throw new IllegalArgumentException("vol scan range must be in [0, 1), was " + range);
    }
    if (!(floorVol > 0)) {
      throw new IllegalArgumentException("vol floor must be > 0, was " + floorVol);
    }
  }

  @Override
  public VolShock forDirection(VolDirection direction) {
    return switch (direction) {
      case UP -> (vol, days) -> vol * (1 + range);
      case DOWN -> (vol, days) -> Math.max(vol * (1 - range), floorVol);
      case UNCHANGED -> VolShock.NONE;
    };
  }
}
