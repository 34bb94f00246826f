package io.cryptomargin.function.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The latest margin result per account (pk = account). A result is ordered by the account's
 * position {@code version} it was computed from, then the {@code snapshotAsOf} (epoch ms) of its
 * market, then its inputs' {@code digest} (which only differs at equal version and market when a
 * position item was deleted or collateral changed). A result only ever replaces an older one.
 *
 * <p>Writes are compare-and-set: the writer reads the stored result, decides its own is newer, and
 * puts it on condition that the stored item is still the one it read ({@code
 * attribute_not_exists(pk)}, or the same version, snapshotAsOf and digest). Two racing
 * recalculations cannot lose an update: the slower one fails the condition, re-reads, and stops if
 * the stored result is as new as its own.
 *
 * <p>{@code pendingEvent} (S) holds the detail-type of a margin event the result raised and that is
 * not yet published: set in the same write, removed after publishing, so a crash or a failed
 * publish is repaired by the next delivery of the same record (an outbox on the item). {@code
 * pendingPreviousStatus} (S) travels with it: the status the event reports as previous, which the
 * republish cannot recompute (the stored status is by then the new one).
 */
public final class MarginResultStore {
  private final DynamoDbClient dynamoDb;
  private final String table;

  public MarginResultStore(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  /**
   * A stored result.
   *
   * @param status HEALTHY, MARGIN_CALL, LIQUIDATION, or ERROR when the book could not be margined
   * @param resultJson the engine's AccountMargin as JSON, or the list of problems for ERROR
   * @param pendingEvent detail-type of an event raised but not yet published, else null
   * @param pendingPreviousStatus the status the pending event reports as the previous one (the
   *     stored status this result replaced), kept with it so a republish after a failed publish
   *     says e.g. MARGIN_CALL → LIQUIDATION, not HEALTHY → LIQUIDATION; null without a pending
   *     event
   */
  public record Row(
      String account,
      long version,
      long snapshotAsOf,
      String digest,
      String snapshotId,
      String model,
      String status,
      double initialMargin,
      double maintenanceMargin,
      double equity,
      String computedAt,
      String resultJson,
      String pendingEvent,
      String pendingPreviousStatus) {

    /** Whether this result is newer than another of the same account. */
    public boolean isNewerThan(Row other) {
      if (version != other.version) {
        return version > other.version;
      }
      if (snapshotAsOf != other.snapshotAsOf) {
        return snapshotAsOf > other.snapshotAsOf;
      }
      return !digest.equals(other.digest);
    }

    /** Whether both describe the same inputs (version, market and digest). */
    public boolean sameInputs(Row other) {
      return version == other.version
          && snapshotAsOf == other.snapshotAsOf
          && digest.equals(other.digest);
    }

    /**
     * This result with an event to publish (null for none) and the previous status that event
     * reports.
     */
    public Row withPendingEvent(String detailType, String previousStatus) {
      return new Row(
          account,
          version,
          snapshotAsOf,
          digest,
          snapshotId,
          model,
          status,
          initialMargin,
          maintenanceMargin,
          equity,
          computedAt,
          resultJson,
          detailType,
          detailType == null ? null : previousStatus);
    }
  }

  /** The stored result of an account, strongly consistent. */
  public Optional<Row> find(String account) {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(
                b ->
                    b.tableName(table)
                        .consistentRead(true)
                        .key(Map.of("pk", AttributeValue.fromS(account))))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
  }

  /** The stored results of many accounts, strongly consistent, in BatchGetItem rounds of 100. */
  public Map<String, Row> findAll(Collection<String> accounts) {
    Map<String, Row> found = new HashMap<>();
    List<String> ids = new ArrayList<>(new java.util.LinkedHashSet<>(accounts));
    for (int from = 0; from < ids.size(); from += 100) {
      List<Map<String, AttributeValue>> keys =
          ids.subList(from, Math.min(from + 100, ids.size())).stream()
              .map(id -> Map.of("pk", AttributeValue.fromS(id)))
              .toList();
      Map<String, KeysAndAttributes> pending =
          Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
      for (int attempt = 0; !pending.isEmpty() && attempt < 8; attempt++) {
        Map<String, KeysAndAttributes> request = pending;
        var response = dynamoDb.batchGetItem(b -> b.requestItems(request));
        response
            .responses()
            .getOrDefault(table, List.of())
            .forEach(item -> found.put(item.get("pk").s(), fromItem(item)));
        pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
      }
      if (!pending.isEmpty()) {
        throw new IllegalStateException(
            "margin-result reads from " + table + " still unprocessed (throttled?)");
      }
    }
    return found;
  }

  /**
   * Puts a result if the stored one is still {@code expected}.
   *
   * @return false when another writer got there first (re-read and decide again)
   */
  public boolean putIfUnchanged(Row row, Optional<Row> expected) {
    Map<String, AttributeValue> item = toItem(row);
    try {
      if (expected.isEmpty()) {
        dynamoDb.putItem(
            b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
      } else {
        Row old = expected.get();
        dynamoDb.putItem(
            b ->
                b.tableName(table)
                    .item(item)
                    .conditionExpression("version = :v AND snapshotAsOf = :a AND digest = :d")
                    .expressionAttributeValues(
                        Map.of(
                            ":v",
                            AttributeValue.fromN(Long.toString(old.version())),
                            ":a",
                            AttributeValue.fromN(Long.toString(old.snapshotAsOf())),
                            ":d",
                            AttributeValue.fromS(old.digest()))));
      }
      return true;
    } catch (ConditionalCheckFailedException raced) {
      return false;
    }
  }

  /**
   * Marks a result's pending event as published (no-op if a newer result replaced it meanwhile).
   */
  public void clearPendingEvent(Row row) {
    try {
      dynamoDb.updateItem(
          b ->
              b.tableName(table)
                  .key(Map.of("pk", AttributeValue.fromS(row.account())))
                  .updateExpression("REMOVE pendingEvent, pendingPreviousStatus")
                  .conditionExpression("version = :v AND snapshotAsOf = :a AND digest = :d")
                  .expressionAttributeValues(
                      Map.of(
                          ":v",
                          AttributeValue.fromN(Long.toString(row.version())),
                          ":a",
                          AttributeValue.fromN(Long.toString(row.snapshotAsOf())),
                          ":d",
                          AttributeValue.fromS(row.digest()))));
    } catch (ConditionalCheckFailedException replaced) {
      // a newer result is stored; its own event (if any) is its writer's business
    }
  }

  static Map<String, AttributeValue> toItem(Row row) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("pk", AttributeValue.fromS(row.account()));
    item.put("version", AttributeValue.fromN(Long.toString(row.version())));
    item.put("snapshotAsOf", AttributeValue.fromN(Long.toString(row.snapshotAsOf())));
    item.put("digest", AttributeValue.fromS(row.digest()));
    item.put("snapshotId", AttributeValue.fromS(row.snapshotId()));
    item.put("model", AttributeValue.fromS(row.model()));
    item.put("status", AttributeValue.fromS(row.status()));
    putNumber(item, "initialMargin", row.initialMargin());
    putNumber(item, "maintenanceMargin", row.maintenanceMargin());
    putNumber(item, "equity", row.equity());
    item.put("computedAt", AttributeValue.fromS(row.computedAt()));
    item.put("result", AttributeValue.fromS(row.resultJson()));
    if (row.pendingEvent() != null) {
      item.put("pendingEvent", AttributeValue.fromS(row.pendingEvent()));
    }
    if (row.pendingPreviousStatus() != null) {
      item.put("pendingPreviousStatus", AttributeValue.fromS(row.pendingPreviousStatus()));
    }
    return item;
  }

  static Row fromItem(Map<String, AttributeValue> item) {
    return new Row(
        item.get("pk").s(),
        Long.parseLong(item.get("version").n()),
        Long.parseLong(item.get("snapshotAsOf").n()),
        item.get("digest").s(),
        item.get("snapshotId").s(),
        item.get("model").s(),
        item.get("status").s(),
        number(item, "initialMargin"),
        number(item, "maintenanceMargin"),
        number(item, "equity"),
        item.get("computedAt").s(),
        item.get("result").s(),
        item.containsKey("pendingEvent") ? item.get("pendingEvent").s() : null,
        item.containsKey("pendingPreviousStatus") ? item.get("pendingPreviousStatus").s() : null);
  }

  private static void putNumber(Map<String, AttributeValue> item, String name, double value) {
    if (Double.isFinite(value)) {
      item.put(name, AttributeValue.fromN(java.math.BigDecimal.valueOf(value).toPlainString()));
    }
  }

  private static double number(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? Double.NaN : Double.parseDouble(value.n());
  }
}
