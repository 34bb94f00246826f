package io.cryptomargin.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptomargin.function.store.RiskArrayCodec;
import io.cryptomargin.riskarray.RiskArray;
import io.cryptomargin.riskarray.RiskArraySet;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items the cache benchmark times hold every array of its universe exactly, 8 bytes per loss.
 */
class CodecBenchmarkTest {
  @Test
  void numberListBytes_followsDynamoDbsListRule() {
    // 3 bytes for the list; per element 1 byte plus the Number: "1" is 2 bytes, "-123.5" 3 bytes
    // (AWS, "Item sizes and formats": about one byte per two significant digits, plus one).
    AttributeValue list =
        AttributeValue.fromL(
            java.util.List.of(AttributeValue.fromN("1"), AttributeValue.fromN("-123.5")));

    assertThat(CodecBenchmark.numberListBytes(list)).isEqualTo(3 + (1 + 2) + (1 + 3));
  }

  @Test
  void toItem_everyUniverseArray_roundTripsExactly() {
    MarginUniverse universe = MarginUniverse.deribitBtcAndSyntheticEth();
    for (String id : new String[] {Models.SPAN_16, Models.CRYPTO_PM}) {
      RiskArraySet set = universe.arrays(Models.margin(id));
      for (RiskArray array : set.arrays().values()) {
        var item = RiskArrayCodec.toItem(CodecBenchmark.key(set, array), array, Instant.EPOCH);
        assertThat(RiskArrayCodec.fromItem(item)).isEqualTo(array);
        assertThat(item.get("losses").b().asByteArray()).hasSize(8 * set.scenarioCount());
        assertThat(RiskArrayCodec.itemSize(item)).isGreaterThan(8 * set.scenarioCount());
        assertThat(CodecBenchmark.fromNumberList(CodecBenchmark.numberList(array.losses())))
            .containsExactly(array.losses());
      }
    }
  }
}
