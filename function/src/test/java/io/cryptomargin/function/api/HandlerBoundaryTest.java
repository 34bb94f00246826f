package io.cryptomargin.function.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptomargin.function.positions.PositionsHandler;
import io.cryptomargin.function.testing.DynamoDbLocalResource;
import io.cryptomargin.function.testing.ErrorThrowingMargin;
import io.cryptomargin.function.testing.HandlerProfiles;
import io.cryptomargin.function.testing.LambdaEvents;
import io.cryptomargin.function.testing.MockLambda;
import io.cryptomargin.function.testing.World;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An {@link Error} thrown by one request's work (a stack overflow, exhausted memory) ends that
 * request only: the API answers it with a 500 and the next request on the same instance is served;
 * a batch reports the records of the failing account and margins the others.
 */
@QuarkusTest
@TestProfile(HandlerProfiles.ApiWithErrors.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
class HandlerBoundaryTest {
  @Inject World world;
  @Inject PositionsHandler positions;

  @BeforeEach
  void reset() {
    world.reset();
  }

  @Test
  void handle_requestThatThrowsAnError_answers500AndTheInstanceServesTheNextRequest() {
    for (double marker :
        new double[] {ErrorThrowingMargin.STACK_OVERFLOW, ErrorThrowingMargin.OUT_OF_MEMORY}) {
      ObjectNode event = (ObjectNode) World.read("api-post-margin.json");
      event.put(
          "body",
          "{\"account\": \"desk-a\", \"collateral\": {\"BTC\": 2}, \"positions\": [{\"instrument\":"
              + " \"BTC-PERPETUAL\", \"quantity\": "
              + marker
              + "}]}");

      JsonNode failed = MockLambda.invoke(event);
      JsonNode next = MockLambda.invokeSample("api-get-account-margin.json");

      assertThat(failed.path("statusCode").asInt()).isEqualTo(500);
      assertThat(failed.path("body").asText())
          .contains(
              marker == ErrorThrowingMargin.STACK_OVERFLOW
                  ? "StackOverflowError"
                  : "OutOfMemoryError");
      assertThat(next.path("statusCode").asInt()).isEqualTo(200);
    }
  }

  @Test
  void handle_batchWhereOneAccountThrowsAnError_failsItsRecordsOnlyAndMarginsTheOthers() {
    world.putPosition("acct-8", "ETH-PERPETUAL", ErrorThrowingMargin.STACK_OVERFLOW, 3);
    ObjectNode event = (ObjectNode) World.read("positions-stream.json");
    ObjectNode record = (ObjectNode) event.path("Records").get(0).deepCopy();
    ObjectNode d = (ObjectNode) record.path("dynamodb");
    d.put("SequenceNumber", "4100000000012345678999");
    ((ObjectNode) d.path("Keys").path("pk")).put("S", "acct-8");
    ((ObjectNode) d.path("NewImage").path("version")).put("N", "3");
    ((ArrayNode) event.path("Records")).add(record);
    world.applyStream("positions-stream.json");

    StreamsEventResponse response = positions.handleRequest(LambdaEvents.stream(event), null);

    assertThat(response.getBatchItemFailures())
        .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("4100000000012345678999");
    assertThat(world.result("acct-7").get("status").s()).isEqualTo("MARGIN_CALL");
    assertThat(world.result("acct-8")).isEmpty();
  }
}
