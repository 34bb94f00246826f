package io.cryptomargin.function.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
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
 *
 * <p>The accounts item also carries its whole open book, so that one item is one consistent state
 * and many accounts are read with one BatchGetItem: {@code book} (M: instrument → N, the quantity
 * of every position item, zero included) and {@code bookVersion} (N): the account version the book
 * was last brought up to date at. A writer that changes a position sets {@code book.<instrument>}
 * (or removes it) in the same transaction as the position and the version, and moves {@code
 * bookVersion} along with {@code version}. The book is trusted only while {@code bookVersion}
 * equals {@code version}: a writer that knows nothing of the book (an older one) bumps the version
 * alone, which marks the book stale, and the account is then read through its positions instead
 * ({@link #state}) until {@link #rebuildBook} brings it up to date again.
 */
public final class AccountStore {
  /** The version attribute of both tables. */
  public static final String VERSION = "version";

  /** The accounts item's open book: instrument → quantity. */
  public static final String BOOK = "book";

  /** The account version the accounts item's book is current at. */
  public static final String BOOK_VERSION = "bookVersion";

  private static final Logger LOG = Logger.getLogger(AccountStore.class);
  private static final int STATE_READS = 5;
  private static final int CHANGE_ATTEMPTS = 20;

  private final DynamoDbClient dynamoDb;
  private final String positionsTable;
  private final String accountsTable;
  private final BatchRetryPolicy retries;

  public AccountStore(
      DynamoDbClient dynamoDb,
      String positionsTable,
      String accountsTable,
      BatchRetryPolicy retries) {
    this.dynamoDb = dynamoDb;
    this.positionsTable = positionsTable;
    this.accountsTable = accountsTable;
    this.retries = retries;
  }

  /** A stored position. */
  public record StoredPosition(String instrument, double quantity, long version) {}

  /**
   * An account's stored data.
   *
   * @param owners principal ARNs that may read the account through the API (empty: only admins)
   * @param version the account's state version (0 for an item written before accounts carried one)
   * @param book the item's open book (instrument → quantity in contracts) when it is current at
   *     {@code version}; empty when the item has none or a stale one
   */
  public record StoredAccount(
      String account,
      Map<String, Double> collateral,
      Optional<String> model,
      List<String> owners,
      long version,
      Optional<Map<String, Double>> book) {
    public StoredAccount {
      collateral = Map.copyOf(collateral);
      owners = List.copyOf(owners);
      // instrument order, as the positions Query returns them: Map.copyOf's order changes from run
      // to run, and a margin's contributions follow the book's order
      book = book.map(b -> java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(b)));
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
    return Optional.of(fromItem(item));
  }

  private static StoredAccount fromItem(Map<String, AttributeValue> item) {
    Map<String, Double> collateral = new LinkedHashMap<>();
    AttributeValue amounts = item.get("collateral");
    if (amounts != null && amounts.hasM()) {
      amounts
          .m()
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
    long version = (long) number(item, VERSION);
    Optional<Map<String, Double>> book = Optional.empty();
    AttributeValue held = item.get(BOOK);
    AttributeValue bookVersion = item.get(BOOK_VERSION);
    if (held != null
        && held.hasM()
        && bookVersion != null
        && bookVersion.n() != null
        && Long.parseLong(bookVersion.n()) == version) {
      Map<String, Double> quantities = new LinkedHashMap<>();
      held.m()
          .forEach(
              (instrument, quantity) ->
                  quantities.put(instrument, Double.parseDouble(quantity.n())));
      book = Optional.of(quantities);
    }
    return new StoredAccount(
        item.get("pk").s(),
        collateral,
        Optional.ofNullable(item.get("model")).map(AttributeValue::s),
        owners,
        version,
        book);
  }

  /** Where a state was read from. */
  public enum Source {
    /** The accounts item alone, its book current at its version. */
    BOOK,
    /** The accounts item read before and after a Query of the positions table. */
    POSITIONS_TABLE
  }

  /**
   * An account's item and positions read as one state: the version did not move while its positions
   * were read.
   */
  public record State(
      Optional<StoredAccount> account, List<StoredPosition> positions, Source source) {
    public State {
      positions = List.copyOf(positions);
    }
  }

  /**
   * What {@link #states} read.
   *
   * @param states the accounts whose item carries a current book, each read as one state
   * @param withoutBook the accounts without an item, or whose item has no current book: read them
   *     with {@link #state}
   * @param failures accounts whose read failed (a BatchGetItem request failed, or its keys stayed
   *     unprocessed through every retry), with the failure
   */
  public record BatchState(
      Map<String, State> states, Set<String> withoutBook, Map<String, RuntimeException> failures) {
    public BatchState {
      states = Map.copyOf(states);
      withoutBook = Set.copyOf(withoutBook);
      failures = Map.copyOf(failures);
    }
  }

  /**
   * Many accounts each read as one state from its item alone: strongly consistent BatchGetItem
   * requests of up to 100 keys, unprocessed keys re-sent under the retry policy. The item is one
   * state because every change writes its book and version in one transaction; a position in the
   * book carries the account's version (no change can have given it a higher one).
   */
  public BatchState states(Collection<String> accounts) {
    Map<String, State> states = new LinkedHashMap<>();
    Set<String> withoutBook = new LinkedHashSet<>();
    Map<String, RuntimeException> failures = new LinkedHashMap<>();
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(accounts));
    for (int from = 0; from < ids.size(); from += ConsistentBatchGet.KEYS_PER_REQUEST) {
      List<String> chunk =
          ids.subList(from, Math.min(from + ConsistentBatchGet.KEYS_PER_REQUEST, ids.size()));
      Map<String, Map<String, AttributeValue>> items;
      try {
        items = batchGet(chunk);
      } catch (RuntimeException e) {
        chunk.forEach(account -> failures.put(account, e));
        continue;
      }
      for (String account : chunk) {
        Map<String, AttributeValue> item = items.get(account);
        StoredAccount stored = item == null ? null : fromItem(item);
        if (stored == null || stored.book().isEmpty()) {
          withoutBook.add(account);
          continue;
        }
        List<StoredPosition> positions = new ArrayList<>();
        stored
            .book()
            .get()
            .forEach(
                (instrument, quantity) ->
                    positions.add(new StoredPosition(instrument, quantity, stored.version())));
        states.put(account, new State(Optional.of(stored), positions, Source.BOOK));
      }
    }
    if (!withoutBook.isEmpty()) {
      LOG.infof(
          "%d of %d accounts have no item or no current book: read through the positions table",
          withoutBook.size(), ids.size());
    }
    return new BatchState(states, withoutBook, failures);
  }

  private Map<String, Map<String, AttributeValue>> batchGet(List<String> accounts) {
    Map<String, Map<String, AttributeValue>> found = new HashMap<>();
    ConsistentBatchGet.items(dynamoDb, accountsTable, accounts, retries)
        .forEach(item -> found.put(item.get("pk").s(), item));
    return found;
  }

  private static Map<String, AttributeValue> key(String account) {
    return Map.of("pk", AttributeValue.fromS(account));
  }

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
        return new State(after, positions, Source.POSITIONS_TABLE);
      }
      before = after;
    }
  }

  /** Writes an account item with no owners (tools, tests and the local run). */
  public void putAccount(String account, Map<String, Double> collateral, String model) {
    putAccount(account, collateral, model, List.of(), 0);
  }

  /**
   * Writes an account item (tools, tests and the local run), its book made of the positions stored
   * now (a consistent Query) and current at {@code version}.
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
    item.put(BOOK, book(positions(account)));
    item.put(BOOK_VERSION, AttributeValue.fromN(Long.toString(version)));
    dynamoDb.putItem(b -> b.tableName(accountsTable).item(item));
  }

  /**
   * Writes a position item at a given version in one transaction with its account item: the
   * account's version raised to it when that is lower, and the position's quantity set in the
   * item's book when the book is current (tools, tests and the local run; production writers are
   * outside the function). A position of an account without an item is written alone.
   */
  public void putPosition(String account, String instrument, double quantity, long version) {
    Map<String, AttributeValue> position =
        Map.of(
            "pk",
            AttributeValue.fromS(account),
            "sk",
            AttributeValue.fromS(instrument),
            "quantity",
            AttributeValue.fromN(Double.toString(quantity)),
            VERSION,
            AttributeValue.fromN(Long.toString(version)));
    for (int attempt = 1; ; attempt++) {
      Optional<StoredAccount> stored = account(account);
      boolean raise = stored.isPresent() && version > stored.get().version();
      boolean keepsBook = stored.isPresent() && stored.get().book().isPresent();
      if (!raise && !keepsBook) {
        dynamoDb.putItem(b -> b.tableName(positionsTable).item(position));
        return;
      }
      AccountUpdate update = AccountUpdate.unchangedSince(stored.get().version());
      if (raise) {
        update.set("#v = :v", ":v", AttributeValue.fromN(Long.toString(version)));
      }
      if (keepsBook) {
        update.name("#b", BOOK).name("#i", instrument);
        update.set("#b.#i = :q", ":q", AttributeValue.fromN(Double.toString(quantity)));
        if (raise) {
          update
              .name("#bv", BOOK_VERSION)
              .set("#bv = :v", ":v", AttributeValue.fromN(Long.toString(version)));
        }
      }
      Put put = Put.builder().tableName(positionsTable).item(position).build();
      try {
        dynamoDb.transactWriteItems(
            b ->
                b.transactItems(
                    TransactWriteItem.builder().put(put).build(),
                    TransactWriteItem.builder()
                        .update(update.build(accountsTable, account))
                        .build()));
        return;
      } catch (TransactionCanceledException raced) {
        if (attempt >= CHANGE_ATTEMPTS) {
          throw raced;
        }
      }
    }
  }

  /**
   * Deletes a position as a change of its account: the account's version bumped, and the position
   * removed from a current book, in the same transaction.
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
        (update, keepsBook) -> {
          if (keepsBook) {
            update.name("#b", BOOK).name("#i", instrument).remove("#b.#i");
          }
        });
  }

  /**
   * Replaces an account's collateral as a change of the account: its version bumped in the same
   * write.
   */
  public long putCollateral(String account, Map<String, Double> collateral) {
    return change(
        account,
        null,
        (update, keepsBook) ->
            update.set("collateral = :c", ":c", AttributeValue.fromM(amounts(collateral))));
  }

  /**
   * Rebuilds an account item's book from its positions (a consistent Query), current at the version
   * read before them, on condition the version did not move meanwhile (else read again): brings an
   * item written by a writer that knows nothing of the book back to one-read states.
   *
   * @return the version the book is current at
   */
  public long rebuildBook(String account) {
    for (int attempt = 1; ; attempt++) {
      long current =
          account(account)
              .orElseThrow(() -> new IllegalArgumentException("no account " + account))
              .version();
      AccountUpdate update =
          AccountUpdate.unchangedSince(current)
              .name("#b", BOOK)
              .name("#bv", BOOK_VERSION)
              .set("#b = :book", ":book", book(positions(account)))
              .set("#bv = :bv", ":bv", AttributeValue.fromN(Long.toString(current)));
      try {
        dynamoDb.transactWriteItems(
            b ->
                b.transactItems(
                    TransactWriteItem.builder()
                        .update(update.build(accountsTable, account))
                        .build()));
        return current;
      } catch (TransactionCanceledException raced) {
        if (attempt >= CHANGE_ATTEMPTS) {
          throw raced;
        }
      }
    }
  }

  /**
   * One change of an existing account: the account item's version goes from what was read to the
   * next, on condition nobody moved it meanwhile (else re-read and retry), with {@code alongside}
   * (if any) in the same transaction. A current book moves to the next version with it ({@code
   * edit} told so, to change the book too); a stale one stays stale.
   *
   * @return the version the change got
   */
  private long change(
      String account,
      java.util.function.LongFunction<TransactWriteItem> alongside,
      java.util.function.BiConsumer<AccountUpdate, Boolean> edit) {
    for (int attempt = 1; ; attempt++) {
      StoredAccount stored =
          account(account).orElseThrow(() -> new IllegalArgumentException("no account " + account));
      long next = stored.version() + 1;
      boolean keepsBook = stored.book().isPresent();
      AccountUpdate update = AccountUpdate.unchangedSince(stored.version());
      AttributeValue nextValue = AttributeValue.fromN(Long.toString(next));
      update.set("#v = :next", ":next", nextValue);
      if (keepsBook) {
        update.name("#bv", BOOK_VERSION).set("#bv = :next", ":next", nextValue);
      }
      edit.accept(update, keepsBook);
      List<TransactWriteItem> items = new ArrayList<>();
      items.add(TransactWriteItem.builder().update(update.build(accountsTable, account)).build());
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

  /**
   * An update of an accounts item on condition its version is still the one read (absent for 0):
   * the compare-and-set every change of the item goes through.
   */
  private static final class AccountUpdate {
    private final List<String> sets = new ArrayList<>();
    private final List<String> removes = new ArrayList<>();
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, AttributeValue> values = new LinkedHashMap<>();
    private final String condition;

    private AccountUpdate(String condition) {
      this.condition = condition;
    }

    static AccountUpdate unchangedSince(long version) {
      AccountUpdate update =
          new AccountUpdate(
              version == 0 ? "attribute_exists(pk) AND attribute_not_exists(#v)" : "#v = :current");
      update.name("#v", VERSION);
      if (version != 0) {
        update.values.put(":current", AttributeValue.fromN(Long.toString(version)));
      }
      return update;
    }

    AccountUpdate name(String placeholder, String name) {
      names.put(placeholder, name);
      return this;
    }

    AccountUpdate set(String clause, String placeholder, AttributeValue value) {
      sets.add(clause);
      values.put(placeholder, value);
      return this;
    }

    AccountUpdate remove(String path) {
      removes.add(path);
      return this;
    }

    private String expression() {
      String expression = sets.isEmpty() ? "" : "SET " + String.join(", ", sets);
      return removes.isEmpty() ? expression : expression + " REMOVE " + String.join(", ", removes);
    }

    Update build(String table, String account) {
      return Update.builder()
          .tableName(table)
          .key(key(account))
          .updateExpression(expression())
          .conditionExpression(condition)
          .expressionAttributeNames(names)
          .expressionAttributeValues(values)
          .build();
    }
  }

  /** Positions as a book attribute: instrument → quantity, zero quantities included. */
  private static AttributeValue book(List<StoredPosition> positions) {
    Map<String, AttributeValue> book = new LinkedHashMap<>();
    positions.forEach(
        p -> book.put(p.instrument(), AttributeValue.fromN(Double.toString(p.quantity()))));
    return AttributeValue.fromM(book);
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
