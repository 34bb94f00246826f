package io.cryptomargin.cli;

import io.cryptomargin.io.MarketFiles;
import io.cryptomargin.io.ModelFiles;
import io.cryptomargin.io.OutputFiles;
import io.cryptomargin.io.RiskArrayCsv;
import io.cryptomargin.io.RiskArrayJson;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.riskarray.RiskArrayCalculator;
import io.cryptomargin.riskarray.RiskArraySet;
import io.cryptomargin.scenario.ScenarioSetDefinition;
import io.cryptomargin.validation.FiniteFigures;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code risk-arrays}: the risk array of every instrument of a market file. */
@Command(
    name = "risk-arrays",
    mixinStandardHelpOptions = true,
    description =
        "Risk arrays (loss of one long contract per scenario, settlement currency, weights applied) "
            + "of every instrument in a market file.",
    footer = {
      "",
      "Market files: Deribit chain CSV, Deribit get_book_summary_by_currency JSON, or snapshot JSON.",
      "Example: risk-arrays --market btc_options_2020-05-14.csv --scenarios crypto-pm --format csv"
    })
final class RiskArraysCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SharedOptions.MarketFile market;

  @Option(
      names = "--scenarios",
      defaultValue = "span-16",
      description =
          "Built-in model (span-16, crypto-pm, crypto-pm-2026-09, tims) or a model JSON file "
              + "(default ${DEFAULT-VALUE}).")
  String scenarios;

  @Option(
      names = "--format",
      defaultValue = "json",
      description = "json or csv (default ${DEFAULT-VALUE}).")
  Formats.JsonOrCsv format;

  @Option(names = "--output", description = "Write to this file instead of standard output.")
  Path output;

  @Override
  public Integer call() {
    ScenarioSetDefinition definition = ModelFiles.scenarioSet(scenarios);
    MarketSnapshot snapshot = MarketFiles.read(market.path);
    RiskArraySet arrays =
        FiniteFigures.require("riskArrays", RiskArrayCalculator.computeAll(snapshot, definition));
    if (arrays.arrays().isEmpty()) {
      // Not an error (an empty universe is valid), but an empty result with no word looks like a
      // bug.
      spec.commandLine()
          .getErr()
          .println(
              "warning: market "
                  + market.path
                  + " lists no instruments, so there are no "
                  + "risk arrays; name them in the snapshot's \"instruments\" list (e.g. \"instruments\": [\"BTC-PERPETUAL\", "
                  + "\"BTC-29MAR24-70000-C\"]) or give them \"marks\"");
      spec.commandLine().getErr().flush();
    }
    String text =
        format == Formats.JsonOrCsv.JSON
            ? RiskArrayJson.write(arrays, snapshot.asOf())
            : RiskArrayCsv.write(arrays);
    if (output == null) {
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
    } else {
      OutputFiles.write(output, text, "--output");
      spec.commandLine()
          .getErr()
          .println(
              Formats.fmt(
                  "wrote %d risk arrays (%s %s, %d scenarios) to %s",
                  arrays.arrays().size(),
                  arrays.scenarioSetId(),
                  arrays.parameterVersion(),
                  arrays.scenarioCount(),
                  output));
      spec.commandLine().getErr().flush();
    }
    return 0;
  }
}
