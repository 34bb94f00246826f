package io.cryptomargin.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptomargin.market.Mark;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.market.UnderlyingMarket;
import io.cryptomargin.market.VolSurface;
import io.cryptomargin.validation.ValidationException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MarkRepricingTest {
  private static final Instant AS_OF = Instant.parse("2024-03-01T08:00:00Z");

  private static Mark mark(double price, double iv) {
    return new Mark(
        OptionalDouble.of(price), OptionalDouble.of(iv), OptionalDouble.empty(), Optional.empty());
  }

  @Test
  void compare_expiredOptions_isAnErrorNamingEachOne() {
    Map<String, Mark> marks = new LinkedHashMap<>();
    marks.put("BTC-29FEB24-60000-C", mark(0.1, 0.5));
    marks.put("BTC-29MAR24-60000-C", mark(0.15, 0.5));
    marks.put("BTC-1MAR24-70000-P", mark(0.01, 0.5));
    MarketSnapshot snapshot =
        new MarketSnapshot(
            "s",
            AS_OF,
            Map.of("BTC", new UnderlyingMarket(70000, new TreeMap<>(), VolSurface.flat(0.5))),
            marks);
    assertThatThrownBy(() -> MarkRepricing.compare(snapshot))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).hasSize(2))
        .hasMessageContaining("BTC-29FEB24-60000-C: expired")
        .hasMessageContaining("BTC-1MAR24-70000-P: expired")
        .hasMessageNotContaining("BTC-29MAR24-60000-C");
  }
}
