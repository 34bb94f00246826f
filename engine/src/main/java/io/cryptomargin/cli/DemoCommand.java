package io.cryptomargin.cli;

import io.cryptomargin.demo.DemoReport;
import io.cryptomargin.demo.DemoTables;
import io.cryptomargin.io.DemoData;
import io.cryptomargin.io.ReportJson;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code demo}: both margin models on built-in books and markets, no arguments needed. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Rules-based vs portfolio margin on built-in data: common option strategies, a mixed BTC/ETH "
        + "book, and a book on a real Deribit chain.")
final class DemoCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--model", defaultValue = "crypto-pm",
      description = "Portfolio margin model: crypto-pm or span-16 (default ${DEFAULT-VALUE}).")
  String model;

  @Mixin
  SharedOptions.TableOrJsonFormat format;

  @Override
  public Integer call() {
    DemoReport report = run(model);
    PrintWriter out = spec.commandLine().getOut();
    out.print(format.json() ? ReportJson.write(report) : DemoTables.text(report));
    out.flush();
    return 0;
  }

  /** The demo on the bundled data with a portfolio margin model. */
  static DemoReport run(String model) {
    return DemoData.run(model);
  }
}
