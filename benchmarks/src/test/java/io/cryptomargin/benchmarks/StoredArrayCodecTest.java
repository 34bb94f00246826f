package io.cryptomargin.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptomargin.riskarray.RiskArray;
import io.cryptomargin.riskarray.RiskArraySet;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The codec the cache benchmark times round-trips every array exactly and packs 8 bytes per loss. */
class StoredArrayCodecTest {
  @Test
  void everyArrayRoundTripsExactly() {
    MarginUniverse universe = MarginUniverse.deribitBtcAndSyntheticEth();
    for (String id : new String[] {Models.SPAN_16, Models.CRYPTO_PM}) {
      RiskArraySet set = universe.arrays(Models.margin(id));
      for (RiskArray array : set.arrays().values()) {
        var item = StoredArrayCodec.toItem(CodecBenchmark.partitionKey(set, array), array, Instant.EPOCH);
        assertThat(StoredArrayCodec.fromItem(item)).isEqualTo(array);
        assertThat(item.get("losses").b()).hasSize(8 * set.scenarioCount());
        assertThat(StoredArrayCodec.itemSize(item)).isGreaterThan(8 * set.scenarioCount());
      }
    }
  }
}
