package io.cryptomargin.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The stated ranges: bounds included, everything beyond and every non-finite value refused. */
class InputRangeTest {
  @Test
  void contains_boundsIncludedAndBeyondRefused() {
    for (InputRange range : InputRange.values()) {
      assertThat(range.contains(range.low())).as(range.name()).isTrue();
      assertThat(range.contains(range.high())).as(range.name()).isTrue();
      assertThat(range.contains(Math.nextUp(range.high()))).as(range.name()).isFalse();
      assertThat(range.contains(Math.nextDown(range.low()))).as(range.name()).isFalse();
      assertThat(range.contains(Double.NaN)).as(range.name()).isFalse();
      assertThat(range.contains(Double.POSITIVE_INFINITY)).as(range.name()).isFalse();
      assertThat(range.contains(Double.NEGATIVE_INFINITY)).as(range.name()).isFalse();
    }
  }

  @Test
  void ranges_productsOfTheLargestFiguresStayFarFromOverflow() {
    // quantity × price × contract size, and collateral × index: the largest figures a book can
    // multiply.
    double position =
        InputRange.QUANTITY.high() * InputRange.PRICE_USD.high() * InputRange.CONTRACT_SIZE.high();
    double collateral = InputRange.COLLATERAL.high() * InputRange.PRICE_USD.high();
    assertThat(position).isLessThan(1e30);
    assertThat(collateral).isLessThan(1e30);
  }

  @Test
  void check_outOfRange_recordsTheFieldTheRangeAndTheValue() {
    Problems problems = new Problems();
    InputRange.QUANTITY.check("positions[1].quantity", Double.POSITIVE_INFINITY, problems);
    InputRange.PRICE_USD.check("underlyings.BTC.index", 1e308, problems);
    assertThatThrownBy(problems::throwIfAny)
        .hasMessageContaining(
            "positions[1].quantity: must be a finite number from -1e9 to 1e9 contracts, was beyond the range of a double")
        .hasMessageContaining(
            "underlyings.BTC.index: must be a finite number > 0 (from 1e-8 to 1e9 USD per coin), "
                + "was 1.0E308");
  }

  @Test
  void checkTime_beyond2200OrBefore1970_refused() {
    Problems problems = new Problems();
    assertThat(InputRange.checkTime("asOf", Instant.parse("2024-02-28T08:00:00Z"), problems))
        .isTrue();
    assertThat(InputRange.checkTime("asOf", Instant.parse("+99999-01-01T00:00:00Z"), problems))
        .isFalse();
    assertThat(InputRange.checkTime("asOf", Instant.parse("1969-12-31T23:59:59Z"), problems))
        .isFalse();
    assertThat(problems.count()).isEqualTo(2);
  }

  @Test
  void checkIdLength_longerThanTheLimit_refused() {
    Problems problems = new Problems();
    assertThat(InputRange.checkIdLength("account", "a".repeat(InputRange.MAX_ID_LENGTH), problems))
        .isTrue();
    assertThat(
            InputRange.checkIdLength("account", "a".repeat(InputRange.MAX_ID_LENGTH + 1), problems))
        .isFalse();
    assertThatThrownBy(problems::throwIfAny)
        .hasMessage("account: must be at most 256 characters, was 257");
  }
}
