package io.cryptomargin.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptomargin.instrument.EuropeanOption;
import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.pricing.InstrumentPricer;
import io.cryptomargin.pricing.PricingInputs;
import io.cryptomargin.riskarray.RiskArrayCalculator;
import io.cryptomargin.riskarray.RiskArraySet;
import org.junit.jupiter.api.Test;

/** The universes the risk-array benchmark builds are what they claim to be, and build. */
class OptionUniverseTest {
  /**
   * Median gap between the model price at Deribit's mark IV and Deribit's mark price, BTC. With
   * each row's own forward and read time the gap is about 4e-6 (validate-market on the chain); the
   * snapshot has one forward per expiry and one time for the chain, which leaves about 7e-5.
   */
  private static final double MEDIAN_MARK_GAP_BTC = 1e-4;

  @Test
  void deribitChainHasEveryOptionOfTheFileAndReproducesDeribitMarks() {
    OptionUniverse chain = OptionUniverse.named(OptionUniverse.DERIBIT_CHAIN);

    assertThat(chain.size()).isEqualTo(310);
    assertThat(chain.options().stream().map(EuropeanOption::expiryTime).distinct()).hasSize(7);
    double[] gaps =
        chain.options().stream()
            .mapToDouble(
                option -> {
                  PricingInputs in = InstrumentPricer.inputs(option, chain.snapshot());
                  double model =
                      InstrumentPricer.value(
                          option, in.forward(), in.years(), in.vol(), in.forward());
                  return Math.abs(model - InstrumentPricer.presentValue(option, chain.snapshot()));
                })
            .sorted()
            .toArray();
    assertThat(gaps[gaps.length / 2]).isLessThan(MEDIAN_MARK_GAP_BTC);
  }

  @Test
  void syntheticUniverseHas2000UniqueOptionsOver10Expiries() {
    OptionUniverse synthetic = OptionUniverse.named(OptionUniverse.SYNTHETIC_2000);

    assertThat(synthetic.size()).isEqualTo(2_000);
    assertThat(synthetic.options().stream().map(Instrument::name).distinct()).hasSize(2_000);
    assertThat(synthetic.options().stream().map(EuropeanOption::expiryTime).distinct()).hasSize(10);
  }

  @Test
  void bothUniversesBuildUnderBothScenarioSetsWithTheDocumentedScenarioCounts() {
    for (String universe :
        new String[] {OptionUniverse.DERIBIT_CHAIN, OptionUniverse.SYNTHETIC_2000}) {
      OptionUniverse options = OptionUniverse.named(universe);
      RiskArraySet span =
          RiskArrayCalculator.compute(
              options.snapshot(), options.options(), Models.scenarioSet(Models.SPAN_16));
      RiskArraySet pm =
          RiskArrayCalculator.compute(
              options.snapshot(), options.options(), Models.scenarioSet(Models.CRYPTO_PM));

      assertThat(span.scenarioCount()).isEqualTo(16);
      assertThat(pm.scenarioCount()).isEqualTo(35);
      assertThat(span.arrays()).hasSize(options.size());
      assertThat(pm.arrays()).hasSize(options.size());
      assertThat(ScenarioGrid.of(options, Models.scenarioSet(Models.CRYPTO_PM)).size())
          .isEqualTo(options.size() * 35);
    }
  }
}
