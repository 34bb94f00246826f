package io.cryptomargin.function.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * through the snapshot handler, writes {@code events/seed/tables.json}, and applies stream
 * samples to the positions table (the writes that produced those records).
 */
@ApplicationScoped
public class World {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject
  DynamoDbClient dynamoDb;
  @Inject
  SnapshotHandler snapshotHandler;
  @Inject
  AccountStore accounts;
  @Inject
  CapturedMarginEvents events;
  @Inject
  CapturedRecalcQueue queue;
  @Inject
  io.cryptomargin.function.margin.AccountRecalculator recalculator;

  /** Recalculates one account directly (as the handlers do); true when its result was rewritten. */
  public boolean recalculate(String account, long minimumVersion) {
    return recalculator.recalculate(account, minimumVersion).written();
  }

  /** Writes a position item. */
  public void putPosition(String account, String instrument, double quantity, long version) {
    accounts.putPosition(account, instrument, quantity, version);
  }

  /** Empty tables, the snapshot event of {@code events/snapshot-eventbridge.json} handled, the seed written, nothing captured. */
  @SuppressWarnings("unchecked")
  public void reset() {
    for (String table : List.of(DynamoDbLocalResource.POSITIONS, DynamoDbLocalResource.ACCOUNTS,
        DynamoDbLocalResource.MARGIN_RESULTS, DynamoDbLocalResource.RISK_ARRAYS)) {
      clear(table);
    }
    seed();
    snapshotHandler.handleRequest(JSON.convertValue(read("snapshot-eventbridge.json"), Map.class), null);
    events.clear();
    queue.clear();
  }

  /** Writes the accounts and positions of {@code events/seed/tables.json}. */
  public void seed() {
    JsonNode seed = read("seed/tables.json");
    for (JsonNode a : seed.path("accounts")) {
      Map<String, Double> collateral = JSON.convertValue(a.path("collateral"), JSON.getTypeFactory()
          .constructMapType(Map.class, String.class, Double.class));
      accounts.putAccount(a.path("account").asText(), collateral, a.path("model").isTextual() ? a.path("model").asText() : null);
    }
    for (JsonNode p : seed.path("positions")) {
      accounts.putPosition(p.path("account").asText(), p.path("instrument").asText(), p.path("quantity").asDouble(),
          p.path("version").asLong());
    }
  }

  /** Applies a stream sample's well-formed records to the positions table, as the writer did before the stream carried them. */
  public void applyStream(String eventFile) {
    for (JsonNode record : read(eventFile).path("Records")) {
      JsonNode d = record.path("dynamodb");
      if (!d.path("Keys").path("pk").isObject() || !d.path("NewImage").path("version").isObject()) {
        continue;
      }
      if ("REMOVE".equals(record.path("eventName").asText())) {
        dynamoDb.deleteItem(b -> b.tableName(DynamoDbLocalResource.POSITIONS).key(Map.of(
            "pk", AttributeValue.fromS(d.path("Keys").path("pk").path("S").asText()),
            "sk", AttributeValue.fromS(d.path("Keys").path("sk").path("S").asText()))));
      } else {
        JsonNode image = d.path("NewImage");
        accounts.putPosition(image.path("pk").path("S").asText(), image.path("sk").path("S").asText(),
            image.path("quantity").path("N").asDouble(), image.path("version").path("N").asLong());
      }
    }
  }

  /** Moves every pointer's expiry into the past (as if no snapshot had come for longer than the TTL); returns the originals. */
  public List<Map<String, AttributeValue>> expirePointers() {
    List<Map<String, AttributeValue>> originals = pointers();
    for (Map<String, AttributeValue> item : originals) {
      Map<String, AttributeValue> expired = new java.util.HashMap<>(item);
      expired.put("expiresAt", AttributeValue.fromN(Long.toString(java.time.Instant.now().getEpochSecond() - 60)));
      dynamoDb.putItem(b -> b.tableName(DynamoDbLocalResource.RISK_ARRAYS).item(expired));
    }
    return originals;
  }

  /** Puts pointer items back. */
  public void restore(List<Map<String, AttributeValue>> pointerItems) {
    pointerItems.forEach(item -> dynamoDb.putItem(b -> b.tableName(DynamoDbLocalResource.RISK_ARRAYS).item(item)));
  }

  private List<Map<String, AttributeValue>> pointers() {
    return dynamoDb.query(b -> b.tableName(DynamoDbLocalResource.RISK_ARRAYS).keyConditionExpression("pk = :p")
        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(SnapshotPointerStore.POINTER_PARTITION)))).items();
  }

  /** A stored margin result item, or an empty map. */
  public Map<String, AttributeValue> result(String account) {
    Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(DynamoDbLocalResource.MARGIN_RESULTS)
        .consistentRead(true).key(Map.of("pk", AttributeValue.fromS(account)))).item();
    return item == null ? Map.of() : item;
  }

  private void clear(String table) {
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      var page = dynamoDb.scan(b -> b.tableName(table).exclusiveStartKey(from));
      List<Map<String, AttributeValue>> keys = new ArrayList<>();
      for (Map<String, AttributeValue> item : page.items()) {
        keys.add(item.containsKey("sk") ? Map.of("pk", item.get("pk"), "sk", item.get("sk")) : Map.of("pk", item.get("pk")));
      }
      keys.forEach(key -> dynamoDb.deleteItem(b -> b.tableName(table).key(key)));
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
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
