package io.cryptomargin.function.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Delivers an event to the handler under test through Quarkus's mock Lambda event server, as the
 * Lambda runtime would, and returns the handler's answer (the server itself answers 200; the
 * handler's own status, for the api, is in the answer's {@code statusCode}).
 */
public final class MockLambda {
  private MockLambda() {}

  /** Invokes the handler with an event given as JSON text. */
  public static JsonNode invoke(String eventJson) {
    return given()
        .contentType("application/json")
        .body(eventJson)
        .post()
        .then()
        .statusCode(200)
        .extract()
        .as(JsonNode.class);
  }

  /** Invokes the handler with an event. */
  public static JsonNode invoke(JsonNode event) {
    return invoke(event.toString());
  }

  /** Invokes the handler with a sample of {@code events/}, by its path there. */
  public static JsonNode invokeSample(String eventFile) {
    return invoke(World.text(eventFile));
  }
}
