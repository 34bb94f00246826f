package io.cryptomargin.benchmarks;

import io.cryptomargin.pricing.OptionGreeks;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue #7, item 1: one Black-76 evaluation (price alone, and price with delta, gamma, vega,
 * theta), the engine against Strata and finmath-lib on the same {@link BlackInputs}. Scores are
 * nanoseconds per option. Each method sums its outputs so the JIT cannot drop the work; the sum is
 * returned to JMH's blackhole.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PricingBenchmark {
  private final BlackInputs in = BlackInputs.sample(BlackInputs.DEFAULT_SIZE);

  @Benchmark
  @OperationsPerInvocation(BlackInputs.DEFAULT_SIZE)
  public double priceCryptomargin() {
    return sumOfPrices(BlackFormulas.CRYPTOMARGIN);
  }

  @Benchmark
  @OperationsPerInvocation(BlackInputs.DEFAULT_SIZE)
  public double priceStrata() {
    return sumOfPrices(BlackFormulas.STRATA);
  }

  @Benchmark
  @OperationsPerInvocation(BlackInputs.DEFAULT_SIZE)
  public double priceFinmath() {
    return sumOfPrices(BlackFormulas.FINMATH);
  }

  @Benchmark
  @OperationsPerInvocation(BlackInputs.DEFAULT_SIZE)
  public double greeksCryptomargin() {
    return sumOfGreeks(BlackFormulas.CRYPTOMARGIN);
  }

  @Benchmark
  @OperationsPerInvocation(BlackInputs.DEFAULT_SIZE)
  public double greeksStrata() {
    return sumOfGreeks(BlackFormulas.STRATA);
  }

  @Benchmark
  @OperationsPerInvocation(BlackInputs.DEFAULT_SIZE)
  public double greeksFinmath() {
    return sumOfGreeks(BlackFormulas.FINMATH);
  }

  // Called with a constant argument from each benchmark, so the JIT inlines one formula per method.
  private double sumOfPrices(BlackFormulas formula) {
    double sum = 0;
    for (int i = 0; i < in.size(); i++) {
      sum +=
          formula.price(
              in.forwards()[i], in.strikes()[i], in.years()[i], in.vols()[i], in.putCalls()[i]);
    }
    return sum;
  }

  private double sumOfGreeks(BlackFormulas formula) {
    double sum = 0;
    for (int i = 0; i < in.size(); i++) {
      OptionGreeks g =
          formula.greeks(
              in.forwards()[i], in.strikes()[i], in.years()[i], in.vols()[i], in.putCalls()[i]);
      sum += g.price() + g.delta() + g.gamma() + g.vega() + g.theta();
    }
    return sum;
  }
}
