package io.cryptomargin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded fuzz run of the command line on every build: {@value #INPUTS} inputs from a fixed seed
 * (raise with {@code -Dcryptomargin.fuzz.inputs=N}, change with {@code -Dcryptomargin.fuzz.seed=S},
 * as the longer run in {@code docs/fuzzing.md} does).
 */
class CliFuzzTest {
  private static final int INPUTS = 1000;

  @TempDir Path dir;

  @Test
  void cli_mutatedSampleInputs_noEscapedFailureNoBadInputAcceptedNoNonFiniteFigure() {
    int inputs = Integer.getInteger("cryptomargin.fuzz.inputs", INPUTS);
    long seed = Long.getLong("cryptomargin.fuzz.seed", 15L);

    long cpuBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    CliFuzz.Report report = new CliFuzz(seed, dir).run(inputs);
    double cpuSeconds =
        (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuBefore) / 1e9;

    System.out.printf(
        Locale.ROOT, "CLI fuzz, seed %d, %.1f s of CPU: %s%n", seed, cpuSeconds, report);
    assertThat(report.failureCount()).as(report.toString()).isZero();
    // The run must exercise both sides: refusals of invalid inputs and finite results of valid
    // ones.
    assertThat(report.counts().getOrDefault(CliFuzz.Outcome.REJECTED_INVALID, 0))
        .as(report.toString())
        .isGreaterThan(inputs / 3);
    assertThat(report.counts().getOrDefault(CliFuzz.Outcome.ACCEPTED_FINITE, 0))
        .as(report.toString())
        .isGreaterThan(inputs / 10);
  }
}
