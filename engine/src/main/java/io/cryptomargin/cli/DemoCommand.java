package io.cryptomargin.cli;

import io.cryptomargin.demo.DemoReport;
import io.cryptomargin.demo.DemoTables;
import io.cryptomargin.io.DemoData;
import io.cryptomargin.io.ReportJson;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code demo}: both margin models on built-in books and markets, no arguments needed. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "deribit-sm and strategy-based vs the portfolio margin models on built-in data: common option "
            + "strategies, a mixed BTC/ETH book, and a book on a real Deribit chain.")
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--models",
      split = ",",
      description =
          "Portfolio margin models, comma-separated: built-in ids or "
              + "model files (default crypto-pm,span-16,tims).")
  List<String> models;

  @Mixin SharedOptions.TableOrJsonFormat format;

  @Override
  public Integer call() {
    DemoReport report = run(models == null ? DemoData.PORTFOLIO_MODELS : models);
    PrintWriter out = spec.commandLine().getOut();
    out.print(format.json() ? ReportJson.write(report) : DemoTables.text(report));
    out.flush();
    return 0;
  }

  /** The demo on the bundled data with portfolio margin models. */
  static DemoReport run(List<String> portfolioModels) {
    return DemoData.run(portfolioModels);
  }
}
