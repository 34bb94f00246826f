package io.cryptomargin.benchmarks;

import io.cryptomargin.instrument.EuropeanOption;
import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.pricing.Black76;
import io.cryptomargin.pricing.InstrumentPricer;
import io.cryptomargin.pricing.PricingInputs;
import io.cryptomargin.scenario.Scenario;
import io.cryptomargin.scenario.ScenarioSet;
import io.cryptomargin.scenario.ScenarioSetDefinition;

/**
 * The Black-76 inputs of every (option, scenario) pair of a universe under a scenario set, worked
 * out ahead of time: the floor a risk-array build is compared with. Evaluating the grid is the
 * irreducible work of a build (one Black-76 price per option and scenario) with none of its
 * bookkeeping: no market look-ups, vol shocks, composite delta or result objects.
 */
public final class ScenarioGrid {
  private final double[] forwards;
  private final double[] strikes;
  private final double[] years;
  private final double[] vols;
  private final PutCall[] putCalls;

  private ScenarioGrid(int size) {
    forwards = new double[size];
    strikes = new double[size];
    years = new double[size];
    vols = new double[size];
    putCalls = new PutCall[size];
  }

  /** The grid of a universe under a definition, option-major (each option's scenarios together). */
  public static ScenarioGrid of(OptionUniverse universe, ScenarioSetDefinition definition) {
    ScenarioGrid grid = new ScenarioGrid(universe.size() * definition.scenarioCount());
    int cell = 0;
    for (EuropeanOption option : universe.options()) {
      ScenarioSet set = definition.forUnderlying(option.underlying());
      PricingInputs base = InstrumentPricer.inputs(option, universe.snapshot());
      double laterYears = Math.max(base.years() - set.lookAheadDays() / 365.0, 0.0);
      for (Scenario scenario : set.scenarios()) {
        grid.forwards[cell] = base.forward() * (1 + scenario.priceMove());
        grid.strikes[cell] = option.strike();
        grid.years[cell] = laterYears;
        grid.vols[cell] =
            set.volShock()
                .forDirection(scenario.volDirection())
                .shock(base.vol(), base.years() * 365.0);
        grid.putCalls[cell] = option.putCall();
        cell++;
      }
    }
    return grid;
  }

  /** Number of (option, scenario) cells. */
  public int size() {
    return forwards.length;
  }

  /** Prices every cell with the engine's unchecked Black-76 and returns the sum. */
  public double sumOfPrices() {
    double sum = 0;
    for (int i = 0; i < forwards.length; i++) {
      sum += Black76.price(forwards[i], strikes[i], years[i], vols[i], putCalls[i]);
    }
    return sum;
  }
}
