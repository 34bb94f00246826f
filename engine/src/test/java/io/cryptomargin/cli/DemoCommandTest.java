package io.cryptomargin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptomargin.demo.DemoReport;
import io.cryptomargin.demo.DemoRow;
import io.cryptomargin.demo.DemoSection;
import io.cryptomargin.demo.RowRole;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The demo's shape: every row present, every figure finite, and where portfolio margin is (and is not) lower. */
class DemoCommandTest {
  /**
   * Defined-risk and hedged structures where the shipped crypto-pm (1.0.0) charges more than the
   * rules-based model. Found, not tuned away (the issue forbids tuning toward a figure):
   * <ul>
   *   <li>linear spreads and condors at U = 70,000 (and the ETH condor): the rules charge is the
   *       maximum loss (strike width), while portfolio margin charges max(scan, short option
   *       minimum) plus the structure's value, times the 1.3 initial factor; the minimum (1% of U per
   *       short option, METHODOLOGY 3.5) alone is 700 USD against a 1,000 USD width;
   *   <li>covered call: portfolio margin takes the spot leg at its full ±16% price risk where the
   *       rules-based model only haircuts it 10%;
   *   <li>the Deribit (inverse, coin-settled) spread, condor and straddle: the binding scenario is
   *       crypto-pm's −66% extended move (weight 0.16 / 0.66), where a short put pays (K − S) / S
   *       coins: the 9000/8500 spread's loss is 500 / 3,178 = 0.157 BTC there, three times its width
   *       in coins at today's index, which is what the rules charge.
   * </ul>
   * Portfolio margin is lower for the long calendar and the hedged straddle at BTC 70,000.
   */
  // On the mark-to-market basis with Deribit's 2024 model whole, no defined-risk or hedged structure of the demo
  // needs more portfolio margin than rules-based margin.
  private static final Set<String> PM_ABOVE_RULES = Set.of();

  private static DemoReport report;

  @BeforeAll
  static void runDemo() {
    report = DemoCommand.run("crypto-pm");
  }

  private static String execute(String... args) {
    CommandLine cli = CryptomarginCli.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    assertThat(cli.execute(args)).isZero();
    return out.toString();
  }

  @Test
  void demo_noArguments_printsEverySectionAndRow() {
    String out = execute("demo");

    for (String row : List.of("Short put spread", "Iron condor", "Long calendar", "Short straddle, delta-hedged",
        "Covered call", "Long 1 BTC spot", "Short 1 BTC 75k call (30 days)", "Long 1 ETH spot",
        "Long 2 ETH 3k puts (58 days)", "Short 1 ETH iron condor", "Book total", "Short put spread 9000/8500",
        "Iron condor 10500/11000 C, 8000/7500 P", "Short 9500 straddle, delta-hedged")) {
      assertThat(out).contains(row);
    }
    assertThat(out).contains("1. Strategies", "2. Mixed BTC/ETH book", "3. Real market", "Legend:",
        "Rules IM (USD)", "PM IM (USD)", "Gain");
  }

  @Test
  void demo_jsonFormat_holdsTheSameSections() {
    String json = execute("demo", "--format", "json");

    assertThat(json).contains("\"sections\"", "\"capitalEfficiencyGain\"", "\"Book total\"");
  }

  @Test
  void demo_sections_haveTheRowsOfTheIssue() {
    assertThat(report.sections()).extracting(s -> s.rows().size()).containsExactly(5, 6, 4);
    assertThat(report.sections().get(1).rows().get(5).role()).isEqualTo(RowRole.TOTAL);
    assertThat(report.sections().get(2).rows().get(3).role()).isEqualTo(RowRole.TOTAL);
  }

  @Test
  void demo_everyFigure_isFiniteAndNotNegativeAndRulesConsumeCapital() {
    for (DemoSection section : report.sections()) {
      for (DemoRow row : section.rows()) {
        for (double figure : new double[] {row.rulesRequirementUsd(), row.rulesHaircutUsd(), row.rulesConsumedUsd(),
            row.portfolioRequirementUsd(), row.portfolioConsumedUsd()}) {
          assertThat(figure).as(row.name()).isFinite().isGreaterThanOrEqualTo(0);
        }
        assertThat(row.rulesConsumedUsd()).as(row.name()).isPositive();
        assertThat(row.capitalEfficiencyGain()).as(row.name()).isFinite();
      }
    }
  }

  @Test
  void demo_definedRiskAndHedgedStructures_pmBelowRulesExceptTheKnownCases() {
    for (DemoSection section : report.sections()) {
      for (DemoRow row : section.rows()) {
        if (row.role() != RowRole.DEFINED_RISK && row.role() != RowRole.HEDGED) {
          assertThat(PM_ABOVE_RULES).as("a known exception must be a structure").doesNotContain(row.name());
          continue;
        }
        if (PM_ABOVE_RULES.contains(row.name())) {
          assertThat(row.portfolioConsumedUsd()).as(row.name()).isGreaterThanOrEqualTo(row.rulesConsumedUsd());
        } else {
          assertThat(row.portfolioConsumedUsd()).as(row.name()).isLessThan(row.rulesConsumedUsd());
        }
      }
    }
  }

  @Test
  void demo_strategyTable_recognizesTheSpreadAndCondorOnly() {
    List<DemoRow> strategies = report.sections().get(0).rows();

    assertThat(strategies.get(0).recognized()).singleElement().asString().startsWith("VERTICAL_SPREAD");
    assertThat(strategies.get(1).recognized()).singleElement().asString().startsWith("IRON_CONDOR");
    assertThat(strategies.get(2).recognized()).isEmpty();
    assertThat(strategies.get(3).recognized()).isEmpty();
    assertThat(strategies.get(4).recognized()).isEmpty();
  }
}
