package io.cryptomargin.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptomargin.rules.FuturesRates;
import io.cryptomargin.rules.RulesParameters;
import io.cryptomargin.rules.StrategyKind;
import io.cryptomargin.validation.Problem;
import io.cryptomargin.validation.ValidationException;
import org.junit.jupiter.api.Test;

class RulesParametersJsonTest {

  @Test
  void builtIn_filesAreTheMethodologyDefaults() {
    assertThat(RulesParametersJson.load("deribit-sm")).isEqualTo(RulesParameters.deribitSm());
    assertThat(RulesParametersJson.load("strategy-based"))
        .isEqualTo(RulesParameters.strategyBased());
    assertThat(RulesParametersJson.builtIn()).isEqualTo(RulesParameters.strategyBased());
  }

  @Test
  void builtIn_deribitSmRecognizesNothingAndStrategyBasedEverything() {
    assertThat(RulesParametersJson.load("deribit-sm").recognizedStrategies()).isEmpty();
    assertThat(RulesParametersJson.load("strategy-based").recognizedStrategies())
        .containsExactlyInAnyOrder(StrategyKind.values());
  }

  @Test
  void load_theVersionOneName_isRefusedNamingTheV2Models() {
    assertThatThrownBy(() -> RulesParametersJson.load("rules-based"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("deribit-sm")
        .hasMessageContaining("strategy-based");
  }

  private static String entry(Object value) {
    return "{\"value\": "
        + value
        + ", \"tag\": \"P\", \"source\": \"test\", \"date\": \"2026-12-06\"}";
  }

  private static String file(String initialRate, String straddle, String extraSwitch) {
    return """
        {"id": "rules-custom", "version": "2.0.0", "asOf": "2026-12-06",
         "rules": {"options": {"initialRate": %s, "initialFloorRate": %s, "maintenanceRate": %s},
                   "futures": {"defaults": {"initialRate": %s, "maintenanceRate": %s, "sizeRatePerCoin": %s},
                               "underlyings": {"SOL": {"initialRate": %s, "sizeRatePerCoin": %s}}},
                   "spotHaircuts": {"default": %s, "BTC": %s},
                   "strategies": {"verticalSpread": %s, "ironCondor": %s, "calendar": %s, "covered": %s,
                                  "straddle": %s %s},
                   "search": {"nodeBudget": %s, "maxCandidates": %s, "timeBudgetMillis": %s}}}
        """
        .formatted(
            initialRate,
            entry(0.1),
            entry(0.075),
            entry(0.02),
            entry(0.01),
            entry(0.00005),
            entry(0.04),
            entry(0.000005),
            entry(0.3),
            entry(0.05),
            entry(true),
            entry(false),
            entry(true),
            entry(false),
            straddle,
            extraSwitch,
            entry(1000),
            entry(50),
            entry(100));
  }

  @Test
  void parse_describedEntries_areRead() {
    RulesParameters parameters =
        RulesParametersJson.parse(file(entry(0.15), entry(false), ""), "test");

    assertThat(parameters.ref().version()).isEqualTo("2.0.0");
    assertThat(parameters.asOf()).isEqualTo("2026-12-06");
    assertThat(parameters.futures("SOL")).isEqualTo(new FuturesRates(0.04, 0.01, 0.000005));
    assertThat(parameters.futures("BTC")).isEqualTo(new FuturesRates(0.02, 0.01, 0.00005));
    assertThat(parameters.spotHaircut("BTC")).isEqualTo(0.05);
    assertThat(parameters.spotHaircut("ETH")).isEqualTo(0.3);
    assertThat(parameters.spotHaircut("USDC")).isZero();
    assertThat(parameters.recognizedStrategies())
        .containsExactlyInAnyOrder(StrategyKind.VERTICAL_SPREAD, StrategyKind.CALENDAR);
    assertThat(parameters.search().maxCandidates()).isEqualTo(50);
  }

  @Test
  void parse_bareNumberBadTagBadSwitchAndUnknownStrategy_reportsEveryProblemWithItsPath() {
    String badTag = "{\"value\": false, \"tag\": \"guess\", \"source\": \"x\", \"date\": \"2026\"}";
    String text =
        file("-0.15", badTag.replace("false", "\"no\""), ", \"butterfly\": " + entry(true));

    assertThatThrownBy(() -> RulesParametersJson.parse(text, "test"))
        .isInstanceOf(ValidationException.class)
        .satisfies(
            e ->
                assertThat(((ValidationException) e).problems())
                    .extracting(Problem::field)
                    .contains(
                        "rules.options.initialRate",
                        "rules.strategies.straddle.tag",
                        "rules.strategies.straddle.value",
                        "rules.strategies.butterfly"));
  }
}
