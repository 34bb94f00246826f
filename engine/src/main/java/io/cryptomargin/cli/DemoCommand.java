package io.cryptomargin.cli;

import io.cryptomargin.demo.Demo;
import io.cryptomargin.demo.DemoReport;
import io.cryptomargin.demo.DemoTables;
import io.cryptomargin.io.DeribitChainCsv;
import io.cryptomargin.io.MarginModelFiles;
import io.cryptomargin.io.ReportJson;
import io.cryptomargin.io.RulesParametersJson;
import io.cryptomargin.io.SnapshotJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code demo}: both margin models on built-in books and markets, no arguments needed. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Rules-based vs portfolio margin on built-in data: common option strategies, a mixed BTC/ETH "
        + "book, and a book on a real Deribit chain.")
final class DemoCommand implements Callable<Integer> {
  static final String DEMO_MARKET = "/demo/demo-market.json";
  static final String DEMO_CHAIN = "/demo/deribit/btc_options_2020-05-14.csv";

  @Spec
  CommandSpec spec;

  @Option(names = "--model", defaultValue = "crypto-pm",
      description = "Portfolio margin model: crypto-pm or span-16 (default ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--format", defaultValue = "table", description = "table or json (default ${DEFAULT-VALUE}).")
  Formats.TableOrJson format;

  @Override
  public Integer call() {
    DemoReport report = run(model);
    PrintWriter out = spec.commandLine().getOut();
    out.print(format == Formats.TableOrJson.JSON ? ReportJson.write(report) : DemoTables.text(report));
    out.flush();
    return 0;
  }

  /** The demo on the bundled data with a portfolio margin model. */
  static DemoReport run(String model) {
    return Demo.run(SnapshotJson.parse(resource(DEMO_MARKET), "built-in:" + DEMO_MARKET),
        DeribitChainCsv.parse(resource(DEMO_CHAIN), "btc_options_2020-05-14", "built-in:" + DEMO_CHAIN),
        MarginModelFiles.load(model), RulesParametersJson.builtIn());
  }

  private static String resource(String path) {
    try (InputStream in = DemoCommand.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("the demo data " + path + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the demo data " + path, e);
    }
  }
}
