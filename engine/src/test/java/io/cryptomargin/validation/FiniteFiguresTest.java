package io.cryptomargin.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The last guard on a result: any figure that is not finite is refused with its path. */
class FiniteFiguresTest {
  record Line(String name, double amount, double value) {}

  record Result(
      double initialMargin,
      String status,
      List<Line> lines,
      Map<String, double[]> losses,
      OptionalDouble gain) {}

  private static Result result(double margin, double amount, double value, double loss) {
    return new Result(
        margin,
        "HEALTHY",
        List.of(new Line("a", 1, 2), new Line("b", amount, value)),
        Map.of("BTC", new double[] {1, loss}),
        OptionalDouble.of(0.1));
  }

  @Test
  void require_allFinite_returnsTheResult() {
    Result ok = result(1, 2, 3, 4);
    assertThat(FiniteFigures.require("result", ok)).isSameAs(ok);
  }

  @Test
  void require_nonFiniteFiguresAnywhere_refusedWithEveryPath() {
    assertThatThrownBy(
            () ->
                FiniteFigures.require(
                    "result",
                    result(Double.NaN, Double.POSITIVE_INFINITY, 3, Double.NEGATIVE_INFINITY)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("3 problems")
        .hasMessageContaining("result.initialMargin: is not a number (NaN)")
        .hasMessageContaining("result.lines[1].amount: is infinite")
        .hasMessageContaining("result.losses.BTC[1]: is infinite");
  }

  @Test
  void require_documentedUnknownIsNaN_acceptedButNeverInfinite() {
    assertThat(FiniteFigures.require("result", result(1, 2, Double.NaN, 4))).isNotNull();
    assertThatThrownBy(
            () -> FiniteFigures.require("result", result(1, 2, Double.POSITIVE_INFINITY, 4)))
        .hasMessageContaining("result.lines[1].value: is infinite");
  }

  @Test
  void require_bareNumber_checked() {
    assertThatThrownBy(() -> FiniteFigures.require("impliedVol", Double.NaN))
        .hasMessageContaining("impliedVol: is not a number (NaN)");
  }
}
