package io.cryptomargin.function.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

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
 * the stored result is as new as its own. Many results are written together in TransactWriteItems
 * requests (up to 100 puts and 4 MB each), every put keeping its own condition: a transaction
 * cancelled by some conditions is sent again without those items, whose writers decide again.
 *
 * <p>{@code pendingEvent} (S) holds the detail-type of a margin event the result raised and that is
 * not yet published: set in the same write, removed after publishing, so a crash or a failed
 * publish is repaired by the next delivery of the same record (an outbox on the item). {@code
 * pendingPreviousStatus} (S) travels with it: the status the event reports as previous, which the
 * republish cannot recompute (the stored status is by then the new one).
 */
public final class MarginResultStore {
  /** TransactWriteItems takes at most 100 actions a request. */
  static final int TRANSACTION_ITEMS = 100;

  /**
   * TransactWriteItems takes at most 4 MB of items a request; this leaves room for the request's
   * own overhead (keys, expressions) over the estimated item sizes.
   */
  static final long TRANSACTION_BYTES = 3_500_000;

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final BatchRetryPolicy retries;

  public MarginResultStore(DynamoDbClient dynamoDb, String table, BatchRetryPolicy retries) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.retries = retries;
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
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(accounts));
    for (int from = 0; from < ids.size(); from += ConsistentBatchGet.KEYS_PER_REQUEST) {
      List<String> chunk =
          ids.subList(from, Math.min(from + ConsistentBatchGet.KEYS_PER_REQUEST, ids.size()));
      ConsistentBatchGet.items(dynamoDb, table, chunk, retries)
          .forEach(item -> found.put(item.get("pk").s(), fromItem(item)));
    }
    return found;
  }

  /**
   * A result to put if the stored one is still {@code expected} (empty: none is stored).
   *
   * @param row the result to store
   * @param expected the stored result its writer decided against
   */
  public record Write(Row row, Optional<Row> expected) {}

  /**
   * What became of writes, by account.
   *
   * @param written the accounts whose result was put
   * @param raced the accounts whose stored result was no longer the expected one (or, for a clear,
   *     no longer the result it concerned): nothing was written for them
   * @param failures the accounts whose write failed otherwise (throttled past every retry, refused
   *     by DynamoDB), with the failure; worth retrying
   */
  public record WriteOutcome(
      Set<String> written, Set<String> raced, Map<String, RuntimeException> failures) {
    public WriteOutcome {
      written = Set.copyOf(written);
      raced = Set.copyOf(raced);
      failures = Map.copyOf(failures);
    }
  }

  /**
   * Puts many results, each on condition that the stored one is still its {@code expected}
   * (compare-and-set), in TransactWriteItems requests of up to 100 puts. An account appears at most
   * once. An account whose condition failed is reported as raced (re-read it and decide again); one
   * account's failure never fails the others.
   */
  public WriteOutcome putAllIfUnchanged(List<Write> writes) {
    List<Keyed> items = new ArrayList<>();
    for (Write write : writes) {
      Map<String, AttributeValue> item = toItem(write.row());
      Put.Builder put = Put.builder().tableName(table).item(item);
      if (write.expected().isEmpty()) {
        put.conditionExpression("attribute_not_exists(pk)");
      } else {
        put.conditionExpression(SAME_RESULT)
            .expressionAttributeValues(sameResult(write.expected().get()));
      }
      items.add(
          new Keyed(
              write.row().account(),
              TransactWriteItem.builder().put(put.build()).build(),
              size(item)));
    }
    return transact(items);
  }

  /**
   * Marks results' pending events as published, in TransactWriteItems requests of up to 100
   * conditional updates; a result a newer one replaced meanwhile is left alone (reported as raced:
   * its own event, if any, is its writer's business).
   */
  public WriteOutcome clearPendingEvents(List<Row> rows) {
    List<Keyed> items = new ArrayList<>();
    for (Row row : rows) {
      Update clear =
          Update.builder()
              .tableName(table)
              .key(key(row.account()))
              .updateExpression("REMOVE pendingEvent, pendingPreviousStatus")
              .conditionExpression(SAME_RESULT)
              .expressionAttributeValues(sameResult(row))
              .build();
      items.add(new Keyed(row.account(), TransactWriteItem.builder().update(clear).build(), 200));
    }
    return transact(items);
  }

  private static final String SAME_RESULT = "version = :v AND snapshotAsOf = :a AND digest = :d";

  private static Map<String, AttributeValue> sameResult(Row row) {
    return Map.of(
        ":v",
        AttributeValue.fromN(Long.toString(row.version())),
        ":a",
        AttributeValue.fromN(Long.toString(row.snapshotAsOf())),
        ":d",
        AttributeValue.fromS(row.digest()));
  }

  /** One account's action of a transaction, with its item's estimated size in bytes. */
  private record Keyed(String account, TransactWriteItem action, long bytes) {}

  /**
   * Sends actions in transactions of at most {@link #TRANSACTION_ITEMS} actions and {@link
   * #TRANSACTION_BYTES} bytes. A cancelled transaction is taken apart by its cancellation reasons:
   * an action whose condition failed is raced, one DynamoDB refused (a validation error) failed,
   * and the rest are sent again (after a back-off when a conflict or throttling cancelled it). A
   * request refused as a whole (an item over the 400 KB item limit) is split in halves until only
   * the offending action fails. Each request carries a fresh ClientRequestToken, so the SDK's own
   * retry of a request that did reach DynamoDB is not applied twice.
   */
  private WriteOutcome transact(List<Keyed> actions) {
    Set<String> written = new LinkedHashSet<>();
    Set<String> raced = new LinkedHashSet<>();
    Map<String, RuntimeException> failures = new LinkedHashMap<>();
    for (List<Keyed> chunk : chunks(actions)) {
      transactChunk(chunk, written, raced, failures);
    }
    return new WriteOutcome(written, raced, failures);
  }

  private void transactChunk(
      List<Keyed> chunk,
      Set<String> written,
      Set<String> raced,
      Map<String, RuntimeException> failures) {
    List<Keyed> pending = chunk;
    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      List<TransactWriteItem> request = pending.stream().map(Keyed::action).toList();
      String token = UUID.randomUUID().toString();
      try {
        dynamoDb.transactWriteItems(b -> b.transactItems(request).clientRequestToken(token));
        pending.forEach(k -> written.add(k.account()));
        return;
      } catch (TransactionCanceledException cancelled) {
        List<CancellationReason> reasons =
            cancelled.hasCancellationReasons() ? cancelled.cancellationReasons() : List.of();
        List<Keyed> again = new ArrayList<>();
        boolean backOff = reasons.size() != pending.size();
        for (int i = 0; i < pending.size(); i++) {
          Keyed action = pending.get(i);
          String code = i < reasons.size() ? reasons.get(i).code() : null;
          if ("ConditionalCheckFailed".equals(code)) {
            raced.add(action.account());
          } else if (code == null || "None".equals(code)) {
            again.add(action);
          } else if (RETRIED_CANCELLATIONS.contains(code)) {
            again.add(action);
            backOff = true;
          } else {
            failures.put(
                action.account(),
                new IllegalStateException(
                    "margin-result write to "
                        + table
                        + " refused: "
                        + code
                        + " "
                        + reasons.get(i).message(),
                    cancelled));
          }
        }
        if (!again.isEmpty() && attempt >= retries.maxAttempts()) {
          again.forEach(k -> failures.put(k.account(), cancelled));
          return;
        }
        if (backOff) {
          retries.pauseBeforeRetry(attempt);
        }
        pending = again;
      } catch (DynamoDbException refused) {
        if (refused.statusCode() == 400 && !refused.isThrottlingException() && pending.size() > 1) {
          // the request as a whole was refused (e.g. one item over the 400 KB item limit):
          // halves, so that only the offending item's account fails
          int half = pending.size() / 2;
          transactChunk(pending.subList(0, half), written, raced, failures);
          transactChunk(pending.subList(half, pending.size()), written, raced, failures);
        } else {
          pending.forEach(k -> failures.put(k.account(), refused));
        }
        return;
      } catch (RuntimeException e) {
        // the SDK's own retries are spent: this chunk only
        pending.forEach(k -> failures.put(k.account(), e));
        return;
      }
    }
  }

  /** Cancellation reasons that say nothing against the item itself: send it again. */
  private static final Set<String> RETRIED_CANCELLATIONS =
      Set.of(
          "TransactionConflict",
          "ThrottlingError",
          "ProvisionedThroughputExceeded",
          "RequestLimitExceeded");

  private static List<List<Keyed>> chunks(List<Keyed> actions) {
    List<List<Keyed>> chunks = new ArrayList<>();
    List<Keyed> chunk = new ArrayList<>();
    long bytes = 0;
    for (Keyed action : actions) {
      if (!chunk.isEmpty()
          && (chunk.size() >= TRANSACTION_ITEMS || bytes + action.bytes() > TRANSACTION_BYTES)) {
        chunks.add(chunk);
        chunk = new ArrayList<>();
        bytes = 0;
      }
      chunk.add(action);
      bytes += action.bytes();
    }
    if (!chunk.isEmpty()) {
      chunks.add(chunk);
    }
    return chunks;
  }

  /**
   * An item's size as DynamoDB counts it, from above: attribute names plus values in UTF-8 (a
   * number counted as its decimal text, which is never shorter than its stored form).
   */
  static long size(Map<String, AttributeValue> item) {
    long bytes = 0;
    for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
      AttributeValue value = attribute.getValue();
      String text = value.s() != null ? value.s() : value.n() != null ? value.n() : "";
      bytes +=
          attribute.getKey().getBytes(StandardCharsets.UTF_8).length
              + text.getBytes(StandardCharsets.UTF_8).length
              + 1;
    }
    return bytes;
  }

  private static Map<String, AttributeValue> key(String account) {
    return Map.of("pk", AttributeValue.fromS(account));
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
