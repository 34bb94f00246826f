package io.cryptomargin.function.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptomargin.function.config.FunctionConfig;
import io.cryptomargin.function.snapshot.SnapshotEvent;
import io.cryptomargin.function.snapshot.SnapshotHandler;
import io.cryptomargin.function.store.AccountStore;
import io.cryptomargin.function.store.SnapshotPointerStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The stored world the sample events refer to: empties the tables, publishes the sample snapshot
 * through the snapshot handler, writes {@code events/seed/tables.json}, and applies stream samples
 * to the positions table (the writes that produced those records).
 */
@ApplicationScoped
public class World {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject DynamoDbClient dynamoDb;
  @Inject SnapshotHandler snapshotHandler;
  @Inject AccountStore accounts;
  @Inject CapturedMarginEvents events;
  @Inject CapturedRecalcQueue queue;
  @Inject io.cryptomargin.function.margin.AccountRecalculator recalculator;

  /** Recalculates one account directly (as the handlers do); true when its result was rewritten. */
  public boolean recalculate(String account, long minimumVersion) {
    return recalculator.recalculate(account, minimumVersion).written();
  }

  /**
   * Instruments the measurement books are drawn from: the snapshot's own and strikes it has no
   * array for yet.
   */
  private static final List<String> POOL = pool();

  /** The instruments {@link #seedMany} draws books from. */
  public static List<String> measurementInstruments() {
    return List.copyOf(POOL);
  }

  private static List<String> pool() {
    List<String> names =
        new ArrayList<>(
            List.of(
                "BTC-PERPETUAL",
                "BTC-26JUN20",
                "ETH-PERPETUAL",
                "ETH-26JUN20",
                "ETH-26JUN20-200-C",
                "ETH-26JUN20-180-P",
                "BTC-22MAY20-9250-P",
                "BTC-22MAY20-12000-C"));
    for (int strike = 7000; strike <= 12000; strike += 500) {
      names.add("BTC-26JUN20-" + strike + "-C");
      names.add("BTC-26JUN20-" + strike + "-P");
    }
    return names;
  }

  /**
   * Writes {@code count} accounts of {@code legs} random positions each at version 1, every
   * accounts item with its book (BatchWriteItem, 25 a call).
   */
  public void seedMany(int count, int legs, long seed) {
    java.util.Random random = new java.util.Random(seed);
    List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> positions = new ArrayList<>();
    List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> accountItems =
        new ArrayList<>();
    for (int a = 0; a < count; a++) {
      String account = String.format("load-%06d", a);
      AttributeValue collateral =
          AttributeValue.fromM(
              Map.of("BTC", AttributeValue.fromN(Double.toString(1 + random.nextInt(20) / 10.0))));
      List<String> names = new ArrayList<>(POOL);
      java.util.Collections.shuffle(names, random);
      Map<String, AttributeValue> book = new java.util.LinkedHashMap<>();
      for (int l = 0; l < legs; l++) {
        double quantity = (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(5)) / 10.0;
        book.put(names.get(l), AttributeValue.fromN(Double.toString(quantity)));
        positions.add(
            put(
                Map.of(
                    "pk",
                    AttributeValue.fromS(account),
                    "sk",
                    AttributeValue.fromS(names.get(l)),
                    "quantity",
                    AttributeValue.fromN(Double.toString(quantity)),
                    "version",
                    AttributeValue.fromN("1"))));
      }
      // as a writer keeping the accounts item's book does: the whole book, current at version 1
      accountItems.add(
          put(
              Map.of(
                  "pk",
                  AttributeValue.fromS(account),
                  "collateral",
                  collateral,
                  "version",
                  AttributeValue.fromN("1"),
                  AccountStore.BOOK,
                  AttributeValue.fromM(book),
                  AccountStore.BOOK_VERSION,
                  AttributeValue.fromN("1"))));
    }
    writeAll(DynamoDbLocalResource.ACCOUNTS, accountItems);
    writeAll(DynamoDbLocalResource.POSITIONS, positions);
  }

  private static software.amazon.awssdk.services.dynamodb.model.WriteRequest put(
      Map<String, AttributeValue> item) {
    return software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
        .putRequest(p -> p.item(item))
        .build();
  }

  private void writeAll(
      String table, List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> requests) {
    for (int from = 0; from < requests.size(); from += 25) {
      var pending = Map.of(table, requests.subList(from, Math.min(from + 25, requests.size())));
      while (!pending.isEmpty()) {
        var request = pending;
        var response = dynamoDb.batchWriteItem(b -> b.requestItems(request));
        pending =
            response.hasUnprocessedItems() && !response.unprocessedItems().isEmpty()
                ? response.unprocessedItems()
                : Map.of();
      }
    }
  }

  /**
   * The sample snapshot event handled again (its pointer stays, so every account is enqueued
   * again).
   */
  @SuppressWarnings("unchecked")
  public void publishSnapshot() {
    snapshotHandler.handleRequest(
        LambdaEvents.as(read("snapshot-eventbridge.json"), SnapshotEvent.class), null);
  }

  /**
   * What the snapshot handler sent to the recalc queue, as SQS events of at most {@code perEvent}
   * messages (Lambda's batch size), each message shaped like those of {@code
   * events/recalc-sqs.json}.
   */
  public List<String> recalcEvents(int perEvent) {
    JsonNode template = read("recalc-sqs.json").path("Records").get(0);
    List<String> events = new ArrayList<>();
    var sent = queue.sent();
    for (int from = 0; from < sent.size(); from += perEvent) {
      com.fasterxml.jackson.databind.node.ArrayNode records = JSON.createArrayNode();
      for (int i = from; i < Math.min(from + perEvent, sent.size()); i++) {
        com.fasterxml.jackson.databind.node.ObjectNode record = template.deepCopy();
        record.put("messageId", "fan-out-" + i);
        record.put("body", JSON.valueToTree(sent.get(i)).toString());
        records.add(record);
      }
      events.add(JSON.createObjectNode().set("Records", records).toString());
    }
    return events;
  }

  @Inject ObjectMapper mapper;
  @Inject io.cryptomargin.function.config.FunctionConfig config;
  @Inject io.cryptomargin.function.config.ScenarioSetCatalog catalog;
  @Inject SnapshotPointerStore pointerStore;
  @Inject io.cryptomargin.function.store.SnapshotStore snapshotStore;
  @Inject io.cryptomargin.function.snapshot.SnapshotSource files;
  @Inject io.cryptomargin.function.recalc.AccountFanOut fanOut;
  @Inject java.time.Clock clock;

  /**
   * Runs a snapshot event through a snapshot handler built from the real parts, except that the
   * array store's BatchWriteItem fails after {@code succeedingWrites} calls.
   *
   * @return what the handler threw, or null if it succeeded
   */
  @SuppressWarnings("unchecked")
  public RuntimeException publishSnapshotWithArrayWritesFailingAfter(
      String eventJson, int succeedingWrites) {
    FunctionConfig.RiskArrays settings = config.riskArrays();
    var failing =
        new io.cryptomargin.function.store.DynamoDbRiskArrayStore(
            new FailingBatchWriteClient(dynamoDb, succeedingWrites),
            config.tables().riskArrays(),
            settings.timeToLive(),
            new io.cryptomargin.function.store.BatchRetryPolicy(1, java.time.Duration.ofMillis(1)),
            clock);
    var publisher =
        new io.cryptomargin.function.snapshot.RiskArrayPublisher(
            catalog, failing, pointerStore, config, clock, snapshotStore);
    SnapshotHandler handler = new SnapshotHandler(mapper, config, files, publisher, fanOut);
    try {
      handler.handleRequest(LambdaEvents.as(JSON.readTree(eventJson), SnapshotEvent.class), null);
      return null;
    } catch (RuntimeException e) {
      return e;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Array items of a snapshot in the risk arrays table (any underlying and scenario set). */
  public int arrayItems(String snapshotId) {
    return (int)
        scanRiskArrays().stream()
            .filter(item -> item.get("pk").s().contains("#" + snapshotId + "#"))
            .count();
  }

  /** Every item of the risk arrays table: arrays, pointers and stored snapshots. */
  public List<Map<String, AttributeValue>> scanRiskArrays() {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    forEachItem(DynamoDbLocalResource.RISK_ARRAYS, items::add);
    return items;
  }

  /** Every item of a table, whole, page after page of a Scan. */
  public void forEachItem(
      String table, java.util.function.Consumer<Map<String, AttributeValue>> each) {
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      var page = dynamoDb.scan(b -> b.tableName(table).exclusiveStartKey(from));
      page.items().forEach(each);
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (start != null);
  }

  /**
   * Empties the risk arrays table (arrays, pointers, stored snapshots), so any later write shows.
   */
  public void clearRiskArrays() {
    clear(DynamoDbLocalResource.RISK_ARRAYS);
  }

  /** Number of stored margin results, and of them with each status. */
  public Map<String, Integer> resultStatuses() {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    forEachItem(
        DynamoDbLocalResource.MARGIN_RESULTS,
        item -> counts.merge(item.get("status").s(), 1, Integer::sum));
    return counts;
  }

  /** Messages the snapshot handler sent to the recalc queue. */
  public int recalcMessages() {
    return queue.sent().size();
  }

  /** A snapshot event handled (e.g. a later market than the sample's). */
  @SuppressWarnings("unchecked")
  public void publishSnapshot(JsonNode event) {
    snapshotHandler.handleRequest(LambdaEvents.as(event, SnapshotEvent.class), null);
  }

  /** The accounts store, for changes made as a writer outside the function makes them. */
  public AccountStore accounts() {
    return accounts;
  }

  /** Writes a position item. */
  public void putPosition(String account, String instrument, double quantity, long version) {
    accounts.putPosition(account, instrument, quantity, version);
  }

  /**
   * Empty tables, the snapshot event of {@code events/snapshot-eventbridge.json} handled, the seed
   * written, nothing captured.
   */
  @SuppressWarnings("unchecked")
  public void reset() {
    for (String table :
        List.of(
            DynamoDbLocalResource.POSITIONS,
            DynamoDbLocalResource.ACCOUNTS,
            DynamoDbLocalResource.MARGIN_RESULTS,
            DynamoDbLocalResource.RISK_ARRAYS)) {
      clear(table);
    }
    seed();
    snapshotHandler.handleRequest(
        LambdaEvents.as(read("snapshot-eventbridge.json"), SnapshotEvent.class), null);
    events.clear();
    queue.clear();
  }

  /** Writes the accounts and positions of {@code events/seed/tables.json}. */
  public void seed() {
    Seed.write(accounts, read("seed/tables.json"));
  }

  /**
   * Applies a stream sample's well-formed records to the positions table, as the writer did before
   * the stream carried them.
   */
  public void applyStream(String eventFile) {
    for (JsonNode record : read(eventFile).path("Records")) {
      JsonNode d = record.path("dynamodb");
      if (!d.path("Keys").path("pk").isObject() || !d.path("NewImage").path("version").isObject()) {
        continue;
      }
      if ("REMOVE".equals(record.path("eventName").asText())) {
        dynamoDb.deleteItem(
            b ->
                b.tableName(DynamoDbLocalResource.POSITIONS)
                    .key(
                        Map.of(
                            "pk",
                                AttributeValue.fromS(d.path("Keys").path("pk").path("S").asText()),
                            "sk",
                                AttributeValue.fromS(
                                    d.path("Keys").path("sk").path("S").asText()))));
      } else {
        JsonNode image = d.path("NewImage");
        accounts.putPosition(
            image.path("pk").path("S").asText(),
            image.path("sk").path("S").asText(),
            image.path("quantity").path("N").asDouble(),
            image.path("version").path("N").asLong());
      }
    }
  }

  /**
   * Writes an accounts item (collateral per currency, amount in that currency; model may be null).
   */
  public void putAccount(String account, Map<String, Double> collateral, String model) {
    accounts.putAccount(account, collateral, model);
  }

  /**
   * Moves every pointer's expiry into the past (as if no snapshot had come for longer than the
   * TTL); returns the originals.
   */
  public List<Map<String, AttributeValue>> expirePointers() {
    return expirePointers(List.of("span-16", "crypto-pm", "tims"));
  }

  /** Moves the expiry of the named scenario sets' pointers into the past; returns the originals. */
  public List<Map<String, AttributeValue>> expirePointers(List<String> scenarioSets) {
    List<Map<String, AttributeValue>> originals =
        pointers().stream().filter(item -> scenarioSets.contains(item.get("sk").s())).toList();
    for (Map<String, AttributeValue> item : originals) {
      Map<String, AttributeValue> expired = new java.util.HashMap<>(item);
      expired.put(
          "expiresAt",
          AttributeValue.fromN(Long.toString(java.time.Instant.now().getEpochSecond() - 60)));
      dynamoDb.putItem(b -> b.tableName(DynamoDbLocalResource.RISK_ARRAYS).item(expired));
    }
    return originals;
  }

  /** Puts pointer items back. */
  public void restore(List<Map<String, AttributeValue>> pointerItems) {
    pointerItems.forEach(
        item -> dynamoDb.putItem(b -> b.tableName(DynamoDbLocalResource.RISK_ARRAYS).item(item)));
  }

  private List<Map<String, AttributeValue>> pointers() {
    return dynamoDb
        .query(
            b ->
                b.tableName(DynamoDbLocalResource.RISK_ARRAYS)
                    .keyConditionExpression("pk = :p")
                    .expressionAttributeValues(
                        Map.of(":p", AttributeValue.fromS(SnapshotPointerStore.POINTER_PARTITION))))
        .items();
  }

  /** A stored margin result item, or an empty map. */
  public Map<String, AttributeValue> result(String account) {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(
                b ->
                    b.tableName(DynamoDbLocalResource.MARGIN_RESULTS)
                        .consistentRead(true)
                        .key(Map.of("pk", AttributeValue.fromS(account))))
            .item();
    return item == null ? Map.of() : item;
  }

  private void clear(String table) {
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      var page = dynamoDb.scan(b -> b.tableName(table).exclusiveStartKey(from));
      List<Map<String, AttributeValue>> keys = new ArrayList<>();
      for (Map<String, AttributeValue> item : page.items()) {
        keys.add(
            item.containsKey("sk")
                ? Map.of("pk", item.get("pk"), "sk", item.get("sk"))
                : Map.of("pk", item.get("pk")));
      }
      writeAll(
          table,
          keys.stream()
              .map(
                  key ->
                      software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                          .deleteRequest(d -> d.key(key))
                          .build())
              .toList());
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (start != null);
  }

  /** A file of {@code events/} as JSON. */
  public static JsonNode read(String eventFile) {
    try {
      return JSON.readTree(EventFiles.EVENTS.resolve(eventFile).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file of {@code events/} as text. */
  public static String text(String eventFile) {
    try {
      return Files.readString(EventFiles.EVENTS.resolve(eventFile));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path file(String eventFile) {
    return EventFiles.EVENTS.resolve(eventFile);
  }
}
