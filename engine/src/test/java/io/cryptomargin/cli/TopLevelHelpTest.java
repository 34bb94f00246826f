package io.cryptomargin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopLevelHelpTest {
  /** The worked example of the help's footer, run from the engine module (where tests run). */
  private static final String EXAMPLE_BOOK = "../docs/examples/put-spread-book.json";

  private static final String EXAMPLE_MARKET =
      "src/main/resources/demo/deribit/btc_options_2020-05-14.csv";

  @Test
  void help_topLevel_listsEveryCommandOnOneLine() {
    CliRun r = CliRun.of("--help");
    Set<String> commands = CryptomarginCli.commandLine().getSubcommands().keySet();

    List<String> listed = commandListLines(r.out());
    assertThat(r.code()).isZero();
    assertThat(listed).hasSize(commands.size());
    for (String command : commands) {
      assertThat(listed)
          .as("the line of " + command)
          .anyMatch(line -> line.matches("  " + command + " +\\S.*"));
    }
  }

  @Test
  void help_topLevel_givesTheWorkedExampleWithTheShippedFiles() {
    CliRun r = CliRun.of("--help");

    assertThat(r.out())
        .contains(
            "Worked example", "docs/examples/put-spread-book.json", "engine/" + EXAMPLE_MARKET);
  }

  @Test
  void workedExample_marginAndCompare_runOnTheShippedFiles() {
    CliRun margin =
        CliRun.of(
            "margin",
            "--portfolio",
            EXAMPLE_BOOK,
            "--market",
            EXAMPLE_MARKET,
            "--model",
            "crypto-pm");
    CliRun compare = CliRun.of("compare", "--portfolio", EXAMPLE_BOOK, "--market", EXAMPLE_MARKET);

    assertThat(margin.code()).as(margin.err()).isZero();
    assertThat(margin.out()).contains("example-put-spread", "crypto-pm");
    assertThat(compare.code()).as(compare.err()).isZero();
    assertThat(compare.out()).contains("example-put-spread");
  }

  /** The lines between "Commands:" and the next blank line. */
  private static List<String> commandListLines(String help) {
    List<String> lines = help.lines().toList();
    int start = lines.indexOf("Commands:") + 1;
    int end = start;
    while (end < lines.size() && !lines.get(end).isBlank()) {
      end++;
    }
    return lines.subList(start, end);
  }
}
