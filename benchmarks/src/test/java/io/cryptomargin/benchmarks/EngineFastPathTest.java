package io.cryptomargin.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptomargin.pricing.Black76;
import org.junit.jupiter.api.Test;

/**
 * The risk-array build's composite delta uses {@link Black76#delta}, added for speed: it must equal
 * the delta of {@link Black76#greeks} at rate 0 bit for bit, so arrays did not change.
 */
class EngineFastPathTest {
  @Test
  void uncheckedDeltaEqualsTheGreeksDeltaExactly() {
    BlackInputs in = BlackInputs.sample(BlackInputs.DEFAULT_SIZE);
    for (int i = 0; i < in.size(); i++) {
      double fast =
          Black76.delta(
              in.forwards()[i], in.strikes()[i], in.years()[i], in.vols()[i], in.putCalls()[i]);
      double full =
          Black76.greeks(
                  in.forwards()[i],
                  in.strikes()[i],
                  in.years()[i],
                  in.vols()[i],
                  in.putCalls()[i],
                  0.0)
              .delta();
      assertThat(Double.doubleToRawLongBits(fast))
          .as("input %d", i)
          .isEqualTo(Double.doubleToRawLongBits(full));
    }
  }
}
