package io.cryptomargin.function.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptomargin.function.config.DynamoDbRequestCounter;
import io.cryptomargin.function.store.AccountStore.StoredPosition;
import io.cryptomargin.function.testing.DynamoDbLocalResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The accounts item's book kept by every change, and read for many accounts at once. */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class AccountStoreTest {
  @Inject AccountStore accounts;
  @Inject DynamoDbClient dynamoDb;
  @Inject DynamoDbRequestCounter requests;

  @Test
  void states_afterInsertsUpdateDeleteAndCollateral_bookIsThePositionsTableAtTheLatestVersion() {
    String account = "book-" + UUID.randomUUID();
    accounts.putAccount(account, Map.of("BTC", 1.0), "span-16");
    accounts.putPosition(account, "BTC-PERPETUAL", 1.0, 1);
    accounts.putPosition(account, "ETH-PERPETUAL", -2.0, 2);
    accounts.putPosition(account, "BTC-PERPETUAL", 3.0, 3);
    long removed = accounts.removePosition(account, "ETH-PERPETUAL");
    long collateral = accounts.putCollateral(account, Map.of("BTC", 2.0));

    AccountStore.BatchState read = accounts.states(List.of(account));

    assertThat(removed).isEqualTo(4);
    assertThat(collateral).isEqualTo(5);
    AccountStore.State state = read.states().get(account);
    assertThat(state.source()).isEqualTo(AccountStore.Source.BOOK);
    assertThat(state.account().orElseThrow().version()).isEqualTo(5);
    assertThat(state.account().orElseThrow().collateral()).isEqualTo(Map.of("BTC", 2.0));
    assertThat(quantities(state.positions())).isEqualTo(quantities(accounts.positions(account)));
    assertThat(quantities(state.positions())).isEqualTo(Map.of("BTC-PERPETUAL", 3.0));
  }

  @Test
  void states_versionBumpedByAWriterThatKeepsNoBook_readThroughPositionsUntilRebuilt() {
    String account = "book-" + UUID.randomUUID();
    accounts.putAccount(account, Map.of("BTC", 1.0), null);
    accounts.putPosition(account, "BTC-PERPETUAL", 1.0, 1);
    dynamoDb.putItem(
        b ->
            b.tableName(DynamoDbLocalResource.POSITIONS)
                .item(
                    Map.of(
                        "pk", AttributeValue.fromS(account),
                        "sk", AttributeValue.fromS("ETH-PERPETUAL"),
                        "quantity", AttributeValue.fromN("5"),
                        "version", AttributeValue.fromN("2"))));
    dynamoDb.updateItem(
        b ->
            b.tableName(DynamoDbLocalResource.ACCOUNTS)
                .key(Map.of("pk", AttributeValue.fromS(account)))
                .updateExpression("SET version = :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromN("2"))));

    AccountStore.BatchState stale = accounts.states(List.of(account));
    // a writer that keeps the book does not make a stale one look current
    accounts.putPosition(account, "BTC-PERPETUAL", 2.0, 3);
    AccountStore.BatchState stillStale = accounts.states(List.of(account));
    long rebuiltAt = accounts.rebuildBook(account);
    AccountStore.BatchState rebuilt = accounts.states(List.of(account));

    assertThat(stale.withoutBook()).containsExactly(account);
    assertThat(stale.states()).isEmpty();
    assertThat(stillStale.withoutBook()).containsExactly(account);
    assertThat(rebuiltAt).isEqualTo(3);
    assertThat(quantities(rebuilt.states().get(account).positions()))
        .isEqualTo(Map.of("BTC-PERPETUAL", 2.0, "ETH-PERPETUAL", 5.0));
  }

  @Test
  void states_250AccountsAndOneUnknown_threeBatchGetsAndTheUnknownLeftToTheQueryPath() {
    String prefix = "many-" + UUID.randomUUID() + "-";
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      ids.add(prefix + i);
      accounts.putAccount(prefix + i, Map.of("USDC", 1000.0), null);
    }
    ids.add(prefix + "unknown");

    DynamoDbRequestCounter.Counts before = requests.snapshot();
    AccountStore.BatchState read = accounts.states(ids);
    DynamoDbRequestCounter.Counts sent = requests.snapshot().since(before);

    assertThat(sent.byOperation()).containsExactlyEntriesOf(Map.of("BatchGetItem", 3L));
    assertThat(read.states()).hasSize(250);
    assertThat(read.withoutBook()).containsExactly(prefix + "unknown");
    assertThat(read.failures()).isEmpty();
    AccountStore.State unknown = accounts.state(prefix + "unknown");
    assertThat(unknown.account()).isEmpty();
    assertThat(unknown.positions()).isEmpty();
  }

  private static Map<String, Double> quantities(List<StoredPosition> positions) {
    Map<String, Double> held = new TreeMap<>();
    positions.stream()
        .filter(p -> p.quantity() != 0)
        .forEach(p -> held.put(p.instrument(), p.quantity()));
    return held;
  }
}
