package io.cryptomargin.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Deribit's portfolio-margin grid (METHODOLOGY 2b): {@code priceSteps} evenly spaced price moves
 * from −range to +range, each with vol up, unchanged and down (weight 1), then the extended table
 * (vol up only, weight factor × range/|move|, a coin-settled P&amp;L converted to coin at the edge
 * price S·(1 ± range)). Vol shocks are term-scaled, per underlying.
 *
 * @param id the id ({@code crypto-pm})
 * @param version parameter version
 * @param lookAheadDays days the scenarios are valued later (0: Deribit revalues at the current
 *     time)
 * @param defaults parameters of an underlying with none of its own
 * @param byUnderlying parameters per coin
 */
public record CryptoPmDefinition(
    String id,
    String version,
    double lookAheadDays,
    CryptoPmParameters defaults,
    Map<String, CryptoPmParameters> byUnderlying)
    implements ScenarioSetDefinition {
  public CryptoPmDefinition {
    Objects.requireNonNull(defaults, "defaults");
    byUnderlying = Map.copyOf(byUnderlying);
    for (CryptoPmParameters p : byUnderlying.values()) {
      if (p.priceSteps() != defaults.priceSteps()
          || p.extendedMoves().size() != defaults.extendedMoves().size()) {
        throw new IllegalArgumentException(
            "every underlying of a crypto-pm set needs the same number of price steps and extended moves,"
                + " so risk arrays have one length");
      }
    }
  }

  /** The parameters of a coin. */
  public CryptoPmParameters parameters(String underlying) {
    return byUnderlying.getOrDefault(underlying, defaults);
  }

  @Override
  public ScenarioSet forUnderlying(String underlying) {
    CryptoPmParameters p = parameters(underlying);
    List<Scenario> scenarios = new ArrayList<>();
    List<ScenarioLabels.Part> parts = labelParts(p);
    int half = p.priceSteps() / 2;
    for (int step = -half; step <= half; step++) {
      double move = p.priceRange() * step / half;
      for (VolDirection vol : VolDirection.values()) {
        String label = parts.get(scenarios.size()).label();
        scenarios.add(
            new Scenario(scenarios.size() + 1, label, move, vol, 1.0, ScenarioRole.REGULAR));
      }
    }
    for (double move : p.extendedMoves()) {
      String label = parts.get(scenarios.size()).label();
      double edge = Math.signum(move) * p.priceRange();
      scenarios.add(
          new Scenario(
              scenarios.size() + 1,
              label,
              move,
              VolDirection.UP,
              p.extendedWeight(move),
              ScenarioRole.EXTREME,
              edge));
    }
    return new ScenarioSet(id, version, underlying, scenarios, p.volShock(), lookAheadDays);
  }

  @Override
  public List<String> labels() {
    return ScenarioLabels.forEachCoin(byUnderlying, defaults, CryptoPmDefinition::labelParts);
  }

  /** The labels of one underlying's scenarios, in order, split into the move and the rest. */
  private static List<ScenarioLabels.Part> labelParts(CryptoPmParameters p) {
    List<ScenarioLabels.Part> parts = new ArrayList<>();
    int half = p.priceSteps() / 2;
    for (int step = -half; step <= half; step++) {
      String move = ScenarioLabels.percent(p.priceRange() * step / half);
      for (VolDirection vol : VolDirection.values()) {
        parts.add(new ScenarioLabels.Part(move, ", vol " + vol.name().toLowerCase(Locale.ROOT)));
      }
    }
    for (double move : p.extendedMoves()) {
      parts.add(new ScenarioLabels.Part(ScenarioLabels.percent(move), " extended, vol up"));
    }
    return parts;
  }

  @Override
  public int scenarioCount() {
    return defaults.priceSteps() * 3 + defaults.extendedMoves().size();
  }
}
