package io.cryptomargin.function.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Accounts and their positions.
 *
 * <p>Positions table: pk = account, sk = instrument, {@code quantity} (N, contracts, negative when
 * short) and {@code version} (N): the writer gives every change of an account the next version of
 * that account, so the highest version among an account's items orders its states. A position is
 * closed by writing quantity 0 with the next version (a delete carries no new version).
 *
 * <p>Accounts table: pk = account, {@code collateral} (M: currency → N, in that currency) and an
 * optional {@code model} (S, e.g. {@code span-16}; the configured default otherwise).
 */
public final class AccountStore {
  private final DynamoDbClient dynamoDb;
  private final String positionsTable;
  private final String accountsTable;

  public AccountStore(DynamoDbClient dynamoDb, String positionsTable, String accountsTable) {
    this.dynamoDb = dynamoDb;
    this.positionsTable = positionsTable;
    this.accountsTable = accountsTable;
  }

  /** A stored position. */
  public record StoredPosition(String instrument, double quantity, long version) {}

  /** An account's stored data. */
  public record StoredAccount(String account, Map<String, Double> collateral, Optional<String> model) {}

  /** Every position item of an account (zero quantities included), strongly consistent. */
  public List<StoredPosition> positions(String account) {
    List<StoredPosition> positions = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      QueryResponse page = dynamoDb.query(b -> b.tableName(positionsTable).consistentRead(true)
          .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(account)))
          .exclusiveStartKey(from));
      for (Map<String, AttributeValue> item : page.items()) {
        positions.add(new StoredPosition(item.get("sk").s(), number(item, "quantity"), (long) number(item, "version")));
      }
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    return positions;
  }

  /** The account item, if there is one. */
  public Optional<StoredAccount> account(String account) {
    Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(accountsTable)
        .key(Map.of("pk", AttributeValue.fromS(account)))).item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Double> collateral = new LinkedHashMap<>();
    AttributeValue held = item.get("collateral");
    if (held != null && held.hasM()) {
      held.m().forEach((currency, amount) -> collateral.put(currency, Double.parseDouble(amount.n())));
    }
    return Optional.of(new StoredAccount(account, collateral,
        Optional.ofNullable(item.get("model")).map(AttributeValue::s)));
  }

  /** Writes an account item (tools, tests and the local run). */
  public void putAccount(String account, Map<String, Double> collateral, String model) {
    Map<String, AttributeValue> held = new LinkedHashMap<>();
    collateral.forEach((currency, amount) -> held.put(currency, AttributeValue.fromN(Double.toString(amount))));
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("pk", AttributeValue.fromS(account));
    item.put("collateral", AttributeValue.fromM(held));
    if (model != null) {
      item.put("model", AttributeValue.fromS(model));
    }
    dynamoDb.putItem(b -> b.tableName(accountsTable).item(item));
  }

  /** Writes a position item (tools, tests and the local run; production writers are outside the function). */
  public void putPosition(String account, String instrument, double quantity, long version) {
    dynamoDb.putItem(b -> b.tableName(positionsTable).item(Map.of("pk", AttributeValue.fromS(account),
        "sk", AttributeValue.fromS(instrument), "quantity", AttributeValue.fromN(Double.toString(quantity)),
        "version", AttributeValue.fromN(Long.toString(version)))));
  }

  /**
   * Every account id of the accounts table, page by page (a Scan projecting the key only).
   *
   * @param pageConsumer called with each page's ids
   * @return the number of accounts
   */
  public long forEachAccountPage(Consumer<List<String>> pageConsumer) {
    long count = 0;
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      var page = dynamoDb.scan(b -> b.tableName(accountsTable).projectionExpression("pk").exclusiveStartKey(from));
      List<String> ids = page.items().stream().map(item -> item.get("pk").s()).toList();
      if (!ids.isEmpty()) {
        pageConsumer.accept(ids);
      }
      count += ids.size();
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    return count;
  }

  private static double number(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || value.n() == null ? 0 : Double.parseDouble(value.n());
  }
}
