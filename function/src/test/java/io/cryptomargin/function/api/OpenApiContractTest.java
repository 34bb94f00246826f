package io.cryptomargin.function.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.cryptomargin.function.testing.DynamoDbLocalResource;
import io.cryptomargin.function.testing.HandlerProfiles;
import io.cryptomargin.function.testing.MockLambda;
import io.cryptomargin.function.testing.World;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The handler against its OpenAPI document ({@code openapi.yaml}): the same routes, every status a
 * route answers with documented, the limits the same figures, and real answers (the samples of
 * {@code events/} and requests made to draw every status) valid against the documented schemas.
 */
@QuarkusTest
@TestProfile(HandlerProfiles.Api.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
class OpenApiContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode DOCUMENT = document();

  @Inject World world;

  @BeforeEach
  void reset() {
    world.reset();
  }

  private static JsonNode document() {
    try (InputStream in = OpenApiContractTest.class.getResourceAsStream("/openapi.yaml")) {
      return new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void routes_tableAndDocument_listTheSameRoutesWithTheSameStatuses() {
    TreeMap<String, Set<Integer>> documented = new TreeMap<>();
    for (var path : DOCUMENT.path("paths").properties()) {
      for (var operation : path.getValue().properties()) {
        Set<Integer> statuses = new TreeSet<>();
        operation
            .getValue()
            .path("responses")
            .fieldNames()
            .forEachRemaining(s -> statuses.add(Integer.parseInt(s)));
        documented.put(operation.getKey().toUpperCase() + " " + path.getKey(), statuses);
      }
    }
    TreeMap<String, Set<Integer>> handled = new TreeMap<>();
    MarginApi.ROUTES.forEach(
        route -> handled.put(route.toString(), new TreeSet<>(route.statuses())));

    assertThat(handled).isEqualTo(documented);
  }

  @Test
  void limits_documentAndHandler_stateTheSameFigures() {
    JsonNode request =
        DOCUMENT.path("components").path("schemas").path("MarginRequest").path("properties");
    assertThat(request.path("positions").path("maxItems").asInt())
        .isEqualTo(ApiLimits.MAX_POSITIONS);
    assertThat(request.path("whatIf").path("maxItems").asInt())
        .isEqualTo(ApiLimits.MAX_WHAT_IF_TRADES);
    assertThat(request.path("collateral").path("maxProperties").asInt())
        .isEqualTo(ApiLimits.MAX_COLLATERAL_CURRENCIES);
    assertThat(request.path("account").path("maxLength").asInt())
        .isEqualTo(ApiLimits.MAX_ACCOUNT_ID_BYTES);
    JsonNode trade = DOCUMENT.path("components").path("schemas").path("Trade").path("properties");
    assertThat(trade.path("instrument").path("maxLength").asInt())
        .isEqualTo(ApiLimits.MAX_INSTRUMENT_BYTES);
    assertThat(trade.path("quantity").path("maximum").asDouble())
        .isEqualTo(ApiLimits.MAX_ABS_QUANTITY);
    assertThat(trade.path("quantity").path("minimum").asDouble())
        .isEqualTo(-ApiLimits.MAX_ABS_QUANTITY);
    String description = DOCUMENT.path("info").path("description").asText().replaceAll("\\s+", " ");
    assertThat(description)
        .contains(String.format("%,d bytes", ApiLimits.MAX_BODY_BYTES))
        .contains(ApiLimits.MAX_CACHE_WRITES + " newly computed risk arrays");
  }

  @Test
  void answers_samplesAndEveryStatus_validateAgainstTheDocumentedSchemas() throws Exception {
    List<String> checked = new ArrayList<>();
    for (String sample :
        List.of(
            "api-post-margin.json",
            "api-post-margin-account.json",
            "api-post-margin-historical-var.json",
            "api-get-account-margin.json",
            "bad/api-post-margin-bad.json",
            "bad/api-post-margin-unknown-instrument.json",
            "bad/api-get-unknown-account.json")) {
      checked.add(check(World.read(sample)));
    }
    world.recalculate("acct-7", 0);
    checked.add(check(World.read("api-get-account-margin.json"))); // the stored answer
    ObjectNode wrongMethod = (ObjectNode) World.read("api-post-margin.json");
    ((ObjectNode) wrongMethod.path("requestContext").path("http")).put("method", "GET");
    checked.add(check(wrongMethod));
    ObjectNode noRoute = (ObjectNode) World.read("api-post-margin.json");
    noRoute.put("rawPath", "/margins");
    checked.add(check(noRoute));
    ObjectNode tooLarge = (ObjectNode) World.read("api-post-margin.json");
    tooLarge.put("body", "{\"account\": \"" + "x".repeat(ApiLimits.MAX_BODY_BYTES) + "\"}");
    checked.add(check(tooLarge));
    var pointers = world.expirePointers();
    try {
      checked.add(check(World.read("api-post-margin.json")));
    } finally {
      world.restore(pointers);
    }
    System.out.println("OpenAPI answers checked: " + checked);

    Set<String> statuses =
        checked.stream()
            .map(c -> c.substring(c.lastIndexOf(' ') + 1))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(statuses).contains("200", "400", "404", "405", "413", "503");
  }

  /**
   * Invokes the handler and checks its answer against the route's documented response; returns
   * "METHOD path status".
   */
  private static String check(JsonNode event) throws Exception {
    String method = event.path("requestContext").path("http").path("method").asText();
    String path = event.path("rawPath").asText();
    JsonNode response = MockLambda.invoke(event);
    int status = response.path("statusCode").asInt();
    MarginApi.Route route =
        MarginApi.ROUTES.stream().filter(r -> r.match(path).isPresent()).findFirst().orElse(null);
    Set<Integer> allowed = route == null ? MarginApi.NO_ROUTE_STATUSES : route.statuses();
    assertThat(allowed).as("%s %s answered %d", method, path, status).contains(status);
    JsonNode operation =
        route == null
            ? null
            : DOCUMENT.path("paths").path(route.template()).path(route.method().toLowerCase());
    JsonNode documented =
        operation == null
            ? DOCUMENT.path("components").path("responses").path("UnknownAccount")
            : resolve(operation.path("responses").path(Integer.toString(status)));
    assertThat(documented.isMissingNode())
        .as("%s %s %d documented", method, path, status)
        .isFalse();
    assertThat(response.path("headers").path("content-type").asText())
        .isEqualTo("application/json");
    JsonNode schema = documented.path("content").path("application/json").path("schema");
    ObjectNode root = ((ObjectNode) DOCUMENT.deepCopy());
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.setAll((ObjectNode) schema);
    Set<ValidationMessage> errors =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(root)
            .validate(JSON.readTree(response.path("body").asText()));
    assertThat(errors)
        .as("%s %s %d: %s", method, path, status, response.path("body").asText())
        .isEmpty();
    return method + " " + path + " " + status;
  }

  private static JsonNode resolve(JsonNode node) {
    String ref = node.path("$ref").asText("");
    if (ref.isEmpty()) {
      return node;
    }
    JsonNode target = DOCUMENT;
    for (String part : ref.substring(2).split("/")) {
      target = target.path(part);
    }
    return target;
  }
}
