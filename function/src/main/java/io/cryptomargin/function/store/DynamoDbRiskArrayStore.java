package io.cryptomargin.function.store;

import io.cryptomargin.riskarray.RiskArray;
import io.cryptomargin.riskarray.RiskArrayStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Risk arrays in DynamoDB, one item per instrument: pk {@code
 * underlying#snapshot#scenarioSet#version}, sk the instrument (layout in {@link RiskArrayCodec}).
 * Writes go in BatchWriteItem requests of 25 and reads in BatchGetItem requests of 100 (DynamoDB's
 * limits), each re-sending what comes back unprocessed under a {@link BatchRetryPolicy}.
 *
 * <p>Arrays are not visible to readers that go through {@link SnapshotPointerStore} until the
 * pointer moves, which the writer does only after {@link #putAll} has returned for every key. Items
 * live {@code timeToLive} after they are written; an item past its {@code expiresAt} that DynamoDB
 * has not yet deleted (TTL deletes lazily, within days) is treated as absent.
 */
public final class DynamoDbRiskArrayStore implements RiskArrayStore {
  /** DynamoDB's limit of items per BatchWriteItem. */
  public static final int WRITE_BATCH_SIZE = 25;

  /** DynamoDB's limit of keys per BatchGetItem. */
  public static final int READ_BATCH_SIZE = 100;

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Duration timeToLive;
  private final BatchRetryPolicy retryPolicy;
  private final Clock clock;

  /**
   * @param dynamoDb the client
   * @param table the risk arrays table
   * @param timeToLive how long written arrays live
   * @param retryPolicy how unprocessed items are retried
   * @param clock the time TTLs count from and are checked against
   */
  public DynamoDbRiskArrayStore(
      DynamoDbClient dynamoDb,
      String table,
      Duration timeToLive,
      BatchRetryPolicy retryPolicy,
      Clock clock) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.timeToLive = timeToLive;
    this.retryPolicy = retryPolicy;
    this.clock = clock;
  }

  /**
   * Writes every array of a key, to live {@code timeToLive} from now; see {@link #putAll(Key,
   * Collection, Instant)}.
   */
  @Override
  public void putAll(Key key, Collection<RiskArray> arrays) {
    putAll(key, arrays, clock.instant().plus(timeToLive));
  }

  /**
   * Writes every array of a key.
   *
   * @param expiresAt when DynamoDB's TTL may delete them (the same instant as their pointer's)
   * @throws IllegalStateException when items are still unprocessed after the policy's attempts;
   *     some items may then be written, which is harmless because no pointer names them yet
   */
  public void putAll(Key key, Collection<RiskArray> arrays, Instant expiresAt) {
    List<WriteRequest> requests = new ArrayList<>(arrays.size());
    for (RiskArray array : arrays) {
      requests.add(
          WriteRequest.builder()
              .putRequest(
                  PutRequest.builder().item(RiskArrayCodec.toItem(key, array, expiresAt)).build())
              .build());
    }
    for (int from = 0; from < requests.size(); from += WRITE_BATCH_SIZE) {
      writeBatch(requests.subList(from, Math.min(from + WRITE_BATCH_SIZE, requests.size())));
    }
  }

  /**
   * The stored, unexpired arrays of the named instruments; the missing ones are absent from the
   * map.
   */
  @Override
  public Map<String, RiskArray> getAll(Key key, Collection<String> instruments) {
    String pk = RiskArrayCodec.partitionKey(key);
    List<String> names = new ArrayList<>(new LinkedHashSet<>(instruments));
    Map<String, RiskArray> found = new LinkedHashMap<>();
    long now = clock.instant().getEpochSecond();
    for (int from = 0; from < names.size(); from += READ_BATCH_SIZE) {
      List<Map<String, AttributeValue>> keys = new ArrayList<>();
      for (String name : names.subList(from, Math.min(from + READ_BATCH_SIZE, names.size()))) {
        keys.add(
            Map.of(
                RiskArrayCodec.PK,
                AttributeValue.fromS(pk),
                RiskArrayCodec.SK,
                AttributeValue.fromS(name)));
      }
      for (Map<String, AttributeValue> item : readBatch(keys)) {
        if (!isExpired(item, now)) {
          RiskArray array = RiskArrayCodec.fromItem(item);
          found.put(array.instrument(), array);
        }
      }
    }
    // Callers get the order they asked in, whatever order DynamoDB answered in.
    Map<String, RiskArray> ordered = new LinkedHashMap<>();
    for (String name : names) {
      RiskArray array = found.get(name);
      if (array != null) {
        ordered.put(name, array);
      }
    }
    return ordered;
  }

  static boolean isExpired(Map<String, AttributeValue> item, long nowEpochSeconds) {
    AttributeValue expiresAt = item.get(RiskArrayCodec.EXPIRES_AT);
    return expiresAt != null && Long.parseLong(expiresAt.n()) <= nowEpochSeconds;
  }

  private void writeBatch(List<WriteRequest> batch) {
    Map<String, List<WriteRequest>> pending = Map.of(table, batch);
    for (int attempt = 1; ; attempt++) {
      Map<String, List<WriteRequest>> request = pending;
      BatchWriteItemResponse response = dynamoDb.batchWriteItem(b -> b.requestItems(request));
      List<WriteRequest> unprocessed = response.unprocessedItems().getOrDefault(table, List.of());
      if (unprocessed.isEmpty()) {
        return;
      }
      if (attempt >= retryPolicy.maxAttempts()) {
        throw new IllegalStateException(
            unprocessed.size()
                + " of "
                + batch.size()
                + " risk-array writes to table "
                + table
                + " still unprocessed after "
                + attempt
                + " attempts (throttled?)");
      }
      retryPolicy.pauseBeforeRetry(attempt);
      pending = Map.of(table, unprocessed);
    }
  }

  private List<Map<String, AttributeValue>> readBatch(List<Map<String, AttributeValue>> keys) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    Map<String, KeysAndAttributes> pending =
        Map.of(table, KeysAndAttributes.builder().keys(keys).build());
    for (int attempt = 1; ; attempt++) {
      Map<String, KeysAndAttributes> request = pending;
      BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(request));
      items.addAll(response.responses().getOrDefault(table, List.of()));
      KeysAndAttributes unprocessed = response.unprocessedKeys().get(table);
      if (unprocessed == null || unprocessed.keys().isEmpty()) {
        return items;
      }
      if (attempt >= retryPolicy.maxAttempts()) {
        throw new IllegalStateException(
            unprocessed.keys().size()
                + " of "
                + keys.size()
                + " risk-array reads from table "
                + table
                + " still unprocessed after "
                + attempt
                + " attempts (throttled?)");
      }
      retryPolicy.pauseBeforeRetry(attempt);
      pending = Map.of(table, unprocessed);
    }
  }
}
