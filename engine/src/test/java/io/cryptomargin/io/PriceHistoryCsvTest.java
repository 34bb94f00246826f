package io.cryptomargin.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cryptomargin.historical.HistoricalVarModel;
import io.cryptomargin.historical.PriceHistory;
import io.cryptomargin.historical.ReturnWeighting;
import io.cryptomargin.validation.ValidationException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PriceHistoryCsvTest {
  private static final double EXACT = 1e-12;

  @Test
  void parse_candleFile_readsDateAndCloseForTheNamedCoin() {
    String text =
        "timestamp,open,close,volume\n2020-03-11 00:00:00,7894.68,7938.05,1\n"
            + "2020-03-12 00:00:00,7938.05,4857.1,2\n";

    PriceHistory history = PriceHistoryCsv.parse(text, "t.csv", "BTC");

    assertThat(history.coins()).containsExactly("BTC");
    assertThat(history.dates())
        .containsExactly(LocalDate.of(2020, 3, 11), LocalDate.of(2020, 3, 12));
    assertThat(history.close("BTC", 1)).isCloseTo(4857.1, within(EXACT));
  }

  @Test
  void parse_wideFile_keepsOnlyDaysEveryCoinHas() {
    String text = "date,BTC,ETH\n2024-01-03,43000,2200\n2024-01-01,42000,\n2024-01-02,42500,2300\n";

    PriceHistory history = PriceHistoryCsv.parse(text, "w.csv", null);

    assertThat(history.coins()).containsExactly("BTC", "ETH");
    assertThat(history.dates()).containsExactly(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 3));
    assertThat(history.close("ETH", 0)).isCloseTo(2300, within(EXACT));
  }

  @Test
  void parse_badRows_everyProblemReportedAtOnce() {
    String text =
        "date,BTC\n2024-01-01,42000\n2024-13-01,1\n2024-01-01,5\n2024-01-03,-4\n2024-01-04,abc\n";

    assertThatThrownBy(() -> PriceHistoryCsv.parse(text, "bad.csv", null))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).hasSize(5))
        .hasMessageContaining("bad.csv line 3")
        .hasMessageContaining("already on line 2")
        .hasMessageContaining(
            "line 5 BTC: must be a finite number > 0 (from 1e-8 to 1e9 USD per coin)")
        .hasMessageContaining("not a number");
  }

  @Test
  void read_builtInBtc_hasTheDocumentedRange() {
    PriceHistory history = PriceHistoryCsv.read(PriceHistoryCsv.BUILT_IN_BTC, "BTC");

    assertThat(history.size()).isEqualTo(5152);
    assertThat(history.dates().get(0)).isEqualTo(LocalDate.of(2011, 8, 18));
    assertThat(history.dates().get(history.size() - 1)).isEqualTo(LocalDate.of(2025, 9, 24));
  }

  @Test
  void load_builtInModel_readsParametersAndHistory() {
    HistoricalVarModel model = HistoricalVarModelFiles.load("historical-var", null);

    assertThat(model.version()).isEqualTo("1.0.0");
    assertThat(model.parameters().confidence()).isEqualTo(0.99);
    assertThat(model.parameters().lookbackDays()).isEqualTo(1000);
    assertThat(model.parameters().weighting()).isEqualTo(ReturnWeighting.FILTERED);
    assertThat(model.parameters().stressPeriods()).hasSize(1);
    assertThat(model.marginParameters().initialToMaintenance()).isEqualTo(1.1);
    assertThat(model.history().coins()).containsExactly("BTC");
  }

  @Test
  void parse_badModelFile_listsEveryProblem() {
    String text =
        "{\"id\":\"historical-var\",\"version\":\"x\",\"historical\":{\"confidence\":1.5,"
            + "\"horizonScaling\":\"cubic\",\"stressPeriods\":[{\"from\":\"2020-03-16\",\"to\":\"2020-03-09\"}]},"
            + "\"margin\":{}}";

    assertThatThrownBy(() -> HistoricalVarModelFiles.parse(text, "m.json", null, null))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("horizonScaling")
        .hasMessageContaining("before from")
        .hasMessageContaining("history")
        .hasMessageContaining("margin");
  }
}
