package io.cryptomargin.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
public record Span16Definition(
    String id,
    String version,
    double lookAheadDays,
    double volFloor,
    Span16Parameters defaults,
    Map<String, Span16Parameters> byUnderlying)
    implements ScenarioSetDefinition {
  public Span16Definition {
    Objects.requireNonNull(defaults, "defaults");
    byUnderlying = Map.copyOf(byUnderlying);
  }

  /** The parameters of a coin. */
  public Span16Parameters parameters(String underlying) {
    return byUnderlying.getOrDefault(underlying, defaults);
  }

  private static final String[] FRACTIONS = {"0", "+1/3", "-1/3", "+2/3", "-2/3", "+1", "-1"};
  private static final double[] MULTIPLES = {0, 1.0 / 3, -1.0 / 3, 2.0 / 3, -2.0 / 3, 1, -1};
  private static final VolDirection[] SCANNED = {VolDirection.UP, VolDirection.DOWN};

  @Override
  public ScenarioSet forUnderlying(String underlying) {
    Span16Parameters p = parameters(underlying);
    double psr = p.priceScanRange();
    List<Scenario> scenarios = new ArrayList<>(16);
    List<ScenarioLabels.Part> labels = labelParts(p);
    for (int i = 0; i < MULTIPLES.length; i++) {
      for (VolDirection vol : SCANNED) {
        String label = labels.get(scenarios.size()).label();
        scenarios.add(
            new Scenario(
                scenarios.size() + 1, label, MULTIPLES[i] * psr, vol, 1.0, ScenarioRole.REGULAR));
      }
    }
    double extreme = p.extremeMultiple() * psr;
    scenarios.add(
        new Scenario(
            15,
            labels.get(14).label(),
            extreme,
            VolDirection.UNCHANGED,
            p.extremeCoverFraction(),
            ScenarioRole.EXTREME));
    scenarios.add(
        new Scenario(
            16,
            labels.get(15).label(),
            -extreme,
            VolDirection.UNCHANGED,
            p.extremeCoverFraction(),
            ScenarioRole.EXTREME));
    return new ScenarioSet(
        id,
        version,
        underlying,
        scenarios,
        new RelativeVolShock(p.volScanRange(), volFloor),
        lookAheadDays);
  }

  @Override
  public List<String> labels() {
    return ScenarioLabels.forEachCoin(byUnderlying, defaults, Span16Definition::labelParts);
  }

  /**
   * One underlying's labels: moves in multiples of its PSR (so alike for every coin), except the
   * extreme moves whose multiple X is a per-coin parameter.
   */
  private static List<ScenarioLabels.Part> labelParts(Span16Parameters p) {
    List<ScenarioLabels.Part> parts = new ArrayList<>(16);
    for (int i = 0; i < MULTIPLES.length; i++) {
      for (VolDirection vol : SCANNED) {
        parts.add(
            new ScenarioLabels.Part(
                i == 0 ? "price unchanged" : FRACTIONS[i] + " PSR",
                ", vol " + vol.name().toLowerCase(Locale.ROOT)));
      }
    }
    parts.add(new ScenarioLabels.Part("+" + fmt(p.extremeMultiple()) + " PSR", " extreme"));
    parts.add(new ScenarioLabels.Part("-" + fmt(p.extremeMultiple()) + " PSR", " extreme"));
    return parts;
  }

  @Override
  public int scenarioCount() {
    return 16;
  }

  private static String fmt(double x) {
    return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
  }
}
