package io.cryptomargin.benchmarks;

import io.cryptomargin.book.AccountMargin;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.Position;
import io.cryptomargin.book.UsdRates;
import io.cryptomargin.margin.MarginModel;
import io.cryptomargin.margin.PortfolioMarginCalculator;
import io.cryptomargin.margin.ResolvedBook;
import io.cryptomargin.riskarray.RiskArray;
import io.cryptomargin.riskarray.RiskArraySet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * Item 3: the portfolio margin of one book, every charge of the model included, from cached risk
 * arrays. Three ways, measured in the same run:
 *
 * <ul>
 *   <li>{@link #resolvedBook}: the hot path, a book resolved once to rows of the arrays' contiguous
 *       matrix ({@link PortfolioMarginCalculator#resolve}), then margined;
 *   <li>{@link #oneShot}: resolve and margin in one call, as the CLI and the function do for a book
 *       they have just read;
 *   <li>{@link #floor}: the bare work the hot path cannot avoid, a loop summing quantity × losses
 *       over the same contiguous losses (four holdings per pass, as the engine does), then the
 *       worst scenario, and nothing else.
 * </ul>
 *
 * <p>Full revaluation, the peer without arrays, is {@link FullRevaluationBenchmark}. Books of 10 to
 * 10,000 legs sampled with a fixed seed from {@link MarginUniverse} (the Deribit BTC chain and a
 * synthetic ETH universe); the arrays of the whole universe are built in setup, not timed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PortfolioMarginBenchmark {
  @Param({"10", "100", "1000", "10000"})
  public int legs;

  @Param({Models.SPAN_16, Models.CRYPTO_PM, Models.TIMS})
  public String model;

  private MarginModel marginModel;
  private RiskArraySet arrays;
  private UsdRates rates;
  private Instant asOf;
  private Portfolio book;
  private ResolvedBook resolved;
  private BareBook bare;

  @Setup
  public void setUp() {
    MarginUniverse universe = MarginUniverse.deribitBtcAndSyntheticEth();
    marginModel = Models.margin(model);
    arrays = universe.arrays(marginModel);
    rates = universe.rates();
    asOf = universe.snapshot().asOf();
    book = universe.book(legs);
    resolved = PortfolioMarginCalculator.resolve(book, arrays);
    bare = BareBook.of(book, arrays);
  }

  /** The engine's hot path: a resolved book's summed losses, scan and every charge. */
  @Benchmark
  public AccountMargin resolvedBook() {
    return PortfolioMarginCalculator.margin(resolved, marginModel, rates, asOf);
  }

  /** Resolve (net the positions, find each instrument's row) and margin, in one call. */
  @Benchmark
  public AccountMargin oneShot() {
    return PortfolioMarginCalculator.margin(book, arrays, marginModel, rates, asOf);
  }

  /** The floor: quantity × losses summed over the contiguous losses, then the worst scenario. */
  @Benchmark
  public double floor() {
    return bare.worstLoss();
  }

  /**
   * A book as the floor sees it: the netted holdings' row numbers and quantities, and every
   * instrument's losses copied into one {@code double[]} in the arrays' order (the matrix's
   * layout), built in setup by this class alone.
   */
  static final class BareBook {
    private final int scenarios;
    private final double[] losses;
    private final int[] rows;
    private final double[] quantities;

    private BareBook(int scenarios, double[] losses, int[] rows, double[] quantities) {
      this.scenarios = scenarios;
      this.losses = losses;
      this.rows = rows;
      this.quantities = quantities;
    }

    static BareBook of(Portfolio book, RiskArraySet arrays) {
      int scenarios = arrays.scenarioCount();
      Map<String, Integer> rowOf = new LinkedHashMap<>();
      double[] losses = new double[arrays.arrays().size() * scenarios];
      for (RiskArray array : arrays.arrays().values()) {
        int row = rowOf.size();
        rowOf.put(array.instrument(), row);
        for (int s = 0; s < scenarios; s++) {
          losses[row * scenarios + s] = array.loss(s);
        }
      }
      Map<String, Double> net = new LinkedHashMap<>();
      for (Position p : book.positions()) {
        net.merge(p.instrument(), p.quantity(), Double::sum);
      }
      int[] rows = new int[net.size()];
      double[] quantities = new double[net.size()];
      int h = 0;
      for (Map.Entry<String, Double> holding : net.entrySet()) {
        rows[h] = rowOf.get(holding.getKey());
        quantities[h] = holding.getValue();
        h++;
      }
      return new BareBook(scenarios, losses, rows, quantities);
    }

    /**
     * The summed losses' worst scenario, four holdings per pass over the sum (the fastest bare loop
     * found: 1.4–1.6× one holding at a time here), then the rest one by one.
     */
    double worstLoss() {
      double[] sum = new double[scenarios];
      int h = 0;
      for (; h + 3 < rows.length; h += 4) {
        int base0 = rows[h] * scenarios;
        int base1 = rows[h + 1] * scenarios;
        int base2 = rows[h + 2] * scenarios;
        int base3 = rows[h + 3] * scenarios;
        for (int s = 0; s < scenarios; s++) {
          sum[s] +=
              quantities[h] * losses[base0 + s]
                  + quantities[h + 1] * losses[base1 + s]
                  + quantities[h + 2] * losses[base2 + s]
                  + quantities[h + 3] * losses[base3 + s];
        }
      }
      for (; h < rows.length; h++) {
        int base = rows[h] * scenarios;
        for (int s = 0; s < scenarios; s++) {
          sum[s] += quantities[h] * losses[base + s];
        }
      }
      double worst = 0;
      for (double loss : sum) {
        worst = Math.max(worst, loss);
      }
      return worst;
    }
  }
}
