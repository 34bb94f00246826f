package io.cryptomargin.function.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptomargin.function.testing.DynamoDbLocalResource;
import io.cryptomargin.instrument.InstrumentKind;
import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.riskarray.RiskArray;
import io.cryptomargin.riskarray.RiskArrayStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class DynamoDbRiskArrayStoreTest {
  private static final BatchRetryPolicy QUICK_RETRIES =
      new BatchRetryPolicy(4, Duration.ofMillis(1));

  @Inject DynamoDbClient dynamoDb;

  @Inject DynamoDbRiskArrayStore store;

  @Test
  void putAll_250Arrays_getAllReturnsEveryOneExactlyInRequestOrder() {
    RiskArrayStore.Key key = freshKey();
    List<RiskArray> arrays = options(250);

    store.putAll(key, arrays);
    List<String> names = new ArrayList<>(arrays.stream().map(RiskArray::instrument).toList());
    java.util.Collections.reverse(names);
    Map<String, RiskArray> found = store.getAll(key, names);

    assertThat(found.keySet()).containsExactlyElementsOf(names);
    assertThat(found.values()).containsExactlyInAnyOrderElementsOf(arrays);
  }

  @Test
  void getAll_someInstrumentsNotStored_returnsOnlyThePresentOnes() {
    RiskArrayStore.Key key = freshKey();
    List<RiskArray> arrays = options(3);
    store.putAll(key, arrays);

    Map<String, RiskArray> found =
        store.getAll(
            key,
            List.of(
                "BTC-26JUN20-99999-C",
                arrays.get(1).instrument(),
                arrays.get(1).instrument(),
                "ETH-PERPETUAL"));

    assertThat(found).containsOnlyKeys(arrays.get(1).instrument());
    assertThat(store.get(key, "ETH-PERPETUAL")).isEmpty();
  }

  @Test
  void getAll_itemsPastTheirExpiry_treatedAsAbsent() {
    RiskArrayStore.Key key = freshKey();
    Clock writtenThreeDaysAgo =
        Clock.fixed(Instant.now().minus(Duration.ofDays(3)), ZoneOffset.UTC);
    new DynamoDbRiskArrayStore(
            dynamoDb,
            DynamoDbLocalResource.RISK_ARRAYS,
            Duration.ofDays(2),
            QUICK_RETRIES,
            writtenThreeDaysAgo)
        .putAll(key, options(2));

    assertThat(store.getAll(key, options(2).stream().map(RiskArray::instrument).toList()))
        .isEmpty();
  }

  @Test
  void putAll_dynamoReturnsUnprocessedItems_retriesUntilAllWritten() {
    RiskArrayStore.Key key = freshKey();
    AtomicInteger calls = new AtomicInteger();
    DynamoDbRiskArrayStore throttled = storeOver(new HalfUnprocessedClient(dynamoDb, 2, calls));
    List<RiskArray> arrays = options(30);

    throttled.putAll(key, arrays);

    assertThat(calls.get()).isGreaterThan(2);
    assertThat(store.getAll(key, arrays.stream().map(RiskArray::instrument).toList())).hasSize(30);
  }

  @Test
  void putAll_unprocessedItemsPersist_failsAfterBoundedAttempts() {
    AtomicInteger calls = new AtomicInteger();
    DynamoDbRiskArrayStore alwaysThrottled =
        storeOver(new HalfUnprocessedClient(dynamoDb, Integer.MAX_VALUE, calls));

    assertThatThrownBy(() -> alwaysThrottled.putAll(freshKey(), options(10)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unprocessed after 4 attempts");
    assertThat(calls.get()).isEqualTo(4);
  }

  private DynamoDbRiskArrayStore storeOver(DynamoDbClient client) {
    return new DynamoDbRiskArrayStore(
        client,
        DynamoDbLocalResource.RISK_ARRAYS,
        Duration.ofDays(2),
        QUICK_RETRIES,
        Clock.systemUTC());
  }

  static RiskArrayStore.Key freshKey() {
    return new RiskArrayStore.Key("BTC", "test-" + UUID.randomUUID(), "span-16", "1.0.0");
  }

  /** Synthetic option arrays: distinct names and awkward doubles, 16 scenarios each. */
  static List<RiskArray> options(int count) {
    List<RiskArray> arrays = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double[] losses = new double[16];
      for (int s = 0; s < 16; s++) {
        losses[s] = Math.sin(i * 31 + s) / 7.0;
      }
      arrays.add(
          new RiskArray(
              "BTC-26JUN20-" + (1000 + 250 * i) + "-C",
              "BTC",
              "BTC",
              Instant.parse("2020-06-26T08:00:00Z"),
              InstrumentKind.OPTION,
              PutCall.CALL,
              losses,
              Math.cos(i) / 3,
              i == 0 ? Double.NaN : 1.0 / (i + 2),
              9350.67));
    }
    return arrays;
  }

  /**
   * Writes half of each batch and hands the rest back unprocessed, for the first {@code
   * throttledCalls} calls.
   */
  static final class HalfUnprocessedClient implements DynamoDbClient {
    private final DynamoDbClient real;
    private final int throttledCalls;
    private final AtomicInteger calls;

    HalfUnprocessedClient(DynamoDbClient real, int throttledCalls, AtomicInteger calls) {
      this.real = real;
      this.throttledCalls = throttledCalls;
      this.calls = calls;
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(Consumer<BatchWriteItemRequest.Builder> request) {
      BatchWriteItemRequest built = BatchWriteItemRequest.builder().applyMutation(request).build();
      if (calls.incrementAndGet() > throttledCalls) {
        return real.batchWriteItem(built);
      }
      Map.Entry<String, List<WriteRequest>> only =
          built.requestItems().entrySet().iterator().next();
      List<WriteRequest> items = only.getValue();
      int half = items.size() / 2;
      if (half > 0) {
        real.batchWriteItem(b -> b.requestItems(Map.of(only.getKey(), items.subList(0, half))));
      }
      return BatchWriteItemResponse.builder()
          .unprocessedItems(Map.of(only.getKey(), items.subList(half, items.size())))
          .build();
    }

    @Override
    public String serviceName() {
      return real.serviceName();
    }

    @Override
    public void close() {}
  }
}
