package io.cryptomargin.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptomargin.validation.ValidationException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeribitNamesTest {
  @Test
  void parse_inverseOption_givesCoinSettledPut() {
    EuropeanOption o = (EuropeanOption) DeribitNames.parse("BTC-22MAY20-9250-P");
    assertThat(o.underlying()).isEqualTo("BTC");
    assertThat(o.expiryTime()).isEqualTo(Instant.parse("2020-05-22T08:00:00Z"));
    assertThat(o.strike()).isEqualTo(9250.0);
    assertThat(o.putCall()).isEqualTo(PutCall.PUT);
    assertThat(o.settlement()).isEqualTo(Settlement.INVERSE);
    assertThat(o.settlementCurrency()).isEqualTo("BTC");
  }

  @Test
  void parse_inverseFuture_givesDatedFuture() {
    Future f = (Future) DeribitNames.parse("BTC-26JUN20");
    assertThat(f.expiryTime()).isEqualTo(Instant.parse("2020-06-26T08:00:00Z"));
    assertThat(f.settlement()).isEqualTo(Settlement.INVERSE);
  }

  @Test
  void parse_perpetuals_giveInverseAndLinear() {
    assertThat(DeribitNames.parse("BTC-PERPETUAL"))
        .isEqualTo(new Perpetual("BTC-PERPETUAL", "BTC", Settlement.INVERSE, "BTC", 1));
    Instrument linear = DeribitNames.parse("BTC_USDC-PERPETUAL");
    assertThat(linear.kind()).isEqualTo(InstrumentKind.PERPETUAL);
    assertThat(linear.settlement()).isEqualTo(Settlement.LINEAR);
    assertThat(linear.settlementCurrency()).isEqualTo("USDC");
  }

  @Test
  void parse_spotPair_givesSpot() {
    assertThat(DeribitNames.parse("BTC_USDC")).isEqualTo(new Spot("BTC_USDC", "BTC", "USDC"));
  }

  @Test
  void parse_linearOption_givesUsdcCall() {
    EuropeanOption o = (EuropeanOption) DeribitNames.parse("BTC_USDC-27DEC24-100000-C");
    assertThat(o.settlement()).isEqualTo(Settlement.LINEAR);
    assertThat(o.settlementCurrency()).isEqualTo("USDC");
    assertThat(o.strike()).isEqualTo(100000.0);
    assertThat(o.putCall()).isEqualTo(PutCall.CALL);
    assertThat(o.expiryTime()).isEqualTo(Instant.parse("2024-12-27T08:00:00Z"));
  }

  @Test
  void parse_singleDigitDayAndDecimalStrike_parse() {
    EuropeanOption o = (EuropeanOption) DeribitNames.parse("XRP_USDC-5JUN20-0d625-C");
    assertThat(o.strike()).isEqualTo(0.625);
    assertThat(o.expiryTime()).isEqualTo(Instant.parse("2020-06-05T08:00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "BTC-22MAY20-9250-X",
        "BTC-32MAY20",
        "BTC-22XYZ20-9000-C",
        "BTC-22MAY20-abc-C",
        "BTC",
        "btc-PERPETUAL",
        "BTC-22MAY20-9000",
        "BTC-22MAY20-0-C"
      })
  void parse_malformedName_namesTheInstrument(String name) {
    assertThatThrownBy(() -> DeribitNames.parse(name))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("'" + name + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"BTC-31APR24-70000-C", "BTC-30FEB23", "BTC-29FEB23-1000-P", "BTC-0MAR24"})
  void parse_impossibleDate_isAnErrorNamingTheInstrument(String name) {
    assertThatThrownBy(() -> DeribitNames.parse(name))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("'" + name + "'")
        .hasMessageContaining("is not a date on the calendar");
  }

  @Test
  void parse_leapDay_isThe29th() {
    assertThat(DeribitNames.parse("BTC-29FEB24").expiry())
        .contains(Instant.parse("2024-02-29T08:00:00Z"));
  }

  @Test
  void optionName_roundTripsThroughParse() {
    Instant expiry = Instant.parse("2020-06-26T08:00:00Z");
    String name = DeribitNames.optionName("BTC", null, expiry, 9000, PutCall.CALL);
    assertThat(name).isEqualTo("BTC-26JUN20-9000-C");
    assertThat(DeribitNames.parse(name).name()).isEqualTo(name);
  }
}
