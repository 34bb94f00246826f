package io.cryptomargin.benchmarks;

import io.cryptomargin.book.AccountMargin;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.UsdRates;
import io.cryptomargin.margin.MarginModel;
import io.cryptomargin.margin.PortfolioMarginCalculator;
import io.cryptomargin.margin.ResolvedBook;
import io.cryptomargin.riskarray.RiskArraySet;
import java.time.Instant;
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
 * Item 3's peer: the same books margined by full revaluation ({@link FullRevaluationMargin}: the
 * market shifted per scenario and every leg repriced, then the same charges), against the engine's
 * hot path on a resolved book, in the same run. span-16 only: that is the model whose charges the
 * peer reproduces ({@code MarginAgreementTest} checks they agree within 1e-9).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FullRevaluationBenchmark {
  @Param({"10", "100", "1000", "10000"})
  public int legs;

  private MarginUniverse universe;
  private MarginModel marginModel;
  private UsdRates rates;
  private Instant asOf;
  private Portfolio book;
  private ResolvedBook resolved;

  @Setup
  public void setUp() {
    universe = MarginUniverse.deribitBtcAndSyntheticEth();
    marginModel = Models.margin(Models.SPAN_16);
    RiskArraySet arrays = universe.arrays(marginModel);
    rates = universe.rates();
    asOf = universe.snapshot().asOf();
    book = universe.book(legs);
    resolved = PortfolioMarginCalculator.resolve(book, arrays);
  }

  /** The engine: a resolved book from cached arrays (as {@code PortfolioMarginBenchmark}). */
  @Benchmark
  public AccountMargin cachedArrays() {
    return PortfolioMarginCalculator.margin(resolved, marginModel, rates, asOf);
  }

  /** The peer: shift the market per scenario and reprice every leg, then the same charges. */
  @Benchmark
  public FullRevaluationMargin.Result fullRevaluation() {
    return FullRevaluationMargin.margin(
        book, universe.instruments(), universe.snapshot(), marginModel);
  }
}
