package io.cryptomargin.function.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptomargin.function.config.DynamoDbRequestCounter;
import io.cryptomargin.function.store.MarginResultStore.Row;
import io.cryptomargin.function.store.MarginResultStore.Write;
import io.cryptomargin.function.testing.DynamoDbLocalResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Compare-and-set writes of many results in transactions, on DynamoDB Local. */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class MarginResultStoreTest {
  @Inject MarginResultStore store;
  @Inject DynamoDbRequestCounter requests;

  @Test
  void putAllIfUnchanged_oneStoredResultReplacedMeanwhile_writesTheOthersAndReportsItRaced() {
    String prefix = UUID.randomUUID() + "-";
    List<Row> first =
        List.of(row(prefix + "a", 1, ""), row(prefix + "b", 1, ""), row(prefix + "c", 1, ""));
    assertThat(store.putAllIfUnchanged(writes(first, List.of())).written()).hasSize(3);
    Row racer = row(prefix + "b", 2, "");
    assertThat(
            store.putAllIfUnchanged(List.of(new Write(racer, Optional.of(first.get(1))))).written())
        .containsExactly(prefix + "b");

    List<Row> second =
        List.of(row(prefix + "a", 2, ""), row(prefix + "b", 2, "x"), row(prefix + "c", 2, ""));
    MarginResultStore.WriteOutcome outcome = store.putAllIfUnchanged(writes(second, first));

    assertThat(outcome.written()).containsExactlyInAnyOrder(prefix + "a", prefix + "c");
    assertThat(outcome.raced()).containsExactly(prefix + "b");
    assertThat(outcome.failures()).isEmpty();
    Map<String, Row> stored = store.findAll(List.of(prefix + "a", prefix + "b", prefix + "c"));
    assertThat(stored.get(prefix + "a")).isEqualTo(second.get(0));
    assertThat(stored.get(prefix + "b")).isEqualTo(racer);
    assertThat(stored.get(prefix + "c")).isEqualTo(second.get(2));
  }

  @Test
  void putAllIfUnchanged_250NewResults_writesThemInThreeTransactions() {
    String prefix = UUID.randomUUID() + "-";
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      rows.add(row(prefix + i, 1, ""));
    }

    DynamoDbRequestCounter.Counts before = requests.snapshot();
    MarginResultStore.WriteOutcome outcome = store.putAllIfUnchanged(writes(rows, List.of()));
    DynamoDbRequestCounter.Counts sent = requests.snapshot().since(before);

    assertThat(outcome.written()).hasSize(250);
    assertThat(sent.byOperation()).containsExactlyEntriesOf(Map.of("TransactWriteItems", 3L));
    assertThat(store.findAll(rows.stream().map(Row::account).toList())).hasSize(250);
  }

  @Test
  void putAllIfUnchanged_resultsLargerTogetherThanOneTransactionTakes_splitsThemBySize() {
    String prefix = UUID.randomUUID() + "-";
    String large = "x".repeat(300_000); // 20 such items are 6 MB: over the 4 MB of a transaction
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      rows.add(row(prefix + i, 1, large));
    }

    DynamoDbRequestCounter.Counts before = requests.snapshot();
    MarginResultStore.WriteOutcome outcome = store.putAllIfUnchanged(writes(rows, List.of()));
    DynamoDbRequestCounter.Counts sent = requests.snapshot().since(before);

    assertThat(outcome.written()).hasSize(20);
    assertThat(sent.of("TransactWriteItems")).isEqualTo(2);
  }

  @Test
  void putAllIfUnchanged_oneItemOverDynamoDbsItemLimit_failsOnlyThatAccount() {
    String prefix = UUID.randomUUID() + "-";
    List<Row> rows =
        List.of(
            row(prefix + "a", 1, ""),
            row(prefix + "huge", 1, "x".repeat(500_000)),
            row(prefix + "c", 1, ""));

    MarginResultStore.WriteOutcome outcome = store.putAllIfUnchanged(writes(rows, List.of()));

    assertThat(outcome.written()).containsExactlyInAnyOrder(prefix + "a", prefix + "c");
    assertThat(outcome.failures()).containsOnlyKeys(prefix + "huge");
    assertThat(store.find(prefix + "huge")).isEmpty();
  }

  @Test
  void clearPendingEvents_oneResultReplacedMeanwhile_clearsTheOthersAndLeavesItsEvent() {
    String prefix = UUID.randomUUID() + "-";
    List<Row> raised =
        List.of(
            row(prefix + "a", 1, "").withPendingEvent("Margin Call", "HEALTHY"),
            row(prefix + "b", 1, "").withPendingEvent("Margin Call", "HEALTHY"));
    store.putAllIfUnchanged(writes(raised, List.of()));
    Row newer = row(prefix + "b", 2, "").withPendingEvent("Liquidation", "MARGIN_CALL");
    store.putAllIfUnchanged(List.of(new Write(newer, Optional.of(raised.get(1)))));

    MarginResultStore.WriteOutcome outcome = store.clearPendingEvents(raised);

    assertThat(outcome.written()).containsExactly(prefix + "a");
    assertThat(outcome.raced()).containsExactly(prefix + "b");
    assertThat(store.find(prefix + "a").orElseThrow().pendingEvent()).isNull();
    assertThat(store.find(prefix + "b").orElseThrow().pendingEvent()).isEqualTo("Liquidation");
  }

  private static List<Write> writes(List<Row> rows, List<Row> expected) {
    List<Write> writes = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      writes.add(
          new Write(
              rows.get(i), expected.isEmpty() ? Optional.empty() : Optional.of(expected.get(i))));
    }
    return writes;
  }

  private static Row row(String account, long version, String padding) {
    return new Row(
        account,
        version,
        1_589_435_040_000L,
        "digest-" + version + padding.length(),
        "deribit-2020-05-14T05:44Z",
        "span-16",
        "HEALTHY",
        1000.0,
        800.0,
        5000.0,
        "2026-12-07T00:00:00Z",
        "{\"padding\":\"" + padding + "\"}",
        null,
        null);
  }
}
