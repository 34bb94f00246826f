package io.cryptomargin.benchmarks;

import io.cryptomargin.riskarray.RiskArrayCalculator;
import io.cryptomargin.riskarray.RiskArraySet;
import io.cryptomargin.scenario.ScenarioSetDefinition;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue #7, item 2: building the risk arrays of a whole universe with {@link
 * RiskArrayCalculator#compute}, against the floor of the same number of bare Black-76 evaluations
 * ({@link ScenarioGrid}). Both score microseconds per build of the same (universe, scenario set);
 * {@link SuiteReport} divides by options × scenarios for nanoseconds per option-scenario, and build
 * / floor is the cost of everything around the formula.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RiskArrayBenchmark {
  @Param({OptionUniverse.DERIBIT_CHAIN, OptionUniverse.SYNTHETIC_2000})
  public String universe;

  @Param({Models.SPAN_16, Models.CRYPTO_PM})
  public String scenarioSet;

  private OptionUniverse options;
  private ScenarioSetDefinition definition;
  private ScenarioGrid grid;

  @Setup
  public void setUp() {
    options = OptionUniverse.named(universe);
    definition = Models.scenarioSet(scenarioSet);
    grid = ScenarioGrid.of(options, definition);
  }

  /**
   * The engine's build: market look-ups, vol shocks, full revaluation, composite delta, result
   * objects.
   */
  @Benchmark
  public RiskArraySet build() {
    return RiskArrayCalculator.compute(options.snapshot(), options.options(), definition);
  }

  /** The floor: one bare Black-76 evaluation per option and scenario, inputs prepared in setup. */
  @Benchmark
  public double blackFloor() {
    return grid.sumOfPrices();
  }
}
