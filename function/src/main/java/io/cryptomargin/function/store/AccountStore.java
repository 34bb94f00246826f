package io.cryptomargin.function.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Accounts and their positions.
 *
 * <p>Positions table: pk = account, sk = instrument, {@code quantity} (N, contracts, negative when
 * short) and {@code version} (N): the version of the account change that last wrote the item.
 *
 * <p>Accounts table: pk = account, {@code collateral} (M: currency → N, in that currency), an
 * optional {@code model} (S, e.g. {@code span-16}; the configured default otherwise), {@code
 * owners} (L or SS of principal ARNs allowed to read the account through the API) and {@code
 * version} (N): the account's state version. Every change of an account (a position inserted,
 * updated or deleted, the collateral changed) bumps it in the same transaction as the change, and a
 * changed position item carries the new value; so the account's version orders its states, a delete
 * included. The writers here ({@link #putPosition}, {@link #removePosition}, {@link
 * #putCollateral}) follow that contract; so must any writer outside the function.
 */
public final class AccountStore {
  /** The version attribute of both tables. */
  public static final String VERSION = "version";

  private static final int STATE_READS = 5;
  private static final int CHANGE_ATTEMPTS = 20;

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

  /**
   * An account's stored data.
   *
   * @param owners principal ARNs that may read the account through the API (empty: only admins)
   * @param version the account's state version (0 for an item written before accounts carried one)
   */
  public record StoredAccount(
      String account,
      Map<String, Double> collateral,
      Optional<String> model,
      List<String> owners,
      long version) {
    public StoredAccount {
      collateral = Map.copyOf(collateral);
      owners = List.copyOf(owners);
    }
  }

  /** Every position item of an account (zero quantities included), strongly consistent. */
  public List<StoredPosition> positions(String account) {
    List<StoredPosition> positions = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      QueryResponse page =
          dynamoDb.query(
              b ->
                  b.tableName(positionsTable)
                      .consistentRead(true)
                      .keyConditionExpression("pk = :pk")
                      .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(account)))
                      .exclusiveStartKey(from));
      for (Map<String, AttributeValue> item : page.items()) {
        positions.add(
            new StoredPosition(
                item.get("sk").s(), number(item, "quantity"), (long) number(item, "version")));
      }
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (start != null);
    return positions;
  }

  /** The account item, if there is one. */
  public Optional<StoredAccount> account(String account) {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(
                b ->
                    b.tableName(accountsTable)
                        .consistentRead(true)
                        .key(Map.of("pk", AttributeValue.fromS(account))))
            .item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Double> collateral = new LinkedHashMap<>();
    AttributeValue held = item.get("collateral");
    if (held != null && held.hasM()) {
      held.m()
          .forEach((currency, amount) -> collateral.put(currency, Double.parseDouble(amount.n())));
    }
    List<String> owners = new ArrayList<>();
    AttributeValue listed = item.get("owners");
    if (listed != null && listed.hasSs()) {
      owners.addAll(listed.ss());
    } else if (listed != null && listed.hasL()) {
      listed.l().stream()
          .map(AttributeValue::s)
          .filter(java.util.Objects::nonNull)
          .forEach(owners::add);
    }
    return Optional.of(
        new StoredAccount(
            account,
            collateral,
            Optional.ofNullable(item.get("model")).map(AttributeValue::s),
            owners,
            (long) number(item, VERSION)));
  }

  /**
   * An account's item and positions read as one state: the version did not move while its positions
   * were read.
   */
  public record State(Optional<StoredAccount> account, List<StoredPosition> positions) {}

  /**
   * The account item and its positions as one consistent state: the item is read before and after
   * the positions, and the read is repeated while a change moved the account's version in between
   * (a change that lands after it carries a higher version and re-margins the account itself).
   */
  public State state(String account) {
    Optional<StoredAccount> before = account(account);
    for (int attempt = 1; ; attempt++) {
      List<StoredPosition> positions = positions(account);
      Optional<StoredAccount> after = account(account);
      long versionBefore = before.map(StoredAccount::version).orElse(0L);
      long versionAfter = after.map(StoredAccount::version).orElse(0L);
      if (versionBefore == versionAfter && before.isPresent() == after.isPresent()
          || attempt >= STATE_READS) {
        return new State(after, positions);
      }
      before = after;
    }
  }

  /** Writes an account item with no owners (tools, tests and the local run). */
  public void putAccount(String account, Map<String, Double> collateral, String model) {
    putAccount(account, collateral, model, List.of(), 0);
  }

  /**
   * Writes an account item (tools, tests and the local run).
   *
   * @param owners principal ARNs that may read it through the API
   * @param version its state version (0: none written)
   */
  public void putAccount(
      String account,
      Map<String, Double> collateral,
      String model,
      List<String> owners,
      long version) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("pk", AttributeValue.fromS(account));
    item.put("collateral", AttributeValue.fromM(amounts(collateral)));
    if (model != null) {
      item.put("model", AttributeValue.fromS(model));
    }
    if (!owners.isEmpty()) {
      item.put("owners", AttributeValue.fromL(owners.stream().map(AttributeValue::fromS).toList()));
    }
    if (version > 0) {
      item.put(VERSION, AttributeValue.fromN(Long.toString(version)));
    }
    dynamoDb.putItem(b -> b.tableName(accountsTable).item(item));
  }

  /**
   * Writes a position item at a given version, raising the account item's version to it when that
   * is lower, in one transaction (tools, tests and the local run; production writers are outside
   * the function).
   */
  public void putPosition(String account, String instrument, double quantity, long version) {
    Put put =
        Put.builder()
            .tableName(positionsTable)
            .item(
                Map.of(
                    "pk",
                    AttributeValue.fromS(account),
                    "sk",
                    AttributeValue.fromS(instrument),
                    "quantity",
                    AttributeValue.fromN(Double.toString(quantity)),
                    VERSION,
                    AttributeValue.fromN(Long.toString(version))))
            .build();
    if (account(account).isEmpty()) {
      dynamoDb.putItem(b -> b.tableName(positionsTable).item(put.item()));
      return;
    }
    Update raise =
        Update.builder()
            .tableName(accountsTable)
            .key(Map.of("pk", AttributeValue.fromS(account)))
            .updateExpression("SET #v = :v")
            .conditionExpression("attribute_exists(pk)")
            .expressionAttributeNames(Map.of("#v", VERSION))
            .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(version))))
            .build();
    try {
      dynamoDb.transactWriteItems(
          b ->
              b.transactItems(
                  TransactWriteItem.builder().put(put).build(),
                  TransactWriteItem.builder()
                      .update(
                          raise.toBuilder()
                              .conditionExpression(
                                  "attribute_exists(pk) AND (attribute_not_exists(#v) OR #v < :v)")
                              .build())
                      .build()));
    } catch (TransactionCanceledException alreadyHigher) {
      dynamoDb.putItem(b -> b.tableName(positionsTable).item(put.item()));
    }
  }

  /**
   * Deletes a position as a change of its account: the account's version bumped in the same
   * transaction.
   */
  public long removePosition(String account, String instrument) {
    return change(
        account,
        version ->
            TransactWriteItem.builder()
                .delete(
                    Delete.builder()
                        .tableName(positionsTable)
                        .key(
                            Map.of(
                                "pk",
                                AttributeValue.fromS(account),
                                "sk",
                                AttributeValue.fromS(instrument)))
                        .build())
                .build(),
        "",
        Map.of());
  }

  /**
   * Replaces an account's collateral as a change of the account: its version bumped in the same
   * write.
   */
  public long putCollateral(String account, Map<String, Double> collateral) {
    return change(
        account,
        null,
        ", collateral = :c",
        Map.of(":c", AttributeValue.fromM(amounts(collateral))));
  }

  /**
   * One change of an existing account: the account item's version goes from what was read to the
   * next, on condition nobody moved it meanwhile (else re-read and retry), with {@code alongside}
   * (if any) in the same transaction.
   *
   * @return the version the change got
   */
  private long change(
      String account,
      java.util.function.LongFunction<TransactWriteItem> alongside,
      String alsoSet,
      Map<String, AttributeValue> alsoValues) {
    for (int attempt = 1; ; attempt++) {
      long current =
          account(account)
              .orElseThrow(() -> new IllegalArgumentException("no account " + account))
              .version();
      long next = current + 1;
      Map<String, AttributeValue> values = new LinkedHashMap<>(alsoValues);
      values.put(":next", AttributeValue.fromN(Long.toString(next)));
      String condition;
      if (current == 0) {
        condition = "attribute_exists(pk) AND attribute_not_exists(#v)";
      } else {
        condition = "#v = :current";
        values.put(":current", AttributeValue.fromN(Long.toString(current)));
      }
      Update bump =
          Update.builder()
              .tableName(accountsTable)
              .key(Map.of("pk", AttributeValue.fromS(account)))
              .updateExpression("SET #v = :next" + alsoSet)
              .conditionExpression(condition)
              .expressionAttributeNames(Map.of("#v", VERSION))
              .expressionAttributeValues(values)
              .build();
      List<TransactWriteItem> items = new ArrayList<>();
      items.add(TransactWriteItem.builder().update(bump).build());
      if (alongside != null) {
        items.add(alongside.apply(next));
      }
      try {
        dynamoDb.transactWriteItems(b -> b.transactItems(items));
        return next;
      } catch (TransactionCanceledException raced) {
        if (attempt >= CHANGE_ATTEMPTS) {
          throw raced;
        }
      }
    }
  }

  private static Map<String, AttributeValue> amounts(Map<String, Double> collateral) {
    Map<String, AttributeValue> held = new LinkedHashMap<>();
    collateral.forEach(
        (currency, amount) -> held.put(currency, AttributeValue.fromN(Double.toString(amount))));
    return held;
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
      var page =
          dynamoDb.scan(
              b -> b.tableName(accountsTable).projectionExpression("pk").exclusiveStartKey(from));
      List<String> ids = page.items().stream().map(item -> item.get("pk").s()).toList();
      if (!ids.isEmpty()) {
        pageConsumer.accept(ids);
      }
      count += ids.size();
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (start != null);
    return count;
  }

  private static double number(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || value.n() == null ? 0 : Double.parseDouble(value.n());
  }
}
