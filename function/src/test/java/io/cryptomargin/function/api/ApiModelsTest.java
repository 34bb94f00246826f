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
 * {@code POST /margin} under the models beside the default ({@code tims} from the cached arrays;
 * {@code deribit-sm}, {@code strategy-based} and {@code historical-var} without arrays) through the
 * mock Lambda event server, on DynamoDB Local: each equal to the engine's own result for the same
 * book and snapshot.
 */
@QuarkusTest
@TestProfile(HandlerProfiles.Api.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
class ApiModelsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> ACCEPTED =
      List.of("span-16", "crypto-pm", "tims", "deribit-sm", "strategy-based", "historical-var");

  @Inject World world;
  @Inject EngineChecks engine;

  @BeforeEach
  void reset() {
    world.reset();
  }

  @Test
  void handle_historicalVarSample_equalsTheEnginesOwnMarginWhatIfAndComparison() throws Exception {
    JsonNode response = MockLambda.invoke(World.read("api-post-margin-historical-var.json"));

    assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.path("body").asText());
    JsonNode request =
        JSON.readTree(World.read("api-post-margin-historical-var.json").path("body").asText());
    String book = book(request);
    ObjectNode expected =
        (ObjectNode)
            JSON.readTree(engine.margin(book, EventFiles.SNAPSHOT_FILE, "historical-var", null));
    assertThat(body.path("margin")).isEqualTo(expected.remove("account"));
    assertThat(body.path("margin").path("model").asText()).isEqualTo("historical-var");
    assertThat(body.path("historicalVar")).isEqualTo(expected);
    assertThat(body.path("historicalVar").path("worstScenarios").size()).isEqualTo(10);
    assertThat(body.path("historicalVar").path("worstScenarios").get(0).path("date").asText())
        .matches("\\d{4}-\\d\\d-\\d\\d");

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> trades = JSON.convertValue(request.path("whatIf"), List.class);
    ObjectNode with =
        (ObjectNode)
            JSON.readTree(engine.margin(book, EventFiles.SNAPSHOT_FILE, "historical-var", trades));
    JsonNode withMargin = with.remove("account");
    assertThat(body.path("whatIf").path("margin")).isEqualTo(withMargin);
    assertThat(body.path("whatIf").path("historicalVar")).isEqualTo(with);
    assertThat(body.path("whatIf").path("incrementalInitialMargin").asDouble())
        .isEqualTo(
            withMargin.path("initialMargin").asDouble()
                - body.path("margin").path("initialMargin").asDouble());
    assertThat(body.path("comparison"))
        .isEqualTo(
            JSON.readTree(engine.comparison(book, EventFiles.SNAPSHOT_FILE, "historical-var")));
  }

  @Test
  void handle_timsForAPostedBookWithWhatIf_equalsTheEnginesPortfolioMarginFromTheCachedArrays()
      throws Exception {
    ObjectNode event = postedBookUnder("tims");
    ObjectNode request = (ObjectNode) JSON.readTree(event.path("body").asText());

    JsonNode response = MockLambda.invoke(event);

    assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.path("body").asText());
    String book = book(request);
    JsonNode expected = JSON.readTree(engine.margin(book, EventFiles.SNAPSHOT_FILE, "tims", null));
    assertThat(body.path("margin")).isEqualTo(expected);
    assertThat(body.path("margin").path("model").asText()).isEqualTo("tims");
    // TIMS sets one requirement: IM = MM (METHODOLOGY 2c)
    assertThat(body.path("margin").path("initialMargin").asDouble())
        .isPositive()
        .isEqualTo(body.path("margin").path("maintenanceMargin").asDouble());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> trades = JSON.convertValue(request.path("whatIf"), List.class);
    JsonNode with = JSON.readTree(engine.margin(book, EventFiles.SNAPSHOT_FILE, "tims", trades));
    assertThat(body.path("whatIf").path("margin")).isEqualTo(with);
    assertThat(body.path("whatIf").path("incrementalInitialMargin").asDouble())
        .isEqualTo(
            with.path("initialMargin").asDouble()
                - body.path("margin").path("initialMargin").asDouble());
    assertThat(body.path("comparison"))
        .isEqualTo(JSON.readTree(engine.comparison(book, EventFiles.SNAPSHOT_FILE, "tims")));
  }

  @Test
  void handle_hedgerBookUnderSpan16_imEqualsMmAndTheEnginesFigureForTheSameFile() throws Exception {
    ObjectNode event = postedBookUnder("span-16");
    ObjectNode request = (ObjectNode) JSON.readTree(event.path("body").asText());
    request.put("accountType", "hedger");
    event.put("body", request.toString());

    JsonNode response = MockLambda.invoke(event);

    assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(200);
    JsonNode margin = JSON.readTree(response.path("body").asText()).path("margin");
    // A posted book takes the portfolio file's accountType: CME's hedger IM = 1.0 x MM (METHODOLOGY
    // 3.6)
    assertThat(margin)
        .isEqualTo(
            JSON.readTree(engine.margin(book(request), EventFiles.SNAPSHOT_FILE, "span-16", null)));
    assertThat(margin.path("initialMargin").asDouble())
        .isPositive()
        .isEqualTo(margin.path("maintenanceMargin").asDouble());
  }

  @Test
  void handle_strategyBasedForAPostedBookWithWhatIf_equalsTheEnginesOwnResults() throws Exception {
    ObjectNode event = (ObjectNode) World.read("api-post-margin.json");
    ObjectNode request = (ObjectNode) JSON.readTree(event.path("body").asText());
    request.remove("compare");
    request.put("model", "strategy-based");
    event.put("body", request.toString());

    JsonNode response = MockLambda.invoke(event);

    assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.path("body").asText());
    String book = book(request);
    assertThat(body.path("margin"))
        .isEqualTo(
            JSON.readTree(engine.margin(book, EventFiles.SNAPSHOT_FILE, "strategy-based", null)));
    assertThat(body.path("margin").path("parameterSet").path("id").asText())
        .isEqualTo("strategy-based");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> trades = JSON.convertValue(request.path("whatIf"), List.class);
    JsonNode with =
        JSON.readTree(engine.margin(book, EventFiles.SNAPSHOT_FILE, "strategy-based", trades));
    assertThat(body.path("whatIf").path("margin")).isEqualTo(with);
    assertThat(body.path("whatIf").path("incrementalInitialMargin").asDouble())
        .isEqualTo(
            with.path("initialMarginUsd").asDouble()
                - body.path("margin").path("initialMarginUsd").asDouble());
    assertThat(body.has("historicalVar")).isFalse();
  }

  @Test
  void handle_storedAccountUnderEitherModel_equalsTheEnginesResultForItsStoredBook()
      throws Exception {
    // acct-7 as stored in events/seed/tables.json (positions in the table's key order)
    String book =
        "{\"account\":\"acct-7\",\"collateral\":{\"BTC\":1.9},\"positions\":["
            + "{\"instrument\":\"BTC-26JUN20-8000-C\",\"quantity\":2},{\"instrument\":\"BTC-PERPETUAL\",\"quantity\":1}]}";
    List<Map<String, Object>> trades =
        List.of(Map.of("instrument", "BTC-26JUN20-9000-C", "quantity", -2));
    for (String model : List.of("deribit-sm", "strategy-based", "historical-var")) {
      ObjectNode event = (ObjectNode) World.read("api-post-margin-account.json");
      ObjectNode request = (ObjectNode) JSON.readTree(event.path("body").asText());
      request.put("model", model);
      event.put("body", request.toString());

      JsonNode response = MockLambda.invoke(event);

      assertThat(response.path("statusCode").asInt()).as(model + ": " + response).isEqualTo(200);
      JsonNode body = JSON.readTree(response.path("body").asText());
      JsonNode expected = JSON.readTree(engine.margin(book, EventFiles.SNAPSHOT_FILE, model, null));
      JsonNode with = JSON.readTree(engine.margin(book, EventFiles.SNAPSHOT_FILE, model, trades));
      if (model.equals("historical-var")) {
        expected = expected.path("account");
        with = with.path("account");
      }
      assertThat(body.path("margin")).as(model).isEqualTo(expected);
      assertThat(body.path("whatIf").path("margin")).as(model).isEqualTo(with);
    }
  }

  @Test
  void handle_historicalVarWithAnEthPosition_returns400NamingEth() throws Exception {
    ObjectNode event = postedBookUnder("historical-var");
    ObjectNode request = (ObjectNode) JSON.readTree(event.path("body").asText());

    JsonNode response = MockLambda.invoke(event);

    assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(400);
    JsonNode body = JSON.readTree(response.path("body").asText());
    assertThat(body.path("errors").findValuesAsText("field")).containsExactly("history.ETH");
    assertThat(body.path("errors").get(0).path("message").asText())
        .contains("ETH")
        .contains("historical-var");

    // with a field problem too: both in the same answer
    request.put("leverage", 10);
    event.put("body", request.toString());
    JsonNode both = JSON.readTree(MockLambda.invoke(event).path("body").asText());
    assertThat(both.path("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("leverage", "history.ETH");
  }

  @Test
  void handle_unknownModel_returns400ListingEveryAcceptedModel() throws Exception {
    ObjectNode event = (ObjectNode) World.read("api-post-margin-historical-var.json");
    ObjectNode request = (ObjectNode) JSON.readTree(event.path("body").asText());
    request.put("model", "monte-carlo");
    event.put("body", request.toString());

    JsonNode response = MockLambda.invoke(event);

    assertThat(response.path("statusCode").asInt()).isEqualTo(400);
    JsonNode body = JSON.readTree(response.path("body").asText());
    assertThat(body.path("errors").findValuesAsText("field")).containsExactly("model");
    assertThat(body.path("errors").get(0).path("message").asText())
        .contains("monte-carlo")
        .contains(ACCEPTED);
  }

  @Test
  void handle_compareWithRulesBased_returns400SayingSo() throws Exception {
    ObjectNode event = postedBookUnder("strategy-based");
    ObjectNode request = (ObjectNode) JSON.readTree(event.path("body").asText());

    JsonNode response = MockLambda.invoke(event);

    assertThat(response.path("statusCode").asInt()).isEqualTo(400);
    JsonNode body = JSON.readTree(response.path("body").asText());
    assertThat(body.path("errors").findValuesAsText("field")).containsExactly("compare");
    assertThat(body.path("errors").get(0).path("message").asText())
        .contains("strategy-based")
        .contains("historical-var");
  }

  /** The posted-book sample ({@code api-post-margin.json}) asking for a model. */
  private static ObjectNode postedBookUnder(String model) throws Exception {
    ObjectNode event = (ObjectNode) World.read("api-post-margin.json");
    ObjectNode request = (ObjectNode) JSON.readTree(event.path("body").asText());
    request.put("model", model);
    event.put("body", request.toString());
    return event;
  }

  /** The request without the API's own fields: the book the engine is given. */
  private static String book(JsonNode request) {
    ObjectNode book = request.deepCopy();
    book.remove(List.of("whatIf", "model", "compare"));
    return book.toString();
  }
}
