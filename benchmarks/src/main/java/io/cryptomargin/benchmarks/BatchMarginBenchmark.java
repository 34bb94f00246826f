package io.cryptomargin.benchmarks;

import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.UsdRates;
import io.cryptomargin.margin.MarginModel;
import io.cryptomargin.margin.PortfolioMarginCalculator;
import io.cryptomargin.riskarray.RiskArraySet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue #7, item 4: after a market move (BTC −8%, ETH −12%), re-margin every account from the moved
 * market's cached arrays (rebuilt once in setup: item 2 measures that build), on a fixed pool of 1
 * or 2 threads, each taking contiguous chunks of accounts. One operation is the whole batch;
 * accounts per second = accounts ÷ time per operation.
 *
 * <p>The full suite runs 100,000 accounts of 20 legs; {@code BenchmarkSmokeTest} passes {@code -p
 * accounts=1000} so the build's smoke run stays short.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class BatchMarginBenchmark {
  /** Legs per account. */
  public static final int LEGS = 20;

  /** Accounts per chunk a thread takes at a time. */
  static final int CHUNK = 1_000;

  @Param({"100000"})
  public int accounts;

  @Param({"1", "2"})
  public int threads;

  @Param({Models.CRYPTO_PM})
  public String model;

  private List<Portfolio> books;
  private MarginModel marginModel;
  private RiskArraySet arrays;
  private UsdRates rates;
  private Instant asOf;
  private ExecutorService pool;

  @Setup(Level.Trial)
  public void setUp() {
    MarginUniverse moved = MarginUniverse.deribitBtcAndSyntheticEth().moved();
    marginModel = Models.margin(model);
    arrays = moved.arrays(marginModel);
    rates = moved.rates();
    asOf = moved.snapshot().asOf();
    books = moved.accounts(accounts, LEGS);
    pool = Executors.newFixedThreadPool(threads);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.shutdownNow();
  }

  /** Margins every account; returns the total initial margin (so nothing is optimised away). */
  @Benchmark
  public double marginAllAccounts() throws InterruptedException, ExecutionException {
    List<Future<Double>> chunks = new ArrayList<>();
    for (int from = 0; from < books.size(); from += CHUNK) {
      int start = from;
      int end = Math.min(from + CHUNK, books.size());
      chunks.add(pool.submit(() -> marginChunk(start, end)));
    }
    double total = 0;
    for (Future<Double> chunk : chunks) {
      total += chunk.get();
    }
    return total;
  }

  private double marginChunk(int from, int to) {
    double total = 0;
    for (int i = from; i < to; i++) {
      total +=
          PortfolioMarginCalculator.margin(books.get(i), arrays, marginModel, rates, asOf)
              .initialMargin();
    }
    return total;
  }
}
