package io.cryptomargin.function.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptomargin.instrument.InstrumentKind;
import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.riskarray.RiskArray;
import io.cryptomargin.riskarray.RiskArrayStore;
import io.cryptomargin.validation.ValidationException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class RiskArrayCodecTest {
  private static final RiskArrayStore.Key KEY =
      new RiskArrayStore.Key("BTC", "snap-1", "span-16", "1.0.0");
  private static final Instant EXPIRES = Instant.parse("2020-05-16T05:44:00Z");

  @Test
  void encodeLosses_awkwardDoubles_decodeBitForBit() {
    double[] losses = {
      0.0, -0.0, 1.0 / 3, -1e-300, Double.MIN_VALUE, Double.MAX_VALUE, 1234.5678901234567, -42
    };

    double[] decoded = RiskArrayCodec.decodeLosses(RiskArrayCodec.encodeLosses(losses));

    assertThat(decoded).hasSize(losses.length);
    for (int i = 0; i < losses.length; i++) {
      assertThat(Double.doubleToRawLongBits(decoded[i]))
          .isEqualTo(Double.doubleToRawLongBits(losses[i]));
    }
  }

  @Test
  void encodeLosses_oneLoss_isEightLittleEndianBytes() {
    byte[] packed = RiskArrayCodec.encodeLosses(new double[] {1.0});

    // 1.0 is 0x3FF0000000000000: little-endian puts the 0x3F byte last.
    assertThat(packed).containsExactly(0, 0, 0, 0, 0, 0, (byte) 0xF0, 0x3F);
  }

  @Test
  void decodeLosses_lengthNotMultipleOfEight_failsNamingLength() {
    assertThatThrownBy(() -> RiskArrayCodec.decodeLosses(new byte[12]))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("12");
  }

  @Test
  void toItemFromItem_optionWithEveryField_roundTripsExactly() {
    RiskArray option =
        new RiskArray(
            "BTC-26JUN20-8000-C",
            "BTC",
            "BTC",
            Instant.parse("2020-06-26T08:00:00Z"),
            InstrumentKind.OPTION,
            PutCall.CALL,
            new double[] {0.0123456789012345, -0.1, 1e-9},
            0.7457812345678901,
            0.20112115,
            9350.67);

    Map<String, AttributeValue> item = RiskArrayCodec.toItem(KEY, option, EXPIRES);

    assertThat(RiskArrayCodec.fromItem(item)).isEqualTo(option);
    assertThat(item.get("pk").s()).isEqualTo("BTC#snap-1#span-16#1.0.0");
    assertThat(item.get("sk").s()).isEqualTo("BTC-26JUN20-8000-C");
    assertThat(item.get("losses").b().asByteArray()).hasSize(24);
    assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString(EXPIRES.getEpochSecond()));
  }

  @Test
  void toItemFromItem_unknownValueAndPrice_nanPreserved() {
    RiskArray supplied =
        new RiskArray(
            "BTC-PERPETUAL",
            "BTC",
            "BTC",
            null,
            null,
            null,
            new double[] {1, 2},
            0.5,
            Double.NaN,
            Double.NaN);

    Map<String, AttributeValue> item = RiskArrayCodec.toItem(KEY, supplied, EXPIRES);
    RiskArray decoded = RiskArrayCodec.fromItem(item);

    assertThat(item).doesNotContainKeys("value", "underlyingPrice", "expiry", "kind", "putCall");
    assertThat(decoded.value()).isNaN();
    assertThat(decoded.underlyingPrice()).isNaN();
    assertThat(decoded).isEqualTo(supplied);
  }

  @Test
  void fromItem_missingLosses_failsNamingTheItem() {
    Map<String, AttributeValue> item =
        new java.util.HashMap<>(
            RiskArrayCodec.toItem(
                KEY,
                new RiskArray(
                    "BTC-PERPETUAL",
                    "BTC",
                    "BTC",
                    null,
                    InstrumentKind.PERPETUAL,
                    null,
                    new double[] {1},
                    1,
                    0,
                    9350.67),
                EXPIRES));
    item.remove("losses");

    assertThatThrownBy(() -> RiskArrayCodec.fromItem(item))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("BTC#snap-1#span-16#1.0.0/BTC-PERPETUAL")
        .hasMessageContaining("losses");
  }

  @Test
  void encodedLossesSize_span16AndCryptoPm_eightBytesPerScenario() {
    assertThat(RiskArrayCodec.encodedLossesSize(16)).isEqualTo(128);
    assertThat(RiskArrayCodec.encodedLossesSize(35)).isEqualTo(280);
  }

  /**
   * Worked by hand from AWS's "DynamoDB item sizes and formats": a name's UTF-8 bytes plus its
   * value; a number 1 byte per 2 significant digits plus 1; a map or list 3 bytes plus 1 per
   * element plus the elements (a map's element counts its name); a boolean 1; a string set its
   * members.
   */
  @Test
  void itemSize_mapListBooleanAndSet_followsTheSizingRules() {
    Map<String, AttributeValue> item =
        Map.of(
            "collateral", // 10 + 3 + (1 + "BTC" 3 + 1.9: 2 digits = 2) = 19
            AttributeValue.fromM(Map.of("BTC", AttributeValue.fromN("1.9"))),
            "owners", // 6 + 3 + (1 + "ab" 2) = 12
            AttributeValue.fromL(java.util.List.of(AttributeValue.fromS("ab"))),
            "open", // 4 + 1 = 5
            AttributeValue.fromBool(true),
            "tags", // 4 + "x" 1 + "yz" 2 = 7
            AttributeValue.fromSs(java.util.List.of("x", "yz")));

    assertThat(RiskArrayCodec.itemSize(item)).isEqualTo(19 + 12 + 5 + 7);
  }
}
