package io.cryptomargin.function.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptomargin.function.testing.DynamoDbLocalResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** The request counter on the function's own DynamoDB client, against DynamoDB Local. */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class DynamoDbRequestCounterTest {
  @Inject DynamoDbClient dynamoDb;
  @Inject DynamoDbRequestCounter counter;

  @Test
  void snapshot_afterOneGetAndOneBatchGet_countsEachOnceByOperation() {
    DynamoDbRequestCounter.Counts before = counter.snapshot();

    dynamoDb.getItem(b -> b.tableName(DynamoDbLocalResource.ACCOUNTS).key(key("nobody")));
    dynamoDb.batchGetItem(
        b ->
            b.requestItems(
                Map.of(
                    DynamoDbLocalResource.ACCOUNTS,
                    KeysAndAttributes.builder().keys(List.of(key("a"), key("b"))).build())));

    DynamoDbRequestCounter.Counts sent = counter.snapshot().since(before);
    assertThat(sent.byOperation())
        .containsExactlyInAnyOrderEntriesOf(Map.of("GetItem", 1L, "BatchGetItem", 1L));
    assertThat(sent.total()).isEqualTo(2);
    assertThat(sent).hasToString("BatchGetItem: 1, GetItem: 1");
  }

  @Test
  void snapshot_manyThreadsSending_losesNoRequest() throws Exception {
    int threads = 4;
    int perThread = 25;
    DynamoDbRequestCounter.Counts before = counter.snapshot();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> sending =
          java.util.stream.IntStream.range(0, threads)
              .<Future<?>>mapToObj(
                  t ->
                      pool.submit(
                          () -> {
                            for (int i = 0; i < perThread; i++) {
                              dynamoDb.getItem(
                                  b ->
                                      b.tableName(DynamoDbLocalResource.ACCOUNTS)
                                          .key(key("t" + t + "-" + 0)));
                            }
                          }))
              .toList();
      for (Future<?> f : sending) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }

    assertThat(counter.snapshot().since(before).of("GetItem")).isEqualTo(threads * perThread);
  }

  private static Map<String, AttributeValue> key(String account) {
    return Map.of("pk", AttributeValue.fromS(account));
  }
}
