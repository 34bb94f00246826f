package io.cryptomargin.scenario;

import io.cryptomargin.market.MarketShift;
import java.util.List;
import java.util.Objects;

/**
 * The scenarios of one underlying under one scenario-set definition.
 *
 * @param id the definition's id, e.g. {@code span-16}
 * @param version the parameter version
 * @param underlying the coin
 * @param scenarios in order (numbered from 1)
 * @param volShock the size of vol moves
 * @param lookAheadDays calendar days every scenario is valued after the snapshot
 */
public record ScenarioSet(
    String id,
    String version,
    String underlying,
    List<Scenario> scenarios,
    VolatilityShock volShock,
    double lookAheadDays) {
  public ScenarioSet {
    Objects.requireNonNull(volShock, "volShock");
    scenarios = List.copyOf(scenarios);
    if (scenarios.isEmpty()) {
      throw new IllegalArgumentException("a scenario set needs scenarios");
    }
    if (!(lookAheadDays >= 0)) {
      throw new IllegalArgumentException("look-ahead days must be >= 0, was " + lookAheadDays);
    }
  }

  /** Number of scenarios. */
  public int size() {
    return scenarios.size();
  }

  /** The market move of a scenario (weights are applied by the risk array, not the market). */
  public MarketShift shift(Scenario scenario) {
    return new MarketShift(
        scenario.priceMove(), volShock.forDirection(scenario.volDirection()), lookAheadDays);
  }
}
