package io.cryptomargin.benchmarks;

import io.cryptomargin.book.AccountMargin;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.UsdRates;
import io.cryptomargin.margin.MarginModel;
import io.cryptomargin.margin.PortfolioMarginCalculator;
import io.cryptomargin.riskarray.RiskArraySet;
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
 * Issue #7, item 3: the portfolio margin of one book, all charges included, from cached risk arrays
 * ({@link PortfolioMarginCalculator#margin}) against full revaluation of the same book ({@link
 * FullRevaluationMargin}: every leg repriced in every scenario). Books of 10 to 10,000 legs sampled
 * with a fixed seed from {@link MarginUniverse} (Deribit BTC chain + synthetic ETH); the arrays of
 * the whole universe are built in setup, not timed.
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

  @Param({Models.SPAN_16, Models.CRYPTO_PM})
  public String model;

  private MarginUniverse universe;
  private MarginModel marginModel;
  private RiskArraySet arrays;
  private UsdRates rates;
  private Portfolio book;

  @Setup
  public void setUp() {
    universe = MarginUniverse.deribitBtcAndSyntheticEth();
    marginModel = Models.margin(model);
    arrays = universe.arrays(marginModel);
    rates = universe.rates();
    book = universe.book(legs);
  }

  /** The engine: sum the cached arrays, scan, then the charges. */
  @Benchmark
  public AccountMargin cachedArrays() {
    return PortfolioMarginCalculator.margin(
        book, arrays, marginModel, rates, universe.snapshot().asOf());
  }

  /** The peer: shift the market per scenario and reprice every leg, then the same charges. */
  @Benchmark
  public FullRevaluationMargin.Result fullRevaluation() {
    return FullRevaluationMargin.margin(
        book, universe.instruments(), universe.snapshot(), marginModel);
  }
}
