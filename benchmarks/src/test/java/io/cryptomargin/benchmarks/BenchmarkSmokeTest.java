package io.cryptomargin.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark once, in this JVM, for 100 ms, so a change that breaks a benchmark fails the
 * build instead of the next full run. It asserts that each benchmark and parameter combination ran
 * and that the report renders; it never asserts a time (a shared CI machine cannot give meaningful
 * ones, and timings belong to the full suite).
 */
class BenchmarkSmokeTest {
  private static final int PRICING_BENCHMARKS = 6;
  private static final int RISK_ARRAY_BENCHMARKS =
      2 * 2 * 2; // build and floor × 2 universes × 2 sets
  private static final int MARGIN_BENCHMARKS =
      3 * 4 * 3 // resolved, one-shot and floor × 4 book sizes × 3 models
          + 2 * 4; // span-16 cached and full revaluation × 4 book sizes
  private static final int BATCH_BENCHMARKS = 2; // 1 and 2 threads
  private static final int CODEC_BENCHMARKS =
      6 * 2; // item, losses and the Number-list peer, encode and decode × 2 models

  /** Accounts in the smoke run's batch (the full suite margins 100,000). */
  private static final String SMOKE_ACCOUNTS = "1000";

  @Test
  void everyBenchmarkRunsOnceAndTheReportRenders() throws RunnerException {
    Options once =
        new OptionsBuilder()
            .include(
                BenchmarkSmokeTest.class.getPackageName().replace(".", "\\.")
                    + "\\..*Benchmark\\..*")
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(100))
            .param("accounts", SMOKE_ACCOUNTS)
            .shouldFailOnError(true)
            .build();

    Collection<RunResult> results = new Runner(once).run();

    assertThat(results)
        .hasSize(
            PRICING_BENCHMARKS
                + RISK_ARRAY_BENCHMARKS
                + MARGIN_BENCHMARKS
                + BATCH_BENCHMARKS
                + CODEC_BENCHMARKS);
    assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    List<MemoryFootprint> memory = SuiteReport.memory();
    assertThat(memory)
        .allSatisfy(
            m ->
                assertThat(m.setBytes()).isGreaterThan((long) m.instruments() * m.scenarios() * 8));
    String report = SuiteReport.markdown(results, memory);
    assertThat(report)
        .contains(
            "ours ÷ Strata",
            "build ÷ floor",
            OptionUniverse.SYNTHETIC_2000,
            "per instrument (JOL)",
            "full ÷ cached",
            "hot path ÷ floor",
            "accounts per second",
            "decode item, ns",
            "losses as Number list (peer)");
  }
}
