package io.cryptomargin.function.positions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptomargin.function.testing.CapturedMarginEvents;
import io.cryptomargin.function.testing.DynamoDbLocalResource;
import io.cryptomargin.function.testing.HandlerProfiles;
import io.cryptomargin.function.testing.MockLambda;
import io.cryptomargin.function.testing.World;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The positions handler through Quarkus's mock Lambda event server, on DynamoDB Local, fed the
 * files of {@code events/}.
 */
@QuarkusTest
@TestProfile(HandlerProfiles.Positions.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
class PositionsHandlerTest {
  private static final String STREAM = "positions-stream.json";
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  @Inject World world;
  @Inject CapturedMarginEvents events;

  @BeforeEach
  void reset() {
    world.reset();
  }

  @Test
  void handle_streamEventAfterSnapshotEvent_writesResultAndRaisesMarginCall() {
    world.applyStream(STREAM);

    JsonNode response = MockLambda.invokeSample(STREAM);

    assertThat(response.path("batchItemFailures")).isEmpty();
    Map<String, AttributeValue> result = world.result("acct-7");
    System.out.printf(
        "acct-7 after the stream sample: %s initial %s maintenance %s equity %s%n",
        result.get("status").s(),
        result.get("initialMargin").n(),
        result.get("maintenanceMargin").n(),
        result.get("equity").n());
    assertThat(result.get("version").n()).isEqualTo("12");
    assertThat(result.get("snapshotId").s()).isEqualTo("deribit-2020-05-14T05:44Z");
    assertThat(result.get("model").s()).isEqualTo("span-16");
    assertThat(result.get("status").s()).isEqualTo("MARGIN_CALL");
    assertThat(result).doesNotContainKey("pendingEvent");
    assertThat(events.published()).hasSize(1);
    assertThat(events.published().get(0).detailType()).isEqualTo("Margin Call");
    assertThat(events.published().get(0).detail().account()).isEqualTo("acct-7");
    assertThat(events.published().get(0).detail().previousStatus()).isEqualTo("HEALTHY");
    assertThat(events.published().get(0).detail().shortfall()).isPositive();
  }

  @Test
  void handle_sameEventDeliveredTwice_changesNothingTheSecondTime() {
    world.applyStream(STREAM);
    MockLambda.invokeSample(STREAM);
    Map<String, AttributeValue> first = world.result("acct-7");

    JsonNode again = MockLambda.invokeSample(STREAM);

    assertThat(again.path("batchItemFailures")).isEmpty();
    assertThat(world.result("acct-7")).isEqualTo(first);
    assertThat(events.published()).hasSize(1);
  }

  @Test
  void handle_olderRecordAfterNewerOne_keepsTheNewerResult() {
    world.applyStream(STREAM);
    MockLambda.invokeSample(STREAM);
    Map<String, AttributeValue> newer = world.result("acct-7");
    // the sample's first record (version 11) delivered again, late, on its own
    JsonNode sample = World.read(STREAM);
    ((com.fasterxml.jackson.databind.node.ArrayNode) sample.path("Records")).remove(1);

    JsonNode response = MockLambda.invoke(sample);

    assertThat(response.path("batchItemFailures")).isEmpty();
    assertThat(world.result("acct-7")).isEqualTo(newer);
  }

  @Test
  void recalculate_twoUpdatesRacingOnOneAccount_endsWithTheLaterVersion() throws Exception {
    world.applyStream(STREAM);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 10; round++) {
        long older = 100 + 2L * round;
        long later = older + 1;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> both = new ArrayList<>();
        for (long version : List.of(later, older)) {
          both.add(
              pool.submit(
                  () -> {
                    start.await();
                    if (version == later) {
                      world.putPosition(
                          "acct-7", "BTC-26JUN20-10000-P", -1.0 * round(version), version);
                    }
                    world.recalculate("acct-7", version);
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> f : both) {
          f.get();
        }
        Map<String, AttributeValue> result = world.result("acct-7");
        assertThat(result.get("version").n()).as("round %d", round).isEqualTo(Long.toString(later));
        assertThat(result.get("result").s())
            .as("round %d", round)
            .contains("\"account\" : \"acct-7\"");
        // the stored result is the margin of the final table state: recomputing it changes nothing
        assertThat(world.recalculate("acct-7", later)).as("round %d", round).isFalse();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void handle_malformedRecords_reportsOnlyThemAndMarginsTheRest() {
    world.applyStream("bad/positions-stream-bad.json");

    JsonNode response = MockLambda.invokeSample("bad/positions-stream-bad.json");

    assertThat(response.path("batchItemFailures").findValuesAsText("itemIdentifier"))
        .containsExactly("4200000000012345678902", "4200000000012345678903");
    assertThat(world.result("acct-8").get("version").n()).isEqualTo("3");
    assertThat(world.result("acct-8").get("status").s()).isNotEqualTo("ERROR");
    Map<String, AttributeValue> sol = world.result("acct-10");
    assertThat(sol.get("status").s()).isEqualTo("ERROR");
    assertThat(sol.get("result").s()).contains("SOL-PERPETUAL").contains("no market for SOL");
  }

  @Test
  void handle_publishFailedThenRedelivered_republishesWithTheRealPreviousStatus() {
    world.applyStream(STREAM);
    MockLambda.invokeSample(STREAM); // acct-7: HEALTHY → MARGIN_CALL, published
    // acct-7 sells more puts (version 13): MARGIN_CALL → LIQUIDATION
    com.fasterxml.jackson.databind.node.ObjectNode event =
        (com.fasterxml.jackson.databind.node.ObjectNode) World.read(STREAM);
    com.fasterxml.jackson.databind.node.ObjectNode record =
        (com.fasterxml.jackson.databind.node.ObjectNode) event.path("Records").get(1).deepCopy();
    com.fasterxml.jackson.databind.node.ObjectNode d =
        (com.fasterxml.jackson.databind.node.ObjectNode) record.path("dynamodb");
    d.put("SequenceNumber", "4100000000012345678903");
    d.set("OldImage", d.path("NewImage").deepCopy());
    ((com.fasterxml.jackson.databind.node.ObjectNode) d.path("NewImage").path("quantity"))
        .put("N", "-10");
    ((com.fasterxml.jackson.databind.node.ObjectNode) d.path("NewImage").path("version"))
        .put("N", "13");
    record.put("eventName", "MODIFY");
    event.set("Records", JSON.createArrayNode().add(record));
    world.putPosition("acct-7", "BTC-26JUN20-10000-P", -10, 13);
    events.failNext(1);

    JsonNode failed = MockLambda.invoke(event);

    assertThat(failed.path("batchItemFailures").findValuesAsText("itemIdentifier"))
        .containsExactly("4100000000012345678903");
    Map<String, AttributeValue> stored = world.result("acct-7");
    assertThat(stored.get("status").s()).isEqualTo("LIQUIDATION");
    assertThat(stored.get("pendingEvent").s()).isEqualTo("Liquidation");
    assertThat(events.published()).hasSize(1);

    JsonNode redelivered = MockLambda.invoke(event);

    assertThat(redelivered.path("batchItemFailures")).isEmpty();
    assertThat(events.published()).hasSize(2);
    assertThat(events.published().get(1).detailType()).isEqualTo("Liquidation");
    assertThat(events.published().get(1).detail().status()).isEqualTo("LIQUIDATION");
    assertThat(events.published().get(1).detail().previousStatus()).isEqualTo("MARGIN_CALL");
    assertThat(world.result("acct-7")).doesNotContainKeys("pendingEvent", "pendingPreviousStatus");
  }

  @Test
  void handle_streamWithAnAccountOfUnknownModel_storesItAsErrorAndMarginsTheOthers() {
    world.applyStream(STREAM);
    world.putAccount("acct-typo", Map.of("BTC", 1.0), "span-99");
    world.putPosition("acct-typo", "BTC-PERPETUAL", 1.0, 1);
    com.fasterxml.jackson.databind.node.ObjectNode event =
        (com.fasterxml.jackson.databind.node.ObjectNode) World.read(STREAM);
    com.fasterxml.jackson.databind.node.ObjectNode typo =
        (com.fasterxml.jackson.databind.node.ObjectNode) event.path("Records").get(1).deepCopy();
    com.fasterxml.jackson.databind.node.ObjectNode d =
        (com.fasterxml.jackson.databind.node.ObjectNode) typo.path("dynamodb");
    d.put("SequenceNumber", "4100000000012345678999");
    ((com.fasterxml.jackson.databind.node.ObjectNode) d.path("Keys").path("pk"))
        .put("S", "acct-typo");
    ((com.fasterxml.jackson.databind.node.ObjectNode) d.path("Keys").path("sk"))
        .put("S", "BTC-PERPETUAL");
    ((com.fasterxml.jackson.databind.node.ObjectNode) d.path("NewImage").path("pk"))
        .put("S", "acct-typo");
    ((com.fasterxml.jackson.databind.node.ObjectNode) d.path("NewImage").path("sk"))
        .put("S", "BTC-PERPETUAL");
    ((com.fasterxml.jackson.databind.node.ObjectNode) d.path("NewImage").path("quantity"))
        .put("N", "1");
    ((com.fasterxml.jackson.databind.node.ObjectNode) d.path("NewImage").path("version"))
        .put("N", "1");
    ((com.fasterxml.jackson.databind.node.ArrayNode) event.path("Records")).add(typo);

    JsonNode response = MockLambda.invoke(event);

    assertThat(response.path("batchItemFailures")).isEmpty();
    assertThat(world.result("acct-7").get("status").s()).isEqualTo("MARGIN_CALL");
    assertThat(world.result("acct-typo").get("status").s()).isEqualTo("ERROR");
    assertThat(world.result("acct-typo").get("result").s()).contains("unknown model 'span-99'");
  }

  @Test
  void handle_expiredSnapshot_reportsEveryRecordForRetryAndWritesNothing() {
    world.applyStream(STREAM);
    var pointers = world.expirePointers();
    try {
      JsonNode response = MockLambda.invokeSample(STREAM);

      assertThat(response.path("batchItemFailures").findValuesAsText("itemIdentifier"))
          .containsExactly("4100000000012345678901", "4100000000012345678902");
      assertThat(world.result("acct-7")).isEmpty();
      assertThat(events.published()).isEmpty();
    } finally {
      world.restore(pointers);
    }
  }

  private static long round(long version) {
    return version % 7 + 1;
  }
}
