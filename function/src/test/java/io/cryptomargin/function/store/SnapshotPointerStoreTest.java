package io.cryptomargin.function.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptomargin.function.testing.DynamoDbLocalResource;
import io.cryptomargin.riskarray.RiskArrayStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class SnapshotPointerStoreTest {
  private static final Instant T0 = Instant.parse("2020-05-14T05:44:00Z");

  @Inject SnapshotPointerStore pointers;

  @Test
  void advance_noPointerYet_movesAndResolvesKeys() {
    String set = freshSet();

    assertThat(pointers.advance(pointer(set, "snap-a", T0))).isTrue();

    assertThat(pointers.current(set).snapshotId()).isEqualTo("snap-a");
    assertThat(pointers.currentKey(set, "ETH"))
        .isEqualTo(new RiskArrayStore.Key("ETH", "snap-a", set, "1.0.0"));
  }

  @Test
  void advance_olderSnapshotArrivesLate_pointerNeverMovesBack() {
    String set = freshSet();
    pointers.advance(pointer(set, "snap-new", T0.plusSeconds(60)));

    boolean moved = pointers.advance(pointer(set, "snap-old", T0));

    assertThat(moved).isFalse();
    assertThat(pointers.current(set).snapshotId()).isEqualTo("snap-new");
  }

  @Test
  void advance_laterSnapshot_moves() {
    String set = freshSet();
    pointers.advance(pointer(set, "snap-a", T0));

    assertThat(pointers.advance(pointer(set, "snap-b", T0.plusSeconds(1)))).isTrue();
    assertThat(pointers.current(set).snapshotId()).isEqualTo("snap-b");
  }

  @Test
  void advance_sameSnapshotDeliveredAgain_isIdempotent() {
    String set = freshSet();
    pointers.advance(pointer(set, "snap-a", T0));

    assertThat(pointers.advance(pointer(set, "snap-a", T0))).isTrue();
    assertThat(pointers.advance(pointer(set, "snap-other-same-time", T0))).isFalse();
    assertThat(pointers.current(set).snapshotId()).isEqualTo("snap-a");
  }

  @Test
  void current_noneEverPublished_failsNamingTheScenarioSet() {
    String set = freshSet();

    assertThatThrownBy(() -> pointers.current(set))
        .isInstanceOf(SnapshotNotCurrentException.class)
        .hasMessageContaining(set)
        .hasMessageContaining("none has been published");
  }

  @Test
  void current_pointerExpired_failsNamingSnapshotAndExpiry() {
    String set = freshSet();
    Instant past = Instant.now().minus(Duration.ofHours(1));
    pointers.advance(new SnapshotPointer(set, "snap-stale", "1.0.0", T0, List.of("BTC"), past));

    assertThatThrownBy(() -> pointers.currentKey(set, "BTC"))
        .isInstanceOf(SnapshotNotCurrentException.class)
        .hasMessageContaining("snap-stale")
        .hasMessageContaining("expired at " + past.truncatedTo(ChronoUnit.SECONDS));
  }

  @Test
  void keyFor_supersededSnapshot_failsNamingTheCurrentOne() {
    String set = freshSet();
    pointers.advance(pointer(set, "snap-a", T0));
    pointers.advance(pointer(set, "snap-b", T0.plusSeconds(60)));

    assertThatThrownBy(() -> pointers.keyFor(set, "snap-a", "BTC"))
        .isInstanceOf(SnapshotNotCurrentException.class)
        .hasMessageContaining("snap-a is not current")
        .hasMessageContaining("snap-b");
    assertThat(pointers.keyFor(set, "snap-b", "BTC").snapshotId()).isEqualTo("snap-b");
  }

  @Test
  void currentKey_underlyingWithoutMarket_failsListingTheKnownOnes() {
    String set = freshSet();
    pointers.advance(pointer(set, "snap-a", T0));

    assertThatThrownBy(() -> pointers.currentKey(set, "SOL"))
        .isInstanceOf(SnapshotNotCurrentException.class)
        .hasMessageContaining("no market for SOL")
        .hasMessageContaining("[BTC, ETH]");
  }

  private static SnapshotPointer pointer(String set, String snapshotId, Instant asOf) {
    return new SnapshotPointer(
        set,
        snapshotId,
        "1.0.0",
        asOf,
        List.of("BTC", "ETH"),
        Instant.now().plus(Duration.ofDays(2)));
  }

  private static String freshSet() {
    return "test-set-" + UUID.randomUUID();
  }
}
