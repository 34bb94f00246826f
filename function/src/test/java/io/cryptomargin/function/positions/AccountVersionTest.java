package io.cryptomargin.function.positions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * The account version orders every change (a delete and a collateral change included), so the
 * stored margin always follows the account's latest state: on DynamoDB Local, through the positions
 * handler and with real threads racing.
 */
@QuarkusTest
@TestProfile(HandlerProfiles.Positions.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
class AccountVersionTest {
  private static final String STREAM = "positions-stream.json";
  private static final int ROUNDS = 12;

  @Inject World world;

  @BeforeEach
  void reset() {
    world.reset();
    world.applyStream(STREAM);
    MockLambda.invokeSample(STREAM); // acct-7 stored at version 12 (its short put)
  }

  @Test
  void handle_removeOfTheHighestVersionPosition_laterMarketMovesAreStillWritten() {
    assertThat(world.result("acct-7").get("version").n()).isEqualTo("12");
    long removedAt = world.accounts().removePosition("acct-7", "BTC-26JUN20-10000-P");

    JsonNode response = MockLambda.invoke(removeRecord());

    assertThat(removedAt).isEqualTo(13);
    assertThat(response.path("batchItemFailures")).isEmpty();
    Map<String, AttributeValue> afterRemove = world.result("acct-7");
    assertThat(afterRemove.get("version").n()).isEqualTo("13");
    assertThat(afterRemove.get("result").s()).doesNotContain("BTC-26JUN20-10000-P");
    // the market moves: a later snapshot becomes current, and the account's recalculation is
    // written
    world.publishSnapshot(laterSnapshot());
    assertThat(world.recalculate("acct-7", 0)).isTrue();
    assertThat(world.result("acct-7").get("snapshotId").s()).isEqualTo("deribit-2020-05-14T05:45Z");
    assertThat(world.result("acct-7").get("version").n()).isEqualTo("13");
  }

  @Test
  void recalculate_collateralChangeRacingARecalculation_storesTheMarginOfTheLatestState()
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    int stale = 0;
    try {
      for (int round = 0; round < ROUNDS; round++) {
        double btc = 0.5 + round * 0.25;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> both = new ArrayList<>();
        both.add(
            pool.submit(
                () -> { // the collateral change, then its own recalculation
                  start.await();
                  long version = world.accounts().putCollateral("acct-7", Map.of("BTC", btc));
                  world.recalculate("acct-7", 0);
                  return version;
                }));
        both.add(
            pool.submit(
                () -> { // a market-move recalculation racing it
                  start.await();
                  world.recalculate("acct-7", 0);
                  return 0L;
                }));
        start.countDown();
        long changed = both.get(0).get();
        both.get(1).get();

        Map<String, AttributeValue> result = world.result("acct-7");
        assertThat(result.get("version").n())
            .as("round %d", round)
            .isEqualTo(Long.toString(changed));
        assertThat(result.get("result").s()).as("round %d", round).contains("\"collateralValue\"");
        // the stored result is the margin of the final state: recomputing it changes nothing
        if (world.recalculate("acct-7", 0)) {
          stale++;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.printf(
        "collateral change racing a recalculation: %d rounds, %d ended with a stale stored margin%n",
        ROUNDS, stale);
    assertThat(stale).isZero();
  }

  /** The stream record of deleting acct-7's short put (its old image carries version 12). */
  private static JsonNode removeRecord() {
    ObjectNode event = (ObjectNode) World.read(STREAM);
    ObjectNode record = (ObjectNode) event.path("Records").get(1).deepCopy();
    ObjectNode d = (ObjectNode) record.path("dynamodb");
    d.put("SequenceNumber", "4100000000012345678910");
    d.set("OldImage", d.path("NewImage").deepCopy());
    d.remove("NewImage");
    record.put("eventName", "REMOVE");
    ArrayNode records = event.arrayNode().add(record);
    event.set("Records", records);
    return event;
  }

  /** The sample snapshot a minute later, under another id. */
  private static JsonNode laterSnapshot() {
    ObjectNode event = (ObjectNode) World.read("snapshot-eventbridge.json");
    ObjectNode snapshot = (ObjectNode) event.path("detail").path("snapshot");
    snapshot.put("id", "deribit-2020-05-14T05:45Z");
    snapshot.put(
        "asOf", java.time.Instant.parse(snapshot.path("asOf").asText()).plusSeconds(60).toString());
    return event;
  }
}
