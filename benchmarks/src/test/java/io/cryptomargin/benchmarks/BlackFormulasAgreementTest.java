package io.cryptomargin.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.pricing.OptionGreeks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The peers compute the same numbers as the engine on the benchmark's inputs, so the pricing
 * benchmark compares like with like. Differences are measured in units that do not depend on the
 * forward's size (price, vega and theta per USD of forward, gamma times the forward).
 */
class BlackFormulasAgreementTest {
  /**
   * Largest accepted difference per unit of forward. All three libraries agree to about 1e-15
   * (double rounding in their normal distributions); 1e-12 leaves room for a different platform's
   * Math.exp and Math.log without hiding a wrong formula, which would differ by far more.
   */
  private static final double AGREEMENT_PER_UNIT_OF_FORWARD = 1e-12;

  private final BlackInputs inputs = BlackInputs.sample(BlackInputs.DEFAULT_SIZE);

  @ParameterizedTest
  @EnumSource(
      value = BlackFormulas.class,
      names = {"STRATA", "FINMATH"})
  void peerPricesAndGreeksEqualOursOnEveryBenchmarkInput(BlackFormulas peer) {
    for (int i = 0; i < inputs.size(); i++) {
      double forward = inputs.forwards()[i];
      double strike = inputs.strikes()[i];
      double years = inputs.years()[i];
      double vol = inputs.vols()[i];
      PutCall putCall = inputs.putCalls()[i];
      OptionGreeks ours = BlackFormulas.CRYPTOMARGIN.greeks(forward, strike, years, vol, putCall);
      OptionGreeks theirs = peer.greeks(forward, strike, years, vol, putCall);
      String input =
          peer + " at F=" + forward + " K=" + strike + " T=" + years + " vol=" + vol + " "
              + putCall;

      assertThat(peer.price(forward, strike, years, vol, putCall) / forward)
          .as("price " + input)
          .isCloseTo(
              BlackFormulas.CRYPTOMARGIN.price(forward, strike, years, vol, putCall) / forward,
              within(AGREEMENT_PER_UNIT_OF_FORWARD));
      assertThat(theirs.price() / forward)
          .as("price with greeks " + input)
          .isCloseTo(ours.price() / forward, within(AGREEMENT_PER_UNIT_OF_FORWARD));
      assertThat(theirs.delta())
          .as("delta " + input)
          .isCloseTo(ours.delta(), within(AGREEMENT_PER_UNIT_OF_FORWARD));
      assertThat(theirs.gamma() * forward)
          .as("gamma " + input)
          .isCloseTo(ours.gamma() * forward, within(AGREEMENT_PER_UNIT_OF_FORWARD));
      assertThat(theirs.vega() / forward)
          .as("vega " + input)
          .isCloseTo(ours.vega() / forward, within(AGREEMENT_PER_UNIT_OF_FORWARD));
      assertThat(theirs.theta() / forward)
          .as("theta " + input)
          .isCloseTo(ours.theta() / forward, within(AGREEMENT_PER_UNIT_OF_FORWARD));
    }
  }

  @ParameterizedTest
  @EnumSource(BlackFormulas.class)
  void inputsCoverCallsAndPutsInTheMoneyAndOut(BlackFormulas formula) {
    int inTheMoney = 0;
    for (int i = 0; i < inputs.size(); i++) {
      double intrinsic =
          Math.max(inputs.putCalls()[i].sign() * (inputs.forwards()[i] - inputs.strikes()[i]), 0);
      inTheMoney += intrinsic > 0 ? 1 : 0;
      assertThat(
              formula.price(
                  inputs.forwards()[i],
                  inputs.strikes()[i],
                  inputs.years()[i],
                  inputs.vols()[i],
                  inputs.putCalls()[i]))
          .isGreaterThanOrEqualTo(intrinsic - AGREEMENT_PER_UNIT_OF_FORWARD * inputs.forwards()[i]);
    }
    assertThat(inTheMoney).isBetween(inputs.size() / 4, 3 * inputs.size() / 4);
  }
}
