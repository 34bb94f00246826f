package io.cryptomargin.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs the suite and writes the results as the Markdown tables of {@code benchmarks/README.md}:
 * absolute scores, the ratio against the peer measured in the same run, the machine and the JMH
 * settings, then the memory footprint. Takes JMH's own command-line options (e.g. {@code -f 1 -wi 3
 * -i 5}); with no benchmark pattern it runs every benchmark of this package.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.cryptomargin.benchmarks.SuiteReport
 * -f 1 -wi 3 -i 5 [-rf json -rff results.json]}. The tables go to standard output after JMH's log
 * and to the file named by {@code -Dcryptomargin.report} (default {@code benchmark-results.md}).
 */
public final class SuiteReport {
  private static final String PACKAGE = SuiteReport.class.getPackageName();

  /** Book sizes of item 3, legs. */
  private static final List<String> LEGS = List.of("10", "100", "1000", "10000");

  /** Item 3's target: a 1,000-leg book margined in at most this many microseconds. */
  static final double HOT_PATH_TARGET_MICROS = 25;

  /** Item 3b's target: full revaluation at least this many times slower at 1,000 legs. */
  static final double FULL_REVALUATION_TARGET_RATIO = 300;

  private SuiteReport() {}

  /**
   * "met, 3.1× faster" when {@code margin} (measured ÷ target, or target ÷ measured: above 1 is
   * good) is at least 1, else "missed, 1.4× slower".
   */
  static String status(double margin, String better, String worse) {
    return margin >= 1
        ? String.format(Locale.ROOT, "**met**, %.1f× %s", margin, better)
        : String.format(Locale.ROOT, "**missed**, %.1f× %s", 1 / margin, worse);
  }

  public static void main(String[] args)
      throws RunnerException, CommandLineOptionException, IOException {
    CommandLineOptions options = new CommandLineOptions(withDefaultPattern(args));
    Collection<RunResult> results = new Runner(options).run();
    String report = markdown(results, memory());
    Path out = Path.of(System.getProperty("cryptomargin.report", "benchmark-results.md"));
    Files.writeString(out, report, StandardCharsets.UTF_8);
    System.out.println();
    System.out.println(report);
    System.out.println("(written to " + out.toAbsolutePath() + ")");
  }

  private static String[] withDefaultPattern(String[] args) {
    boolean hasPattern =
        Stream.of(args).anyMatch(a -> !a.startsWith("-") && a.contains("."))
            && !Stream.of(args).allMatch(a -> a.startsWith("-") || a.matches("[0-9.]+[a-z]*"));
    if (hasPattern) {
      return args;
    }
    List<String> withPattern = new ArrayList<>(List.of(args));
    withPattern.add(PACKAGE.replace(".", "\\.") + "\\..*");
    return withPattern.toArray(String[]::new);
  }

  /**
   * The memory footprints the report lists: the 2,000-option snapshot under both sets, and the real
   * chain.
   */
  public static List<MemoryFootprint> memory() {
    OptionUniverse synthetic = OptionUniverse.named(OptionUniverse.SYNTHETIC_2000);
    OptionUniverse chain = OptionUniverse.named(OptionUniverse.DERIBIT_CHAIN);
    return List.of(
        MemoryFootprint.measure(synthetic, Models.scenarioSet(Models.SPAN_16)),
        MemoryFootprint.measure(synthetic, Models.scenarioSet(Models.CRYPTO_PM)),
        MemoryFootprint.measure(chain, Models.scenarioSet(Models.CRYPTO_PM)));
  }

  /** The report's Markdown for a run's results and memory measures. */
  public static String markdown(Collection<RunResult> results, List<MemoryFootprint> memory) {
    StringBuilder md = new StringBuilder();
    md.append("### Machine and settings\n\n").append(machine(results)).append('\n');
    md.append("### 1. Black-76, nanoseconds per option (1,024 fixed inputs, rate 0)\n\n");
    md.append(
        "| what | cryptomargin | Strata 2.12.48 | finmath-lib 6.0.19 | ours ÷ Strata | ours ÷ finmath |\n");
    md.append("|---|---:|---:|---:|---:|---:|\n");
    for (String kind : List.of("price", "greeks")) {
      Optional<Result<?>> ours = score(results, "PricingBenchmark." + kind + "Cryptomargin");
      Optional<Result<?>> strata = score(results, "PricingBenchmark." + kind + "Strata");
      Optional<Result<?>> finmath = score(results, "PricingBenchmark." + kind + "Finmath");
      if (ours.isEmpty()) {
        continue;
      }
      md.append("| ")
          .append(kind.equals("price") ? "price" : "price + delta, gamma, vega, theta")
          .append(" | ")
          .append(withError(ours))
          .append(" | ")
          .append(withError(strata))
          .append(" | ")
          .append(withError(finmath))
          .append(" | ")
          .append(ratio(ours, strata))
          .append(" | ")
          .append(ratio(ours, finmath))
          .append(" |\n");
    }
    md.append("\nRatio below 1: the engine is faster than the peer.\n\n");
    md.append("### 2. Risk-array build vs the floor of bare Black-76 evaluations\n\n");
    md.append(
        "| universe | scenario set | options × scenarios | build, ms | build, ms, best iteration"
            + " | build, ns per option-scenario | floor, ns per option-scenario | build ÷ floor |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (String universe : List.of(OptionUniverse.DERIBIT_CHAIN, OptionUniverse.SYNTHETIC_2000)) {
      int options = OptionUniverse.named(universe).size();
      for (String set : List.of(Models.SPAN_16, Models.CRYPTO_PM)) {
        int scenarios = Models.scenarioSet(set).scenarioCount();
        Optional<Result<?>> build = score(results, "RiskArrayBenchmark.build", universe, set);
        Optional<Result<?>> floor = score(results, "RiskArrayBenchmark.blackFloor", universe, set);
        if (build.isEmpty()) {
          continue;
        }
        double cells = (double) options * scenarios;
        md.append("| ")
            .append(universe)
            .append(" | ")
            .append(set)
            .append(" | ")
            .append(String.format(Locale.ROOT, "%,d × %d", options, scenarios))
            .append(" | ")
            .append(fmt(micros(build.get()) / 1000.0))
            .append(" | ")
            .append(fmt(micros(build.get(), build.get().getStatistics().getMin()) / 1000.0))
            .append(" | ")
            .append(fmt(micros(build.get()) * 1000.0 / cells))
            .append(" | ")
            .append(floor.map(f -> fmt(micros(f) * 1000.0 / cells)).orElse("–"))
            .append(" | ")
            .append(ratio(build, floor))
            .append(" |\n");
      }
    }
    md.append(
        "\nBest iteration: the fastest measurement iteration, the figure least disturbed by other load on"
            + " a shared machine; the other columns are means.\n");
    md.append(marginTables(results));
    md.append("\n### 6. Memory of cached risk arrays\n\n");
    md.append(
        "| universe | scenario set | arrays | one array alone (JOL) | whole set (JOL) | per instrument (JOL)"
            + " | losses alone (the limit) | per instrument ÷ limit | whole set (MemoryMXBean) |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (MemoryFootprint m : memory) {
      long limit = 8L * m.scenarios();
      md.append("| ")
          .append(m.universe())
          .append(" | ")
          .append(m.scenarioSet())
          .append(" | ")
          .append(String.format(Locale.ROOT, "%,d", m.instruments()))
          .append(" | ")
          .append(bytes(m.oneArrayBytes()))
          .append(" | ")
          .append(bytes(m.setBytes()))
          .append(" | ")
          .append(bytes(Math.round(m.bytesPerInstrument())))
          .append(" | ")
          .append(bytes(limit))
          .append(" | ")
          .append(String.format(Locale.ROOT, "%.2f", m.bytesPerInstrument() / limit))
          .append(" | ")
          .append(bytes(m.heapBytesPerSet()))
          .append(" |\n");
    }
    md.append(
        "\nThe limit: the losses alone as raw doubles, 8 bytes per scenario, with no name, expiry or object"
            + " header.\n");
    return md.toString();
  }

  /**
   * Items 3, 4 and 5: margin from cached arrays vs full revaluation, the batch, the cache codec.
   */
  static String marginTables(Collection<RunResult> results) {
    StringBuilder md = new StringBuilder();
    md.append(
        "\n### 3. Portfolio margin of one book from cached arrays, every model, microseconds\n\n");
    md.append(
        "| model | legs | resolved book (hot path) | best iteration | ns per leg | resolve + margin"
            + " | floor | hot path ÷ floor | target ≤ "
            + fmt(HOT_PATH_TARGET_MICROS)
            + " µs at 1,000 legs |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (String model : List.of(Models.SPAN_16, Models.CRYPTO_PM, Models.TIMS)) {
      for (String legs : LEGS) {
        Optional<Result<?>> hot =
            find(results, "PortfolioMarginBenchmark.resolvedBook", "model", model, "legs", legs);
        if (hot.isEmpty()) {
          continue;
        }
        Optional<Result<?>> oneShot =
            find(results, "PortfolioMarginBenchmark.oneShot", "model", model, "legs", legs);
        Optional<Result<?>> floor =
            find(results, "PortfolioMarginBenchmark.floor", "model", model, "legs", legs);
        md.append("| ")
            .append(model)
            .append(" | ")
            .append(String.format(Locale.ROOT, "%,d", Integer.parseInt(legs)))
            .append(" | ")
            .append(withError(hot))
            .append(" | ")
            .append(fmt(best(hot.get())))
            .append(" | ")
            .append(fmt(micros(hot.get()) * 1000.0 / Integer.parseInt(legs)))
            .append(" | ")
            .append(withError(oneShot))
            .append(" | ")
            .append(withError(floor))
            .append(" | ")
            .append(ratio(hot, floor))
            .append(" | ")
            .append(
                legs.equals("1000")
                    ? status(HOT_PATH_TARGET_MICROS / micros(hot.get()), "faster", "slower")
                    : "")
            .append(" |\n");
      }
    }
    md.append(
        "\nResolved book: the book resolved once (rows of the arrays' contiguous matrix), then margined;"
            + " resolve + margin: both in one call, as the CLI and the function do; floor: a bare loop"
            + " summing quantity × losses over the same contiguous losses, then the worst scenario.\n");
    md.append("\n### 3b. span-16: cached arrays vs full revaluation, microseconds (same run)\n\n");
    md.append(
        "| legs | cached arrays (resolved book) | cached, best | full revaluation | full, best"
            + " | full ÷ cached | full ÷ cached, best | target ≥ "
            + fmt(FULL_REVALUATION_TARGET_RATIO)
            + "× at 1,000 legs |\n");
    md.append("|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (String legs : LEGS) {
      Optional<Result<?>> cached =
          find(results, "FullRevaluationBenchmark.cachedArrays", "legs", legs);
      Optional<Result<?>> full =
          find(results, "FullRevaluationBenchmark.fullRevaluation", "legs", legs);
      if (cached.isEmpty() || full.isEmpty()) {
        continue;
      }
      double ratio = micros(full.get()) / micros(cached.get());
      md.append("| ")
          .append(String.format(Locale.ROOT, "%,d", Integer.parseInt(legs)))
          .append(" | ")
          .append(withError(cached))
          .append(" | ")
          .append(fmt(best(cached.get())))
          .append(" | ")
          .append(withError(full))
          .append(" | ")
          .append(fmt(best(full.get())))
          .append(" | ")
          .append(ratio(full, cached))
          .append(" | ")
          .append(String.format(Locale.ROOT, "%.1f", best(full.get()) / best(cached.get())))
          .append(" | ")
          .append(
              legs.equals("1000")
                  ? status(ratio / FULL_REVALUATION_TARGET_RATIO, "above", "below")
                  : "")
          .append(" |\n");
    }
    md.append(
        "\n### 4. Batch: every account re-margined from cached arrays after a market move\n\n");
    md.append(
        "| model | accounts × legs | threads | batch, ms | batch, ms, best iteration | accounts per second"
            + " | accounts per second, best | speed-up over 1 thread (means) | speed-up, best |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    results.stream()
        .filter(
            r -> r.getParams().getBenchmark().endsWith("BatchMarginBenchmark.marginAllAccounts"))
        .sorted(
            Comparator.comparing((RunResult r) -> r.getParams().getParam("model"))
                .thenComparing(r -> Integer.parseInt(r.getParams().getParam("accounts")))
                .thenComparing(r -> Integer.parseInt(r.getParams().getParam("threads"))))
        .forEach(
            r -> {
              String model = r.getParams().getParam("model");
              String accounts = r.getParams().getParam("accounts");
              Result<?> batch = r.getPrimaryResult();
              Optional<Result<?>> single =
                  find(
                      results,
                      "BatchMarginBenchmark.marginAllAccounts",
                      "model",
                      model,
                      "accounts",
                      accounts,
                      "threads",
                      "1");
              int n = Integer.parseInt(accounts);
              md.append("| ")
                  .append(model)
                  .append(" | ")
                  .append(String.format(Locale.ROOT, "%,d × %d", n, BatchMarginBenchmark.LEGS))
                  .append(" | ")
                  .append(r.getParams().getParam("threads"))
                  .append(" | ")
                  .append(withError(Optional.of(batch)))
                  .append(" | ")
                  .append(fmt(best(batch) / 1000.0))
                  .append(" | ")
                  .append(String.format(Locale.ROOT, "%,.0f", n / (micros(batch) / 1e6)))
                  .append(" | ")
                  .append(String.format(Locale.ROOT, "%,.0f", n / (best(batch) / 1e6)))
                  .append(" | ")
                  .append(
                      single
                          .map(
                              s ->
                                  String.format(
                                      Locale.ROOT, "%.2f", s.getScore() / batch.getScore()))
                          .orElse("–"))
                  .append(" | ")
                  .append(
                      single
                          .map(s -> String.format(Locale.ROOT, "%.2f", best(s) / best(batch)))
                          .orElse("–"))
                  .append(" |\n");
            });
    md.append(
        "\n### 5. Cache encoding: a risk array as its DynamoDB item (the function's `RiskArrayCodec`, SDK"
            + " `AttributeValue`s), against losses stored as a DynamoDB List of Numbers\n\n");
    md.append(
        "| model | scenarios | losses packed, billed | losses as Number list (peer), billed | packed ÷ peer, bytes"
            + " | whole item, billed | encode item, ns | decode item, ns | encode losses, ns | peer, ns | ÷ peer"
            + " | decode losses, ns | peer, ns | ÷ peer |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (String model : List.of(Models.SPAN_16, Models.CRYPTO_PM)) {
      Optional<Result<?>> encode = find(results, "CodecBenchmark.encodeItem", "model", model);
      if (encode.isEmpty()) {
        continue;
      }
      int scenarios = Models.scenarioSet(model).scenarioCount();
      double[] lossBytes = CodecBenchmark.meanLossesBytes(model);
      Optional<Result<?>> encodeLosses =
          find(results, "CodecBenchmark.encodeLosses", "model", model);
      Optional<Result<?>> encodeList =
          find(results, "CodecBenchmark.encodeLossesAsNumberList", "model", model);
      Optional<Result<?>> decodeLosses =
          find(results, "CodecBenchmark.decodeLosses", "model", model);
      Optional<Result<?>> decodeList =
          find(results, "CodecBenchmark.decodeLossesFromNumberList", "model", model);
      md.append("| ")
          .append(model)
          .append(" | ")
          .append(scenarios)
          .append(" | ")
          .append(String.format(Locale.ROOT, "%.0f B", lossBytes[0]))
          .append(" | ")
          .append(String.format(Locale.ROOT, "%.0f B", lossBytes[1]))
          .append(" | ")
          .append(String.format(Locale.ROOT, "%.2f", lossBytes[0] / lossBytes[1]))
          .append(" | ")
          .append(
              String.format(
                  Locale.ROOT,
                  "%.0f B (mean of %,d arrays)",
                  CodecBenchmark.meanItemBytes(model),
                  CodecBenchmark.ARRAYS))
          .append(" | ")
          .append(withError(encode))
          .append(" | ")
          .append(withError(find(results, "CodecBenchmark.decodeItem", "model", model)))
          .append(" | ")
          .append(withError(encodeLosses))
          .append(" | ")
          .append(withError(encodeList))
          .append(" | ")
          .append(ratio(encodeLosses, encodeList))
          .append(" | ")
          .append(withError(decodeLosses))
          .append(" | ")
          .append(withError(decodeList))
          .append(" | ")
          .append(ratio(decodeLosses, decodeList))
          .append(" |\n");
    }
    md.append(
        "\nRatios below 1: the packed layout is smaller or faster than the List of Numbers.\n");
    return md.toString();
  }

  /** A result by benchmark suffix and parameter name/value pairs. */
  private static Optional<Result<?>> find(
      Collection<RunResult> results, String benchmarkSuffix, String... params) {
    return results.stream()
        .filter(r -> r.getParams().getBenchmark().endsWith(benchmarkSuffix))
        .filter(
            r -> {
              for (int i = 0; i < params.length; i += 2) {
                if (!params[i + 1].equals(r.getParams().getParam(params[i]))) {
                  return false;
                }
              }
              return true;
            })
        .<Result<?>>map(RunResult::getPrimaryResult)
        .findFirst();
  }

  /** The fastest measurement iteration, microseconds per operation. */
  private static double best(Result<?> result) {
    return micros(result, result.getStatistics().getMin());
  }

  private static String machine(Collection<RunResult> results) {
    Runtime runtime = Runtime.getRuntime();
    StringBuilder md = new StringBuilder();
    md.append("- CPU: ")
        .append(cpuModel())
        .append(", ")
        .append(runtime.availableProcessors())
        .append(" processors visible to the JVM\n");
    md.append("- OS: ")
        .append(System.getProperty("os.name"))
        .append(' ')
        .append(System.getProperty("os.version"))
        .append(' ')
        .append(System.getProperty("os.arch"))
        .append('\n');
    // The batch runs longer iterations on a larger heap; the other benchmarks share one set of
    // settings.
    results.stream()
        .filter(r -> !r.getParams().getBenchmark().contains("BatchMarginBenchmark"))
        .findFirst()
        .or(() -> results.stream().findFirst())
        .map(RunResult::getParams)
        .ifPresent(p -> md.append(settings(p)));
    results.stream()
        .filter(r -> r.getParams().getBenchmark().contains("BatchMarginBenchmark"))
        .findFirst()
        .map(RunResult::getParams)
        .ifPresent(
            p ->
                md.append("- batch (item 4) only: ")
                    .append(settings(p).replace("- JVM: ", "").replace("\n- ", "; ")));
    return md.toString();
  }

  private static String settings(BenchmarkParams p) {
    // Forks inherit the launcher's options; the report's own output path says nothing about the
    // JVM.
    List<String> jvmOptions =
        p.getJvmArgs().stream().filter(a -> !a.startsWith("-Dcryptomargin.report=")).toList();
    return "- JVM: "
        + p.getVmName()
        + " "
        + p.getVmVersion()
        + " (JDK "
        + p.getJdkVersion()
        + "), options "
        + (jvmOptions.isEmpty() ? "none" : String.join(" ", jvmOptions))
        + "\n"
        + "- JMH "
        + p.getJmhVersion()
        + ": forks "
        + p.getForks()
        + ", warmup "
        + p.getWarmup().getCount()
        + " × "
        + p.getWarmup().getTime()
        + ", measurement "
        + p.getMeasurement().getCount()
        + " × "
        + p.getMeasurement().getTime()
        + ", threads "
        + p.getThreads()
        + ", mode "
        + p.getMode().longLabel()
        + "; ± is JMH's 99.9% confidence half-width\n";
  }

  private static String cpuModel() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines
          .filter(l -> l.startsWith("model name"))
          .findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .orElse("unknown CPU");
    } catch (IOException | RuntimeException e) {
      return System.getProperty("os.arch") + " (no /proc/cpuinfo)";
    }
  }

  private static Optional<Result<?>> score(
      Collection<RunResult> results, String benchmarkSuffix, String... params) {
    return results.stream()
        .filter(r -> r.getParams().getBenchmark().endsWith(benchmarkSuffix))
        .filter(
            r ->
                params.length == 0
                    || (params[0].equals(r.getParams().getParam("universe"))
                        && params[1].equals(r.getParams().getParam("scenarioSet"))))
        .<Result<?>>map(RunResult::getPrimaryResult)
        .findFirst();
  }

  private static double micros(Result<?> result) {
    return micros(result, result.getScore());
  }

  /** A value in the result's unit, in microseconds per operation. */
  private static double micros(Result<?> result, double value) {
    return switch (result.getScoreUnit()) {
      case "us/op" -> value;
      case "ns/op" -> value / 1000.0;
      case "ms/op" -> value * 1000.0;
      default -> throw new IllegalStateException("unexpected unit " + result.getScoreUnit());
    };
  }

  private static String withError(Optional<Result<?>> result) {
    return result
        .map(
            r ->
                Double.isNaN(r.getScoreError())
                    ? fmt(r.getScore())
                    : fmt(r.getScore()) + " ± " + fmt(r.getScoreError()))
        .orElse("–");
  }

  private static String ratio(Optional<Result<?>> numerator, Optional<Result<?>> denominator) {
    if (numerator.isEmpty() || denominator.isEmpty()) {
      return "–";
    }
    double ratio = numerator.get().getScore() / denominator.get().getScore();
    // Two significant digits for small ratios, which "%.2f" would flatten to 0.00.
    return String.format(Locale.ROOT, ratio < 0.1 ? "%.2g" : "%.2f", ratio);
  }

  private static String fmt(double x) {
    return String.format(Locale.ROOT, x >= 100 ? "%,.0f" : x >= 10 ? "%.1f" : "%.2f", x);
  }

  private static String bytes(long bytes) {
    return bytes >= 10_000
        ? String.format(Locale.ROOT, "%,.0f KiB", bytes / 1024.0)
        : String.format(Locale.ROOT, "%,d B", bytes);
  }
}
