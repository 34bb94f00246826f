package io.cryptomargin.function.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Strongly consistent BatchGetItem reads of one table by partition key ({@code pk}), 100 keys a
 * request, the keys DynamoDB leaves unprocessed re-sent under a {@link BatchRetryPolicy}.
 */
final class ConsistentBatchGet {
  /** BatchGetItem reads at most 100 keys a request. */
  static final int KEYS_PER_REQUEST = 100;

  private ConsistentBatchGet() {}

  /**
   * The items of up to {@value #KEYS_PER_REQUEST} keys (absent ones are left out), in no particular
   * order.
   *
   * @throws IllegalStateException when keys stay unprocessed through every attempt
   */
  static List<Map<String, AttributeValue>> items(
      DynamoDbClient dynamoDb, String table, List<String> ids, BatchRetryPolicy retries) {
    List<Map<String, AttributeValue>> found = new ArrayList<>();
    Map<String, KeysAndAttributes> pending =
        Map.of(
            table,
            KeysAndAttributes.builder()
                .keys(ids.stream().map(id -> Map.of("pk", AttributeValue.fromS(id))).toList())
                .consistentRead(true)
                .build());
    for (int attempt = 1; ; attempt++) {
      Map<String, KeysAndAttributes> request = pending;
      BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(request));
      found.addAll(response.responses().getOrDefault(table, List.of()));
      pending =
          response.hasUnprocessedKeys() && !response.unprocessedKeys().isEmpty()
              ? response.unprocessedKeys()
              : Map.of();
      if (pending.isEmpty()) {
        return found;
      }
      if (attempt >= retries.maxAttempts()) {
        throw new IllegalStateException(
            "reads from "
                + table
                + " still unprocessed after "
                + attempt
                + " attempts (throttled?)");
      }
      retries.pauseBeforeRetry(attempt);
    }
  }
}
