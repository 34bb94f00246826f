package io.cryptomargin.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * CME SPAN's 16 scenarios: price 0, ±PSR/3, ±2PSR/3, ±PSR each with vol up and down, then ±X·PSR
 * with vol unchanged at weight C, in CME's order.
 *
 * @param id the id ({@code span-16})
 * @param version parameter version
 * @param lookAheadDays days the scenarios are valued later (1)
 * @param volFloor lowest vol after a down move, annual fraction
 * @param defaults parameters of an underlying with none of its own
 * @param byUnderlying parameters per coin
 */
public record Span16Definition(String id, String version, double lookAheadDays, double volFloor,
    Span16Parameters defaults, Map<String, Span16Parameters> byUnderlying) implements ScenarioSetDefinition {
  public Span16Definition {
    Objects.requireNonNull(defaults, "defaults");
    byUnderlying = Map.copyOf(byUnderlying);
  }

  /** The parameters of a coin. */
  public Span16Parameters parameters(String underlying) {
    return byUnderlying.getOrDefault(underlying, defaults);
  }

  @Override
  public ScenarioSet forUnderlying(String underlying) {
    Span16Parameters p = parameters(underlying);
    double psr = p.priceScanRange();
    List<Scenario> scenarios = new ArrayList<>(16);
    String[] fractions = {"0", "+1/3", "-1/3", "+2/3", "-2/3", "+1", "-1"};
    double[] multiples = {0, 1.0 / 3, -1.0 / 3, 2.0 / 3, -2.0 / 3, 1, -1};
    for (int i = 0; i < multiples.length; i++) {
      for (VolDirection vol : new VolDirection[] {VolDirection.UP, VolDirection.DOWN}) {
        String label = (i == 0 ? "price unchanged" : fractions[i] + " PSR") + ", vol " + vol.name().toLowerCase();
        scenarios.add(new Scenario(scenarios.size() + 1, label, multiples[i] * psr, vol, 1.0, ScenarioRole.REGULAR));
      }
    }
    double extreme = p.extremeMultiple() * psr;
    scenarios.add(new Scenario(15, "+" + fmt(p.extremeMultiple()) + " PSR extreme", extreme, VolDirection.UNCHANGED,
        p.extremeCoverFraction(), ScenarioRole.EXTREME));
    scenarios.add(new Scenario(16, "-" + fmt(p.extremeMultiple()) + " PSR extreme", -extreme, VolDirection.UNCHANGED,
        p.extremeCoverFraction(), ScenarioRole.EXTREME));
    return new ScenarioSet(id, version, underlying, scenarios, new RelativeVolShock(p.volScanRange(), volFloor),
        lookAheadDays);
  }

  @Override
  public int scenarioCount() {
    return 16;
  }

  private static String fmt(double x) {
    return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
  }
}
