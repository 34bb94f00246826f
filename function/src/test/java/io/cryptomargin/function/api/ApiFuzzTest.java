package io.cryptomargin.function.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptomargin.function.testing.DynamoDbLocalResource;
import io.cryptomargin.function.testing.HandlerProfiles;
import io.cryptomargin.function.testing.World;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Mutated API requests through the mock event server on DynamoDB Local: each is one of the {@code
 * events/api-*.json} samples with one seeded mutation of its body or envelope. Every mutation is
 * either known bad (it must be refused with a 4xx) or may be accepted (then its answer must hold
 * only finite figures). Asserted: no 5xx, no error escaping the handler (the mock server would
 * answer other than 200), no known-bad input accepted.
 *
 * <p>A bounded run is part of the build ({@value #DEFAULT_REQUESTS} requests); the longer run is
 * {@code -Dcryptomargin.fuzz.api.requests=10000} (see docs/fuzzing.md), with {@code
 * -Dcryptomargin.fuzz.api.seed} to vary it.
 */
@QuarkusTest
@TestProfile(HandlerProfiles.Api.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
class ApiFuzzTest {
  static final int DEFAULT_REQUESTS = 400;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SAMPLES =
      List.of(
          "api-post-margin.json",
          "api-post-margin-account.json",
          "api-post-margin-historical-var.json",
          "api-get-account-margin.json");

  @Inject World world;

  /**
   * A mutation: changes the event (its body as text, or its envelope); answers whether the result
   * must be refused.
   */
  private record Mutation(String name, BiFunction<ObjectNode, Random, Boolean> apply) {}

  @Test
  void handle_seededMutationsOfTheSamples_neverA5xxAnEscapedErrorOrAnAcceptedBadInput()
      throws Exception {
    world.reset();
    int requests = Integer.getInteger("cryptomargin.fuzz.api.requests", DEFAULT_REQUESTS);
    long seed = Long.getLong("cryptomargin.fuzz.api.seed", 20200514L);
    Random random = new Random(seed);
    List<Mutation> mutations = mutations();
    Map<String, Integer> byOutcome = new TreeMap<>();
    Map<String, Integer> byMutation = new TreeMap<>();
    List<String> defects = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      ObjectNode event = (ObjectNode) World.read(SAMPLES.get(random.nextInt(SAMPLES.size())));
      Mutation mutation = mutations.get(random.nextInt(mutations.size()));
      boolean mustRefuse = mutation.apply().apply(event, random);
      byMutation.merge(mutation.name(), 1, Integer::sum);
      Response raw = given().contentType("application/json").body(event.toString()).post();
      String outcome;
      if (raw.statusCode() != 200 || !raw.asString().contains("\"statusCode\"")) {
        outcome = "escaped error (mock server " + raw.statusCode() + ")";
        defects.add("#" + i + " " + mutation.name() + ": escaped " + raw.asString());
      } else {
        JsonNode answer = JSON.readTree(raw.asString());
        int status = answer.path("statusCode").asInt();
        String body = answer.path("body").asText();
        outcome = status / 100 + "xx " + (mustRefuse ? "bad input" : "other input");
        if (status >= 500) {
          defects.add("#" + i + " " + mutation.name() + ": " + status + " " + body);
        } else if (status == 200 && mustRefuse) {
          outcome = "bad input accepted";
          defects.add(
              "#" + i + " " + mutation.name() + ": accepted " + event.path("body").asText());
        } else if (status == 200
            && (body.contains("NaN") || body.contains("Infinity") || body.contains(": null"))) {
          outcome = "non-finite figure";
          defects.add("#" + i + " " + mutation.name() + ": " + body);
        }
      }
      byOutcome.merge(outcome, 1, Integer::sum);
    }
    System.out.printf(
        "API fuzz: %d requests, seed %d%n  by outcome: %s%n  by mutation: %s%n",
        requests, seed, byOutcome, byMutation);
    defects.stream()
        .limit(20)
        .forEach(d -> System.out.println("  DEFECT " + d.substring(0, Math.min(d.length(), 400))));

    assertThat(defects).isEmpty();
    // a generator that produced nothing useful must not pass: many refused bad inputs, some
    // accepted good ones
    assertThat(byOutcome.getOrDefault("4xx bad input", 0)).isGreaterThanOrEqualTo(requests / 3);
    assertThat(byOutcome.getOrDefault("2xx other input", 0)).isGreaterThanOrEqualTo(requests / 10);
  }

  private static List<Mutation> mutations() {
    List<Mutation> all = new ArrayList<>();
    all.add(new Mutation("unchanged", (event, random) -> false));
    all.add(
        new Mutation(
            "duplicate key",
            (event, random) ->
                body(
                    event,
                    random,
                    text ->
                        text.replaceFirst(
                            "\\{", "{\"model\": \"span-16\", \"model\": \"crypto-pm\", "),
                    true)));
    all.add(
        new Mutation(
            "trailing content",
            (event, random) -> body(event, random, text -> text + " {\"account\": \"x\"}", true)));
    all.add(
        new Mutation(
            "unknown key",
            (event, random) ->
                body(
                    event, random, text -> text.replaceFirst("\\{", "{\"positons\": [], "), true)));
    all.add(
        new Mutation(
            "truncated",
            (event, random) ->
                body(
                    event,
                    random,
                    text -> text.substring(0, 1 + random.nextInt(Math.max(1, text.length() - 2))),
                    true)));
    all.add(
        new Mutation(
            "quantity beyond double", (event, random) -> quantity(event, random, "1e309")));
    all.add(new Mutation("quantity huge", (event, random) -> quantity(event, random, "-1e306")));
    all.add(
        new Mutation(
            "quantity not a number", (event, random) -> quantity(event, random, "\"10\"")));
    all.add(new Mutation("quantity null", (event, random) -> quantity(event, random, "null")));
    all.add(
        new Mutation(
            "long account id",
            (event, random) -> account(event, "a".repeat(2048 + random.nextInt(4096)))));
    all.add(
        new Mutation(
            "unicode account id",
            (event, random) -> account(event, "ü€" + random.nextInt(1000) + "\u0000")));
    all.add(
        new Mutation(
            "many what-if legs",
            (event, random) ->
                legs(
                    event,
                    random,
                    "whatIf",
                    ApiLimits.MAX_WHAT_IF_TRADES + 1 + random.nextInt(2000))));
    all.add(
        new Mutation(
            "many positions",
            (event, random) ->
                legs(
                    event,
                    random,
                    "positions",
                    ApiLimits.MAX_POSITIONS + 1 + random.nextInt(3000))));
    all.add(
        new Mutation(
            "what-if legs within the limit",
            (event, random) -> {
              legs(event, random, "whatIf", 1 + random.nextInt(ApiLimits.MAX_WHAT_IF_TRADES));
              return false;
            }));
    all.add(
        new Mutation(
            "field of the wrong type",
            (event, random) -> {
              String field =
                  List.of("model", "compare", "whatIf", "collateral", "positions", "account")
                      .get(random.nextInt(6));
              JsonNode value =
                  List.<JsonNode>of(
                          JSON.getNodeFactory().numberNode(7),
                          JSON.getNodeFactory().textNode("x"),
                          JSON.getNodeFactory().booleanNode(true),
                          JSON.createArrayNode(),
                          JSON.createObjectNode())
                      .get(random.nextInt(5));
              boolean fits =
                  field.equals("compare") && value.isBoolean()
                      || field.equals("whatIf") && value.isArray()
                      || field.equals("positions") && value.isArray()
                      || field.equals("collateral") && value.isObject()
                      || field.equals("account") && value.isTextual();
              return tree(event, request -> request.set(field, value))
                  && !fits; // a value of the right type may be fine
            }));
    all.add(
        new Mutation(
            "deep nesting",
            (event, random) ->
                body(
                    event,
                    random,
                    text -> "{\"account\": " + "[".repeat(5000) + "]".repeat(5000) + "}",
                    true)));
    all.add(
        new Mutation(
            "not base64",
            (event, random) -> {
              if (!event.has("body")) {
                return false;
              }
              event.put("isBase64Encoded", true);
              event.put("body", "%%" + event.path("body").asText());
              return true;
            }));
    all.add(
        new Mutation(
            "base64 of the body",
            (event, random) -> {
              if (event.has("body")) {
                event.put("isBase64Encoded", true);
                event.put(
                    "body",
                    Base64.getEncoder()
                        .encodeToString(
                            event.path("body").asText().getBytes(StandardCharsets.UTF_8)));
              }
              return false;
            }));
    all.add(
        new Mutation(
            "oversized body",
            (event, random) ->
                body(
                    event,
                    random,
                    text ->
                        text.replaceFirst(
                            "\\{", "{\"pad\": \"" + "x".repeat(ApiLimits.MAX_BODY_BYTES) + "\", "),
                    true)));
    all.add(
        new Mutation(
            "method",
            (event, random) -> {
              ((ObjectNode) event.path("requestContext").path("http"))
                  .put(
                      "method",
                      List.of("PUT", "DELETE", "PATCH", "", "get").get(random.nextInt(5)));
              return true;
            }));
    all.add(
        new Mutation(
            "path",
            (event, random) -> {
              String path =
                  List.of(
                          "/",
                          "/margin/",
                          "/accounts//margin",
                          "/accounts/acct-7",
                          "/accounts/acct-7/margin/x",
                          "/" + "m".repeat(3000))
                      .get(random.nextInt(6));
              event.put("rawPath", path);
              return true;
            }));
    all.add(
        new Mutation(
            "no identity",
            (event, random) -> {
              ((ObjectNode) event.path("requestContext")).remove("authorizer");
              return false;
            }));
    all.add(
        new Mutation(
            "another caller",
            (event, random) -> {
              ((ObjectNode) event.path("requestContext").path("authorizer").path("iam"))
                  .put("userArn", "arn:aws:iam::999999999999:user/mallory");
              return false;
            }));
    all.add(
        new Mutation(
            "empty event",
            (event, random) -> {
              event.removeAll();
              return true;
            }));
    return all;
  }

  /** Rewrites a POST's body text (a GET has none: left alone, and then nothing is bad). */
  private static boolean body(
      ObjectNode event,
      Random random,
      java.util.function.UnaryOperator<String> change,
      boolean bad) {
    if (!event.has("body")) {
      return false;
    }
    event.put("body", change.apply(event.path("body").asText()));
    return bad;
  }

  private static boolean tree(ObjectNode event, java.util.function.Consumer<ObjectNode> change) {
    if (!event.has("body")) {
      return false;
    }
    try {
      ObjectNode request = (ObjectNode) JSON.readTree(event.path("body").asText());
      change.accept(request);
      event.put("body", request.toString());
      return true;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A what-if trade with a quantity written as the raw JSON text given. */
  private static boolean quantity(ObjectNode event, Random random, String literal) {
    return body(
        event,
        random,
        text ->
            text.replaceFirst(
                    "\\{",
                    "{\"whatIf\": [{\"instrument\": \"BTC-PERPETUAL\","
                        + " \"quantity\": "
                        + literal
                        + "}], ")
                .replaceFirst(", \"whatIf\": \\[[^\\]]*\\]", ""),
        true);
  }

  private static boolean account(ObjectNode event, String id) {
    if (event.has("body")) {
      return tree(
              event,
              request -> {
                request.removeAll();
                request.put("account", id);
              })
          && !id.isBlank();
    }
    event.put("rawPath", "/accounts/" + id + "/margin");
    ((ObjectNode) event.path("pathParameters")).put("accountId", id);
    return true;
  }

  private static boolean legs(ObjectNode event, Random random, String field, int count) {
    return tree(
        event,
        request -> {
          ArrayNode legs = request.putArray(field);
          for (int i = 0; i < count; i++) {
            legs.addObject()
                .put(
                    "instrument",
                    "BTC-26JUN20-"
                        + (1000 + 250 * random.nextInt(60))
                        + (random.nextBoolean() ? "-C" : "-P"))
                .put("quantity", random.nextInt(21) - 10);
          }
          if (field.equals("positions")) {
            request.remove("account");
            request.put("account", "fuzz-book");
          }
        });
  }
}
