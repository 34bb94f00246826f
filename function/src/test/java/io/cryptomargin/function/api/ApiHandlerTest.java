package io.cryptomargin.function.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptomargin.function.testing.DynamoDbLocalResource;
import io.cryptomargin.function.testing.EngineChecks;
import io.cryptomargin.function.testing.EventFiles;
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

/**
 * The api handler through Quarkus's mock Lambda event server, on DynamoDB Local, fed the files of
 * {@code events/}.
 */
@QuarkusTest
@TestProfile(HandlerProfiles.Api.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
class ApiHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject World world;
  @Inject EngineChecks engine;

  @BeforeEach
  void reset() {
    world.reset();
  }

  @Test
  void handle_postedPortfolioWithWhatIfAndCompare_equalsTheEnginesOwnResults() throws Exception {
    JsonNode response = MockLambda.invokeSample("api-post-margin.json");

    assertThat(response.path("statusCode").asInt()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.path("body").asText());
    JsonNode request = JSON.readTree(World.read("api-post-margin.json").path("body").asText());
    ObjectNode book = request.deepCopy();
    book.remove(List.of("whatIf", "compare"));
    String bookJson = book.toString();
    assertThat(body.path("margin"))
        .isEqualTo(
            JSON.readTree(engine.margin(bookJson, EventFiles.SNAPSHOT_FILE, "crypto-pm", null)));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> trades = JSON.convertValue(request.path("whatIf"), List.class);
    JsonNode withTrades =
        JSON.readTree(engine.margin(bookJson, EventFiles.SNAPSHOT_FILE, "crypto-pm", trades));
    assertThat(body.path("whatIf").path("margin")).isEqualTo(withTrades);
    assertThat(body.path("whatIf").path("incrementalInitialMargin").asDouble())
        .isEqualTo(
            withTrades.path("initialMargin").asDouble()
                - body.path("margin").path("initialMargin").asDouble());
    assertThat(body.path("comparison"))
        .isEqualTo(
            JSON.readTree(engine.comparison(bookJson, EventFiles.SNAPSHOT_FILE, "crypto-pm")));
  }

  @Test
  void handle_storedAccountWithWhatIfOfAnUncachedInstrument_computesTheArrayAndWritesItBack()
      throws Exception {
    assertThat(engine.arrayStored("span-16", "BTC", "BTC-26JUN20-9000-C")).isFalse();

    JsonNode response = MockLambda.invokeSample("api-post-margin-account.json");

    assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.path("body").asText());
    assertThat(body.path("margin").path("account").asText()).isEqualTo("acct-7");
    assertThat(body.path("margin").path("model").asText()).isEqualTo("span-16");
    // acct-7 is long a perpetual and two 8,000 calls: writing two 9,000 calls against them caps the
    // upside
    // they would gain, so on the mark-to-market basis (the premium in equity, not in the
    // requirement) it lowers
    // the scan: a negative increment.
    assertThat(body.path("whatIf").path("incrementalInitialMargin").asDouble()).isNegative();
    assertThat(
            engine.storedArrayEqualsEngine(
                EventFiles.SNAPSHOT_FILE, "span-16", "BTC-26JUN20-9000-C"))
        .isTrue();
  }

  @Test
  void handle_getStoredAccountMargin_returnsTheStoredResultAfterARecalculation() throws Exception {
    JsonNode computed =
        JSON.readTree(MockLambda.invokeSample("api-get-account-margin.json").path("body").asText());
    assertThat(computed.path("source").asText()).isEqualTo("computed");
    world.recalculate("acct-7", 0);

    JsonNode response = MockLambda.invokeSample("api-get-account-margin.json");

    assertThat(response.path("statusCode").asInt()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.path("body").asText());
    assertThat(body.path("source").asText()).isEqualTo("stored");
    assertThat(body.path("version").asLong()).isEqualTo(10);
    assertThat(body.path("margin")).isEqualTo(computed.path("margin"));
  }

  @Test
  void handle_badPost_returns400ListingEveryProblem() throws Exception {
    JsonNode response = MockLambda.invokeSample("bad/api-post-margin-bad.json");

    assertThat(response.path("statusCode").asInt()).isEqualTo(400);
    JsonNode body = JSON.readTree(response.path("body").asText());
    assertThat(body.path("errors").findValuesAsText("field"))
        .contains(
            "leverage",
            "model",
            "compare",
            "whatIf",
            "collateral.BTC",
            "positions[0].quantity",
            "positions[1].instrument");
  }

  @Test
  void handle_instrumentsTheSnapshotCannotPrice_returns400NamingEach() throws Exception {
    JsonNode response = MockLambda.invokeSample("bad/api-post-margin-unknown-instrument.json");

    assertThat(response.path("statusCode").asInt()).isEqualTo(400);
    String body = response.path("body").asText();
    assertThat(body)
        .contains("SOL-PERPETUAL")
        .contains("BTC-32JUN20-9000-C")
        .doesNotContain("\"BTC-PERPETUAL");
  }

  @Test
  void handle_fieldProblemsAndUnpriceableInstruments_returns400ListingBoth() throws Exception {
    ObjectNode event = (ObjectNode) World.read("api-post-margin.json");
    ObjectNode request = (ObjectNode) JSON.readTree(event.path("body").asText());
    request.put("leverage", 10);
    request.put("compare", "yes");
    ((com.fasterxml.jackson.databind.node.ArrayNode) request.path("positions"))
        .addObject()
        .put("instrument", "SOL-PERPETUAL")
        .put("quantity", 1);
    ((com.fasterxml.jackson.databind.node.ArrayNode) request.path("whatIf"))
        .addObject()
        .put("instrument", "BTC-32JUN20-9000-C")
        .put("quantity", 1);
    event.put("body", request.toString());

    JsonNode response = MockLambda.invoke(event);

    assertThat(response.path("statusCode").asInt()).isEqualTo(400);
    JsonNode body = JSON.readTree(response.path("body").asText());
    assertThat(body.path("errors").findValuesAsText("field"))
        .contains("leverage", "compare", "positions.SOL-PERPETUAL")
        .anyMatch(field -> field.startsWith("positions.BTC-32JUN20-9000-C"));
  }

  @Test
  void handle_whatIfOfManyUncachedInstruments_addsAtMostTheBoundToTheSharedCache()
      throws Exception {
    int before = world.arrayItems("deribit-2020-05-14T05:44Z");
    StringBuilder trades = new StringBuilder();
    for (int i = 0; i < ApiLimits.MAX_WHAT_IF_TRADES; i++) {
      trades
          .append(i == 0 ? "" : ", ")
          .append("{\"instrument\": \"BTC-26JUN20-")
          .append(5050 + 100 * i)
          .append("-C\", \"quantity\": -1}");
    }
    ObjectNode event = (ObjectNode) World.read("api-post-margin.json");
    event.put(
        "body",
        "{\"account\": \"desk-z\", \"collateral\": {\"BTC\": 5}, \"positions\": [{\"instrument\":"
            + " \"BTC-PERPETUAL\", \"quantity\": 1}], \"whatIf\": ["
            + trades
            + "]}");

    JsonNode response = MockLambda.invoke(event);

    assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.path("body").asText());
    assertThat(body.path("whatIf").path("trades")).hasSize(ApiLimits.MAX_WHAT_IF_TRADES);
    assertThat(world.arrayItems("deribit-2020-05-14T05:44Z") - before)
        .isEqualTo(ApiLimits.MAX_CACHE_WRITES);
  }

  @Test
  void handle_unknownAccount_returns404() throws Exception {
    JsonNode response = MockLambda.invokeSample("bad/api-get-unknown-account.json");

    assertThat(response.path("statusCode").asInt()).isEqualTo(404);
    assertThat(response.path("body").asText()).contains("acct-unknown");
  }

  @Test
  void handle_expiredSnapshot_returns503NamingIt() {
    var pointers = world.expirePointers();
    try {
      JsonNode response = MockLambda.invokeSample("api-post-margin.json");

      assertThat(response.path("statusCode").asInt()).isEqualTo(503);
      assertThat(response.path("body").asText())
          .contains("expired")
          .contains("deribit-2020-05-14T05:44Z");
    } finally {
      world.restore(pointers);
    }
  }

  @Test
  void handle_base64FlaggedBodyThatIsNotBase64_returns400NamingTheBody() throws Exception {
    ObjectNode event = (ObjectNode) World.read("api-post-margin.json");
    event.put("isBase64Encoded", true);
    event.put("body", "{not base64!}");

    JsonNode response = MockLambda.invoke(event);

    assertThat(response.path("statusCode").asInt()).isEqualTo(400);
    JsonNode body = JSON.readTree(response.path("body").asText());
    assertThat(body.path("errors").findValuesAsText("field")).containsExactly("body");
    assertThat(body.path("errors").get(0).path("message").asText()).contains("base64");
  }

  @Test
  void handle_base64EncodedPortfolio_returns200() throws Exception {
    ObjectNode event = (ObjectNode) World.read("api-post-margin.json");
    event.put("isBase64Encoded", true);
    event.put(
        "body",
        java.util.Base64.getEncoder()
            .encodeToString(
                event.path("body").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8)));

    JsonNode response = MockLambda.invoke(event);

    assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(200);
  }

  @Test
  void handle_bodyThatIsNotJson_returns400NamingTheBody() throws Exception {
    ObjectNode event = (ObjectNode) World.read("api-post-margin.json");
    event.put("body", "account=acct-7&model=span-16");

    JsonNode response = MockLambda.invoke(event);

    assertThat(response.path("statusCode").asInt()).isEqualTo(400);
    JsonNode body = JSON.readTree(response.path("body").asText());
    assertThat(body.path("errors").findValuesAsText("field")).containsExactly("body");
    assertThat(body.path("errors").get(0).path("message").asText()).contains("not valid JSON");
  }

  @Test
  void handle_unknownRoute_returns404NamingTheRoutes() throws Exception {
    ObjectNode event = (ObjectNode) World.read("api-post-margin.json");
    event.put("rawPath", "/margins");
    ((ObjectNode) event.path("requestContext").path("http")).put("path", "/margins");

    JsonNode response = MockLambda.invoke(event);

    assertThat(response.path("statusCode").asInt()).isEqualTo(404);
    assertThat(response.path("body").asText())
        .contains("POST /margins")
        .contains("POST /margin or GET");
  }

  @Test
  void handle_wrongMethod_returns405NamingTheRightOne() throws Exception {
    ObjectNode event = (ObjectNode) World.read("api-post-margin.json");
    ((ObjectNode) event.path("requestContext").path("http")).put("method", "GET");

    JsonNode response = MockLambda.invoke(event);

    assertThat(response.path("statusCode").asInt()).isEqualTo(405);
    assertThat(response.path("body").asText()).contains("method GET not allowed: use POST");
  }
}
