package io.cryptomargin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cryptomargin.comparison.ModelFigures;
import io.cryptomargin.comparison.Saving;
import io.cryptomargin.demo.DemoReport;
import io.cryptomargin.demo.DemoRow;
import io.cryptomargin.demo.DemoSection;
import io.cryptomargin.demo.RowRole;
import io.cryptomargin.io.DemoData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The demo's shape and its invariants: every row present and margined by every model, every figure
 * finite, the savings and gains arithmetic of METHODOLOGY 5, strategy-based never above deribit-sm,
 * increments that are the book less its coins, and a finding line wherever a portfolio model ties
 * up more than strategy-based.
 */
class DemoCommandTest {
  private static final double USD_EXACT = 1e-6;
  private static final List<String> MODELS =
      List.of("deribit-sm", "strategy-based", "crypto-pm", "span-16", "tims");

  private static DemoReport report;

  @BeforeAll
  static void runDemo() {
    report = DemoCommand.run(DemoData.PORTFOLIO_MODELS);
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
  void demo_noArguments_printsEverySectionRowAndModel() {
    String out = execute("demo");

    for (String row :
        List.of(
            "Short put spread",
            "Iron condor",
            "Long calendar",
            "Short straddle, delta-hedged",
            "Covered call",
            "Long 1 BTC spot",
            "Naked short 1 BTC 75k call (30 days)",
            "Long 1 ETH spot",
            "Long 2 ETH 3k puts (58 days)",
            "Short 1 ETH iron condor",
            "Book total",
            "Short put spread 9000/8500",
            "Iron condor 10500/11000 C, 8000/7500 P",
            "Short 9500 straddle, delta-hedged",
            "increment over")) {
      assertThat(out).contains(row);
    }
    assertThat(out)
        .contains(
            "1. Strategies",
            "2. Mixed BTC/ETH book",
            "3. Real market",
            "Legend:",
            "Capital consumed (USD)",
            "Saving USD (gain)",
            "crypto-pm vs deribit-sm",
            "span-16 vs strategy-based");
    MODELS.forEach(m -> assertThat(out).contains(m));
    // The legend states each model's IM and MM as METHODOLOGY 2b, 2a/3, 2c and 4 do, none of v1's
    // NOV term.
    String legend = out.substring(out.indexOf("Legend:"));
    assertThat(legend)
        .contains(
            "crypto-pm (2b",
            "MM = 0.8 x IM",
            "span-16 (2a, 3",
            "IM = 1.1 x MM",
            "tims (2c",
            "IM = MM.",
            "deribit-sm (METHODOLOGY 4)",
            "strategy-based (4)",
            "net option value is never " + "subtracted")
        .doesNotContain("max(0, risk", "- NOV", "1.3");
  }

  @Test
  void demo_jsonFormat_holdsTheSameSections() {
    String json = execute("demo", "--format", "json");

    assertThat(json)
        .contains("\"sections\"", "\"savings\"", "\"capitalConsumedUsd\"", "\"Book total\"");
  }

  @Test
  void demo_sections_haveTheRowsOfTheIssueAndAnIncrementWhereCoinsAreHeld() {
    assertThat(report.sections()).extracting(s -> s.rows().size()).containsExactly(6, 7, 4);
    assertThat(report.sections().get(0).rows().get(5).role()).isEqualTo(RowRole.INCREMENT);
    assertThat(report.sections().get(1).rows().get(5).role()).isEqualTo(RowRole.TOTAL);
    assertThat(report.sections().get(1).rows().get(6).role()).isEqualTo(RowRole.INCREMENT);
    assertThat(report.sections().get(2).rows().get(3).role()).isEqualTo(RowRole.TOTAL);
  }

  @Test
  void demo_everyRow_hasEveryModelFiniteAndTheSavingsArithmetic() {
    for (DemoSection section : report.sections()) {
      for (DemoRow row : section.rows()) {
        assertThat(row.models()).extracting(ModelFigures::model).containsExactlyElementsOf(MODELS);
        for (ModelFigures f : row.models()) {
          assertThat(f.capitalConsumedUsd()).as(row.name() + " " + f.model()).isFinite();
          assertThat(f.capitalConsumedUsd())
              .isCloseTo(f.requirementUsd() + f.haircutUsd(), within(USD_EXACT));
          if (row.role() != RowRole.INCREMENT) {
            assertThat(f.requirementUsd())
                .as(row.name() + " " + f.model())
                .isGreaterThanOrEqualTo(0);
            assertThat(f.maintenanceUsd())
                .as(row.name() + " " + f.model())
                .isLessThanOrEqualTo(f.requirementUsd() + USD_EXACT);
          }
        }
        assertThat(row.savings()).hasSize(6);
        for (Saving s : row.savings()) {
          double rules = row.model(s.rulesModel()).capitalConsumedUsd();
          assertThat(s.savingUsd())
              .isCloseTo(
                  rules - row.model(s.portfolioModel()).capitalConsumedUsd(), within(USD_EXACT));
          if (rules > 0) {
            assertThat(s.capitalEfficiencyGain()).isCloseTo(s.savingUsd() / rules, within(1e-12));
          } else {
            assertThat(s.capitalEfficiencyGain()).isNaN();
          }
        }
      }
    }
  }

  @Test
  void demo_strategyBased_neverAboveDeribitSm() {
    for (DemoSection section : report.sections()) {
      for (DemoRow row : section.rows()) {
        assertThat(row.model("strategy-based").capitalConsumedUsd())
            .as(row.name())
            .isLessThanOrEqualTo(row.model("deribit-sm").capitalConsumedUsd() + USD_EXACT);
      }
    }
  }

  @Test
  void demo_increment_isTheBookLessItsCoinsHeldAlone() {
    DemoRow covered = report.sections().get(0).rows().get(4);
    DemoRow increment = report.sections().get(0).rows().get(5);
    DemoRow btcAlone =
        report.sections().get(1).rows().get(0); // the same 1 BTC_USDC, in the same market

    for (String model : MODELS) {
      assertThat(increment.model(model).capitalConsumedUsd())
          .as(model)
          .isCloseTo(
              covered.model(model).capitalConsumedUsd()
                  - btcAlone.model(model).capitalConsumedUsd(),
              within(USD_EXACT));
    }
  }

  @Test
  void demo_strategyTable_recognizesEveryStructure() {
    List<DemoRow> strategies = report.sections().get(0).rows();

    assertThat(strategies.get(0).recognized())
        .singleElement()
        .asString()
        .startsWith("VERTICAL_SPREAD");
    assertThat(strategies.get(1).recognized()).singleElement().asString().startsWith("IRON_CONDOR");
    assertThat(strategies.get(2).recognized()).singleElement().asString().startsWith("CALENDAR");
    assertThat(strategies.get(3).recognized()).singleElement().asString().startsWith("STRADDLE");
    assertThat(strategies.get(4).recognized()).singleElement().asString().startsWith("COVERED");
  }

  @Test
  void demo_findings_nameEveryRowWhereAPortfolioModelTiesUpMoreThanStrategyBased() {
    for (DemoSection section : report.sections()) {
      for (DemoRow row : section.rows()) {
        if (row.role() == RowRole.TOTAL || row.role() == RowRole.INCREMENT) {
          continue;
        }
        for (Saving s : row.savings()) {
          if (s.rulesModel().equals("strategy-based") && s.savingUsd() < -0.5) {
            assertThat(section.findings())
                .as(row.name())
                .anySatisfy(f -> assertThat(f).startsWith(row.name() + ": " + s.portfolioModel()));
          }
        }
      }
    }
    // The naked short call is the case the methodology names.
    assertThat(report.sections().get(1).findings())
        .anySatisfy(
            f ->
                assertThat(f)
                    .startsWith("Naked short 1 BTC 75k call (30 days)")
                    .contains("15%-of-U"));
  }
}
