package io.cryptomargin.historical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cryptomargin.pricing.NormalDistribution;
import io.cryptomargin.validation.ValidationException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExpectedShortfallTest {
  private static final double EXACT = 1e-12;

  /**
   * A normal sample of 200,000 has 2,000 tail points at 99%: the ES's standard error is about 0.01.
   */
  private static final double SAMPLING_TOLERANCE = 0.04;

  private static double[] oneToHundredShuffled() {
    double[] losses = new double[100];
    for (int i = 0; i < 100; i++) {
      losses[i] = (i * 37) % 100 + 1; // 37 is coprime with 100: a permutation of 1..100
    }
    return losses;
  }

  @Test
  void of_lossesOneToHundredAt95_isMeanOf96To100() {
    TailRisk tail = ExpectedShortfall.of(oneToHundredShuffled(), 0.95);

    // k = ⌈0.05·100⌉ = 5 (not 6, though 0.05·100 is 5.000000000000004 in floating point).
    assertThat(tail.tailSize()).isEqualTo(5);
    assertThat(tail.expectedShortfall()).isCloseTo(98.0, within(EXACT));
    assertThat(tail.valueAtRisk()).isCloseTo(96.0, within(EXACT));
  }

  @Test
  void of_lossesOneToHundredAt975_roundsTheTailUpToThreeScenarios() {
    TailRisk tail = ExpectedShortfall.of(oneToHundredShuffled(), 0.975);

    // k = ⌈2.5⌉ = 3: mean of 98, 99, 100.
    assertThat(tail.tailSize()).isEqualTo(3);
    assertThat(tail.expectedShortfall()).isCloseTo(99.0, within(EXACT));
  }

  @Test
  void of_tailIndices_pointAtTheWorstScenarios() {
    double[] losses = {5, -3, 40, 12, 40, 7};

    TailRisk tail = ExpectedShortfall.of(losses, 0.5);

    // k = 3: 40, 40, 12 at indices 2, 4, 3.
    assertThat(tail.tailIndices()).containsExactlyInAnyOrder(2, 4, 3);
    assertThat(tail.expectedShortfall()).isCloseTo(92.0 / 3, within(EXACT));
    assertThat(tail.meanOver(new double[] {0, 0, 1, 2, 3, 0})).isCloseTo(2.0, within(EXACT));
  }

  @Test
  void of_standardNormalSample_matchesClosedForm() {
    Random random = new Random(20_240_301L);
    double[] losses = new double[200_000];
    for (int i = 0; i < losses.length; i++) {
      losses[i] = random.nextGaussian();
    }

    TailRisk tail = ExpectedShortfall.of(losses, 0.99);

    // ES_99% of N(0,1) = φ(z)/(1 − c) with z = 2.326348: 0.026652 / 0.01 = 2.6652.
    double z = 2.3263478740;
    assertThat(tail.expectedShortfall())
        .isCloseTo(NormalDistribution.pdf(z) / 0.01, within(SAMPLING_TOLERANCE));
    assertThat(tail.valueAtRisk()).isCloseTo(z, within(SAMPLING_TOLERANCE));
  }

  @Test
  void of_noScenarios_isRefused() {
    assertThatThrownBy(() -> ExpectedShortfall.of(new double[0], 0.99))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("at least one scenario");
    assertThatThrownBy(() -> ExpectedShortfall.of(new double[] {1}, 1.0))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("confidence");
  }
}
