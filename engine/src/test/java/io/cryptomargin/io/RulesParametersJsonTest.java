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
  void builtIn_isTheMethodologyDefaults() {
    assertThat(RulesParametersJson.builtIn()).isEqualTo(RulesParameters.defaults());
  }

  @Test
  void builtIn_recognizesOnlyVerticalsAndCondors() {
    assertThat(RulesParametersJson.builtIn().recognizedStrategies())
        .containsExactlyInAnyOrder(StrategyKind.VERTICAL_SPREAD, StrategyKind.IRON_CONDOR);
  }

  @Test
  void parse_switchesAndPerUnderlyingFutures_areRead() {
    String text = """
        {"id": "rules-custom", "version": "2.0.0",
         "rules": {"options": {"initialRate": 0.15, "initialFloorRate": 0.1, "maintenanceRate": 0.075},
                   "futures": {"defaults": {"initialRate": 0.02, "maintenanceRate": 0.01, "sizeRatePerCoin": 0.00005},
                               "underlyings": {"SOL": {"initialRate": 0.04, "sizeRatePerCoin": 0.000005}}},
                   "spotHaircuts": {"default": 0.3, "BTC": 0.05},
                   "strategies": {"verticalSpread": true, "ironCondor": false, "coveredCall": true,
                                  "calendar": true, "straddle": false, "futuresHedge": false},
                   "searchNodeBudget": 1000}}
        """;

    RulesParameters parameters = RulesParametersJson.parse(text, "test");

    assertThat(parameters.ref().version()).isEqualTo("2.0.0");
    assertThat(parameters.futures("SOL")).isEqualTo(new FuturesRates(0.04, 0.01, 0.000005));
    assertThat(parameters.futures("BTC")).isEqualTo(new FuturesRates(0.02, 0.01, 0.00005));
    assertThat(parameters.spotHaircut("BTC")).isEqualTo(0.05);
    assertThat(parameters.spotHaircut("ETH")).isEqualTo(0.3);
    assertThat(parameters.spotHaircut("USDC")).isZero();
    assertThat(parameters.recognizedStrategies()).containsExactlyInAnyOrder(StrategyKind.VERTICAL_SPREAD,
        StrategyKind.COVERED_CALL, StrategyKind.CALENDAR);
  }

  @Test
  void parse_missingSwitchAndBadRate_reportsEveryProblemWithItsPath() {
    String text = """
        {"id": "r", "version": "1",
         "rules": {"options": {"initialRate": -0.15, "initialFloorRate": 0.1, "maintenanceRate": 0.075},
                   "futures": {"defaults": {"initialRate": 0.02, "maintenanceRate": 0.01, "sizeRatePerCoin": 0.00005}},
                   "spotHaircuts": {"default": 0.2},
                   "strategies": {"verticalSpread": true, "ironCondor": true, "coveredCall": false,
                                  "calendar": false, "straddle": "no", "butterfly": true},
                   "searchNodeBudget": 10}}
        """;

    assertThatThrownBy(() -> RulesParametersJson.parse(text, "test"))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(Problem::field)
            .contains("rules.options.initialRate", "rules.strategies.straddle", "rules.strategies.futuresHedge",
                "rules.strategies.butterfly"));
  }
}
