package io.cryptomargin.function.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.joda.JodaModule;

/**
 * Events of {@code events/} as the typed objects Lambda hands the handlers, read with the settings
 * of Quarkus's Lambda mapper (properties matched case-insensitively, unknown ones ignored), for
 * callers that invoke a handler directly rather than through the mock event server.
 */
public final class LambdaEvents {
  private static final ObjectMapper LAMBDA =
      JsonMapper.builder()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true)
          .addModule(new JodaModule())
          .build();

  private LambdaEvents() {}

  /** An event as a type. */
  public static <T> T as(JsonNode event, Class<T> type) {
    return LAMBDA.convertValue(event, type);
  }

  public static DynamodbEvent stream(JsonNode event) {
    return as(event, DynamodbEvent.class);
  }

  public static SQSEvent sqs(JsonNode event) {
    return as(event, SQSEvent.class);
  }

  public static APIGatewayV2HTTPEvent http(JsonNode event) {
    return as(event, APIGatewayV2HTTPEvent.class);
  }
}
