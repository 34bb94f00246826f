package io.cryptomargin.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * US customer portfolio margin, FINRA Rule 4210(g) as OCC's TIMS computes it (METHODOLOGY 2c): ten
 * equidistant price points, zero excluded (+up·k/{@value #STEPS} and −down·k/{@value #STEPS}, k =
 * 1..{@value #STEPS}), weight 1, no vol shift, no look-ahead.
 *
 * @param id the id ({@code tims})
 * @param version parameter version
 * @param defaults the range of an underlying with none of its own
 * @param byUnderlying ranges per coin
 */
public record TimsDefinition(
    String id, String version, TimsParameters defaults, Map<String, TimsParameters> byUnderlying)
    implements ScenarioSetDefinition {
  /** Price points on each side of today's price. */
  public static final int STEPS = 5;

  public TimsDefinition {
    Objects.requireNonNull(defaults, "defaults");
    byUnderlying = Map.copyOf(byUnderlying);
  }

  /** The range of a coin. */
  public TimsParameters parameters(String underlying) {
    return byUnderlying.getOrDefault(underlying, defaults);
  }

  @Override
  public ScenarioSet forUnderlying(String underlying) {
    TimsParameters p = parameters(underlying);
    List<ScenarioLabels.Part> parts = labelParts(p);
    List<Scenario> scenarios = new ArrayList<>(2 * STEPS);
    for (double move : moves(p)) {
      scenarios.add(
          new Scenario(
              scenarios.size() + 1,
              parts.get(scenarios.size()).label(),
              move,
              VolDirection.UNCHANGED,
              1.0,
              ScenarioRole.REGULAR));
    }
    // No vol shift: the vol shock is never asked for another direction than UNCHANGED.
    return new ScenarioSet(
        id, version, underlying, scenarios, new RelativeVolShock(0.0, 0.01), 0.0);
  }

  private static double[] moves(TimsParameters p) {
    double[] moves = new double[2 * STEPS];
    for (int k = 1; k <= STEPS; k++) {
      moves[k - 1] = p.upMove() * k / STEPS;
      moves[STEPS + k - 1] = -p.downMove() * k / STEPS;
    }
    return moves;
  }

  @Override
  public List<String> labels() {
    return ScenarioLabels.forEachCoin(byUnderlying, defaults, TimsDefinition::labelParts);
  }

  private static List<ScenarioLabels.Part> labelParts(TimsParameters p) {
    List<ScenarioLabels.Part> parts = new ArrayList<>(2 * STEPS);
    for (double move : moves(p)) {
      parts.add(new ScenarioLabels.Part(ScenarioLabels.percent(move), ", vol unchanged"));
    }
    return parts;
  }

  @Override
  public int scenarioCount() {
    return 2 * STEPS;
  }
}
