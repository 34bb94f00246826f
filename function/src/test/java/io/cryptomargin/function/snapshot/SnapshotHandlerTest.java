package io.cryptomargin.function.snapshot;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptomargin.function.store.RiskArrayCodec;
import io.cryptomargin.function.store.SnapshotPointer;
import io.cryptomargin.function.store.SnapshotPointerStore;
import io.cryptomargin.function.testing.DynamoDbLocalResource;
import io.cryptomargin.function.testing.EngineChecks;
import io.cryptomargin.function.testing.EventFiles;
import io.cryptomargin.function.testing.World;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Feeds the files of {@code events/} through Quarkus's mock Lambda event server, as Lambda would.
 */
@QuarkusTest
@QuarkusTestResource(DynamoDbLocalResource.class)
class SnapshotHandlerTest {
  private static final Path EVENTS = EventFiles.EVENTS;
  private static final Path SNAPSHOT_FILE = EventFiles.SNAPSHOT_FILE;
  private static final String SNAPSHOT_ID = "deribit-2020-05-14T05:44Z";
  private static final String LATER_ID = "deribit-2020-05-14T06:44Z";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject EngineChecks engine;

  @Inject SnapshotPointerStore pointers;

  @Inject DynamoDbClient dynamoDb;

  @Inject World world;

  @Test
  void handle_eventBridgeInlineSnapshot_storesExactlyTheEnginesArraysAndMovesPointers() {
    JsonNode run =
        invoke("snapshot-eventbridge.json").then().statusCode(200).extract().as(JsonNode.class);

    for (String setId : List.of("span-16", "crypto-pm", "tims")) {
      SnapshotPointer pointer = pointers.current(setId);
      assertThat(pointer.snapshotId()).isEqualTo(SNAPSHOT_ID);
      assertThat(pointer.parameterVersion()).isEqualTo(engine.parameterVersion(setId));
      assertThat(pointer.underlyings()).containsExactly("BTC", "ETH");
      assertThat(engine.differences(SNAPSHOT_FILE, setId)).isEmpty();
    }
    JsonNode summary = run.path("snapshots").get(0);
    assertThat(summary.path("snapshotId").asText()).isEqualTo(SNAPSHOT_ID);
    assertThat(summary.path("scenarioSets").findValuesAsText("scenarioSetId"))
        .containsExactly("span-16", "crypto-pm", "tims");
    assertThat(summary.path("scenarioSets").get(0).path("arrayCount").asInt())
        .isEqualTo(engine.instrumentCount(SNAPSHOT_FILE));
    assertThat(summary.path("scenarioSets").get(0).path("lossesBytesPerArray").asInt())
        .isEqualTo(128);
    assertThat(summary.path("scenarioSets").get(1).path("lossesBytesPerArray").asInt())
        .isEqualTo(280);
    // tims: ten price points, no vol shift (METHODOLOGY 2c), 8 bytes each
    assertThat(summary.path("scenarioSets").get(2).path("lossesBytesPerArray").asInt())
        .isEqualTo(80);
    printItemSizes();
  }

  @Test
  void inlineSample_carriesTheSameSnapshotAsTheS3ObjectSample() throws IOException {
    JsonNode inline =
        JSON.readTree(EVENTS.resolve("snapshot-eventbridge.json").toFile())
            .path("detail")
            .path("snapshot");

    assertThat(inline).isEqualTo(JSON.readTree(SNAPSHOT_FILE.toFile()));
  }

  @Test
  void handle_s3Notification_readsTheFileAndStoresItsArrays() {
    Response response = invoke("snapshot-s3.json");

    response.then().statusCode(200);
    JsonNode summary = response.as(JsonNode.class).path("snapshots").get(0);
    assertThat(summary.path("origin").asText())
        .isEqualTo(
            "s3://cryptomargin-dev-snapshots/snapshots/2020/05/14/deribit-btc-eth-0544Z.json");
    assertThat(summary.path("snapshotId").asText()).isEqualTo(SNAPSHOT_ID);
    assertThat(pointers.current("span-16").snapshotId()).isEqualTo(SNAPSHOT_ID);
  }

  @Test
  void handle_s3ObjectCreatedThroughEventBridge_readsTheFile() {
    Response response = invoke("snapshot-s3-eventbridge.json");

    response.then().statusCode(200);
    assertThat(response.as(JsonNode.class).path("snapshots").get(0).path("snapshotId").asText())
        .isEqualTo(SNAPSHOT_ID);
  }

  @Test
  void handle_badEventBridgeSnapshot_failsListingEveryProblemAndWritesNothing() {
    String error =
        invoke("bad/snapshot-eventbridge-bad.json").then().statusCode(500).extract().asString();

    assertThat(error)
        .contains("ValidationException")
        .contains("underlyings.BTC.index: must be a finite number > 0")
        .contains("underlyings.ETH: needs")
        .contains("instruments[7]: unknown underlying 'SOL'");
    List<Map<String, AttributeValue>> written =
        dynamoDb.scan(b -> b.tableName(DynamoDbLocalResource.RISK_ARRAYS)).items().stream()
            .filter(
                item ->
                    item.values().stream().anyMatch(v -> v.s() != null && v.s().contains("-bad")))
            .toList();
    assertThat(written).isEmpty();
  }

  @Test
  void handle_snapshotIdLongerThanAKeyTakes_failsNamingTheIdAndWritesNothing() throws Exception {
    com.fasterxml.jackson.databind.node.ObjectNode event =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Files.readString(EVENTS.resolve("snapshot-eventbridge.json")));
    String id = "deribit-" + "é".repeat(120); // 128 characters, 248 UTF-8 bytes
    ((com.fasterxml.jackson.databind.node.ObjectNode) event.path("detail").path("snapshot"))
        .put("id", id);

    String error = invoke(event.toString()).then().statusCode(500).extract().asString();

    assertThat(error)
        .contains("ValidationException")
        .contains("detail.snapshot.id")
        .contains("248 bytes");
    assertThat(world.arrayItems(id)).isZero();
  }

  @Test
  void handle_badS3Notification_failsListingEveryRecordsProblemAndWritesNothing() {
    world.clearRiskArrays(); // from an empty table any array, pointer or stored snapshot written
    // shows

    String error = invoke("bad/snapshot-s3-bad.json").then().statusCode(500).extract().asString();

    assertThat(error)
        .contains("Records[0].s3.bucket.name")
        .contains("someone-elses-bucket")
        .contains("Records[1].eventName")
        .contains("ObjectRemoved:Delete")
        .contains("Records[2].s3.object.key");
    assertThat(world.scanRiskArrays()).isEmpty();
    assertThat(pointers.find("span-16")).isEmpty();
    assertThat(pointers.find("crypto-pm")).isEmpty();
  }

  @Test
  void handle_badS3ObjectCreatedThroughEventBridge_failsNamingBucketAndKeyAndWritesNothing() {
    world.clearRiskArrays();

    String error =
        invoke("bad/snapshot-s3-eventbridge-bad.json").then().statusCode(500).extract().asString();

    assertThat(error)
        .contains("ValidationException")
        .contains(
            "detail.bucket.name: 'someone-elses-bucket' is not the snapshot bucket 'cryptomargin-dev-snapshots'")
        .contains("detail.object.key: is required");
    assertThat(world.scanRiskArrays()).isEmpty();
    assertThat(pointers.find("span-16")).isEmpty();
    assertThat(pointers.find("crypto-pm")).isEmpty();
  }

  @Test
  void handle_arrayWriteFailsPartWay_pointerStillNamesThePreviousSnapshotAndHandlerFails() {
    world.reset(); // the sample snapshot is current
    ObjectNode later = (ObjectNode) World.read("snapshot-eventbridge.json");
    ObjectNode snapshot = (ObjectNode) later.path("detail").path("snapshot");
    snapshot.put("id", LATER_ID);
    snapshot.put("asOf", "2020-05-14T06:44:00Z");
    try {
      // 6 BatchWriteItem calls in all (3 scenario sets x BTC, ETH); the third fails
      RuntimeException failure =
          world.publishSnapshotWithArrayWritesFailingAfter(later.toString(), 2);

      assertThat(failure).isNotNull().hasMessageContaining("throttled");
      int written = world.arrayItems(LATER_ID);
      assertThat(written).isPositive().isLessThan(3 * engine.instrumentCount(SNAPSHOT_FILE));
      for (String setId : List.of("span-16", "crypto-pm", "tims")) {
        assertThat(pointers.current(setId).snapshotId()).as(setId).isEqualTo(SNAPSHOT_ID);
      }
      assertThat(world.recalcMessages()).isZero();

      // the same event with working writes does move every pointer: the failure alone held them
      // back
      invoke(later.toString()).then().statusCode(200);
      for (String setId : List.of("span-16", "crypto-pm", "tims")) {
        assertThat(pointers.current(setId).snapshotId()).as(setId).isEqualTo(LATER_ID);
      }
    } finally {
      world.reset(); // the other tests expect the sample snapshot to be the current one
    }
  }

  private static Response invoke(String eventFileOrJson) {
    try {
      String body =
          eventFileOrJson.startsWith("{")
              ? eventFileOrJson
              : Files.readString(EVENTS.resolve(eventFileOrJson));
      return given().contentType("application/json").body(body).when().post();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Item sizes of the stored arrays, for the benchmarks and capacity planning. */
  private void printItemSizes() {
    for (String setId : List.of("span-16", "crypto-pm", "tims")) {
      String pk = RiskArrayCodec.partitionKey(pointers.currentKey(setId, "BTC"));
      List<Map<String, AttributeValue>> items =
          dynamoDb
              .query(
                  b ->
                      b.tableName(DynamoDbLocalResource.RISK_ARRAYS)
                          .keyConditionExpression("pk = :pk")
                          .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))))
              .items();
      items.forEach(
          item ->
              System.out.printf(
                  "item size %s %s: %d bytes%n",
                  setId, item.get("sk").s(), RiskArrayCodec.itemSize(item)));
    }
  }
}
