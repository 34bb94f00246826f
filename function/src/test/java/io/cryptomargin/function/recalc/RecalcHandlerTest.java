package io.cryptomargin.function.recalc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptomargin.function.testing.CapturedMarginEvents;
import io.cryptomargin.function.testing.DynamoDbLocalResource;
import io.cryptomargin.function.testing.HandlerProfiles;
import io.cryptomargin.function.testing.MockLambda;
import io.cryptomargin.function.testing.World;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The recalc handler (and the snapshot handler's fan-out) through the mock event server on DynamoDB
 * Local.
 */
@QuarkusTest
@TestProfile(HandlerProfiles.Recalc.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
class RecalcHandlerTest {
  @Inject World world;
  @Inject CapturedMarginEvents events;

  @BeforeEach
  void reset() {
    world.reset();
  }

  @Test
  void handle_sampleMessages_marginsEveryAccountTheyName() {
    JsonNode response = MockLambda.invoke(World.text("recalc-sqs.json"));

    assertThat(response.path("batchItemFailures")).isEmpty();
    for (String account : List.of("acct-7", "acct-8", "acct-9")) {
      assertThat(world.result(account).get("snapshotId").s())
          .isEqualTo("deribit-2020-05-14T05:44Z");
      assertThat(world.result(account).get("status").s())
          .isIn("HEALTHY", "MARGIN_CALL", "LIQUIDATION");
    }
    assertThat(world.result("acct-9").get("model").s()).isEqualTo("crypto-pm");
  }

  @Test
  void handle_badMessages_reportsOnlyThemAndMarginsTheRest() {
    JsonNode response = MockLambda.invoke(World.text("bad/recalc-sqs-bad.json"));

    assertThat(response.path("batchItemFailures").findValuesAsText("itemIdentifier"))
        .containsExactly(
            "6a2e8b2f-1d4c-4b9f-8c82-3e5a7b9d1f21", "6a2e8b2f-1d4c-4b9f-8c82-3e5a7b9d1f22");
    assertThat(world.result("acct-9")).containsKey("status");
  }

  @Test
  void handle_snapshotFanOut_marginsEveryAccountAndRaisesACallForEachPushedUnder() {
    world.applyStream("positions-stream.json"); // acct-7's book is now one the market pushes under
    world.publishSnapshot();
    assertThat(world.recalcMessages()).isEqualTo(1); // 3 accounts, batches of 100

    for (String event : world.recalcEvents(10)) {
      assertThat(MockLambda.invoke(event).path("batchItemFailures")).isEmpty();
    }

    assertThat(world.resultStatuses().values().stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(3);
    assertThat(events.published())
        .extracting(p -> p.detail().account() + " " + p.detailType())
        .containsExactly("acct-7 Margin Call");
  }

  @Test
  void handle_sameMessagesTwice_secondDeliveryChangesNothing() {
    MockLambda.invoke(World.text("recalc-sqs.json"));
    Map<String, ?> first = world.result("acct-8");

    MockLambda.invoke(World.text("recalc-sqs.json"));

    assertThat(world.result("acct-8")).isEqualTo(first);
  }

  @Test
  void handle_expiredSnapshot_reportsEveryMessageForRetry() {
    var pointers = world.expirePointers();
    try {
      JsonNode response = MockLambda.invoke(World.text("recalc-sqs.json"));

      assertThat(response.path("batchItemFailures")).hasSize(2);
    } finally {
      world.restore(pointers);
    }
  }

  @Test
  void handle_batchWithAnAccountOfUnknownModel_storesItAsErrorAndMarginsTheOthers() {
    // a typo in one accounts item must not send the whole batch to the DLQ
    world.putAccount("acct-typo", Map.of("BTC", 1.0), "span-99");
    world.putPosition("acct-typo", "BTC-PERPETUAL", 1.0, 1);
    world.putPosition("acct-typo", "SOL-PERPETUAL", 2.0, 2);
    ObjectNode event = (ObjectNode) World.read("recalc-sqs.json");
    ObjectNode typo = ((ObjectNode) event.path("Records").get(1)).deepCopy();
    typo.put("messageId", "typo-message");
    typo.put(
        "body", "{\"snapshotId\": \"deribit-2020-05-14T05:44Z\", \"accounts\": [\"acct-typo\"]}");
    ((ArrayNode) event.path("Records")).add(typo);

    JsonNode response = MockLambda.invoke(event.toString());

    assertThat(response.path("batchItemFailures")).isEmpty();
    for (String account : List.of("acct-7", "acct-8", "acct-9")) {
      assertThat(world.result(account).get("status").s())
          .as(account)
          .isIn("HEALTHY", "MARGIN_CALL", "LIQUIDATION");
    }
    Map<String, AttributeValue> typoResult = world.result("acct-typo");
    assertThat(typoResult.get("status").s()).isEqualTo("ERROR");
    assertThat(typoResult.get("model").s()).isEqualTo("span-99");
    assertThat(typoResult.get("version").n()).isEqualTo("2");
    assertThat(typoResult.get("snapshotId").s()).isEqualTo("deribit-2020-05-14T05:44Z");
    assertThat(typoResult.get("result").s())
        .contains("unknown model 'span-99'")
        .contains("SOL-PERPETUAL")
        .doesNotContain("\"positions.BTC-PERPETUAL");
  }

  @Test
  void handle_oneModelsSnapshotExpired_retriesOnlyTheMessagesOfItsAccounts() {
    var pointers =
        world.expirePointers(List.of("span-16")); // acct-7 is span-16; acct-8 and acct-9 crypto-pm
    try {
      JsonNode response = MockLambda.invoke(World.text("recalc-sqs.json"));

      assertThat(response.path("batchItemFailures").findValuesAsText("itemIdentifier"))
          .containsExactly("5f1d7a1e-0c3b-4a8e-9b71-2d4f6a8c0e11");
      assertThat(world.result("acct-7")).isEmpty();
      assertThat(world.result("acct-8").get("model").s()).isEqualTo("crypto-pm");
      assertThat(world.result("acct-9").get("model").s()).isEqualTo("crypto-pm");
    } finally {
      world.restore(pointers);
    }
  }
}
