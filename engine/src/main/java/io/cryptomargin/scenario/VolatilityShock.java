package io.cryptomargin.scenario;

import io.cryptomargin.market.VolShock;

/** How big a scenario set's vol moves are. */
public sealed interface VolatilityShock permits RelativeVolShock, TermScaledVolShock {
  /** The shock for a direction. */
  VolShock forDirection(VolDirection direction);
}
