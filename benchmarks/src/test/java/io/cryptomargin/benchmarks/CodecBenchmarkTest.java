package io.cryptomargin.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptomargin.function.store.RiskArrayCodec;
import io.cryptomargin.riskarray.RiskArray;
import io.cryptomargin.riskarray.RiskArraySet;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The items the cache benchmark times hold every array of its universe exactly, 8 bytes per loss. */
class CodecBenchmarkTest {
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
      }
    }
  }
}
