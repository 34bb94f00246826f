package io.cryptomargin.function.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptomargin.function.testing.DynamoDbLocalResource;
import io.cryptomargin.function.testing.HandlerProfiles;
import io.cryptomargin.function.testing.MockLambda;
import io.cryptomargin.function.testing.World;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may read which account, with several callers: the seed's owners ({@code
 * events/seed/tables.json}: acct-7 and acct-9 the risk-desk role, acct-8 the treasury role, acct-9
 * also carol), an admin from {@code cm.api.admin-principals}, a stranger and a request with no
 * identity.
 */
@QuarkusTest
@TestProfile(HandlerProfiles.ApiWithAdmin.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
class ApiTenantIsolationTest {
  private static final String ALICE = "arn:aws:sts::123456789012:assumed-role/risk-desk/alice";
  private static final String TREASURY = "arn:aws:sts::123456789012:assumed-role/treasury/tom";
  private static final String CAROL = "arn:aws:iam::123456789012:user/carol";
  private static final String STRANGER = "arn:aws:iam::999999999999:user/mallory";
  // a role whose name starts like an owner's must not pass for it
  private static final String LOOKALIKE = "arn:aws:sts::123456789012:assumed-role/risk-desk-2/eve";

  @Inject World world;

  @BeforeEach
  void reset() {
    world.reset();
  }

  @Test
  void get_ownersOfTheAccount_read200() {
    assertThat(get(ALICE, "acct-7").path("statusCode").asInt()).isEqualTo(200);
    assertThat(get(TREASURY, "acct-8").path("statusCode").asInt()).isEqualTo(200);
    assertThat(get(CAROL, "acct-9").path("statusCode").asInt()).isEqualTo(200);
    assertThat(get(ALICE, "acct-9").path("statusCode").asInt()).isEqualTo(200);
  }

  @Test
  void get_anotherCallersAccount_answersExactlyAsAnUnknownOne() {
    for (String caller : new String[] {TREASURY, CAROL, STRANGER, LOOKALIKE, null}) {
      JsonNode foreign = get(caller, "acct-7");
      JsonNode unknown = get(caller, "acct-nope");

      assertThat(foreign.path("statusCode").asInt()).as("caller %s", caller).isEqualTo(404);
      assertThat(foreign.path("body").asText().replace("acct-7", "acct-nope"))
          .as("caller %s", caller)
          .isEqualTo(unknown.path("body").asText());
      assertThat(foreign.path("headers")).isEqualTo(unknown.path("headers"));
    }
  }

  @Test
  void postStoredAccount_notAnOwner_answersAsAnUnknownAccountAndAnOwnerGets200() {
    JsonNode foreign =
        post(
            TREASURY,
            "{\"account\": \"acct-7\", \"whatIf\": [{\"instrument\": \"BTC-PERPETUAL\", \"quantity\": 1}]}");
    JsonNode unknown =
        post(
            TREASURY,
            "{\"account\": \"acct-nope\", \"whatIf\": [{\"instrument\": \"BTC-PERPETUAL\", \"quantity\": 1}]}");
    JsonNode owner =
        post(
            ALICE,
            "{\"account\": \"acct-7\", \"whatIf\": [{\"instrument\": \"BTC-PERPETUAL\", \"quantity\": 1}]}");

    assertThat(foreign.path("statusCode").asInt()).isEqualTo(404);
    assertThat(foreign.path("body").asText().replace("acct-7", "acct-nope"))
        .isEqualTo(unknown.path("body").asText());
    assertThat(owner.path("statusCode").asInt()).isEqualTo(200);
  }

  @Test
  void anyRoute_adminPrincipal_readsEveryAccount() {
    for (String admin :
        new String[] {
          HandlerProfiles.ApiWithAdmin.ADMIN, HandlerProfiles.ApiWithAdmin.ADMIN_SESSION
        }) {
      for (String account : new String[] {"acct-7", "acct-8", "acct-9"}) {
        assertThat(get(admin, account).path("statusCode").asInt()).isEqualTo(200);
        assertThat(post(admin, "{\"account\": \"" + account + "\"}").path("statusCode").asInt())
            .isEqualTo(200);
      }
    }
  }

  @Test
  void postBook_anyCaller_isMarginedWithoutReadingTheStoredAccountOfThatName() throws Exception {
    JsonNode answer =
        post(
            STRANGER,
            "{\"account\": \"acct-7\", \"positions\": [{\"instrument\": \"BTC-PERPETUAL\","
                + " \"quantity\": 1}], \"collateral\": {\"BTC\": 5}}");

    assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
    JsonNode margin =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(answer.path("body").asText())
            .path("margin");
    assertThat(margin.toString()).contains("BTC-PERPETUAL").doesNotContain("BTC-26JUN20-8000-C");
  }

  private static JsonNode get(String caller, String account) {
    ObjectNode event = (ObjectNode) World.read("api-get-account-margin.json");
    event.put("rawPath", "/accounts/" + account + "/margin");
    ((ObjectNode) event.path("requestContext").path("http"))
        .put("path", "/accounts/" + account + "/margin");
    ((ObjectNode) event.path("pathParameters")).put("accountId", account);
    return MockLambda.invoke(as(caller, event));
  }

  private static JsonNode post(String caller, String body) {
    ObjectNode event = (ObjectNode) World.read("api-post-margin.json");
    event.put("body", body);
    return MockLambda.invoke(as(caller, event));
  }

  private static ObjectNode as(String caller, ObjectNode event) {
    ObjectNode context = (ObjectNode) event.path("requestContext");
    if (caller == null) {
      context.remove("authorizer");
    } else {
      ((ObjectNode) context.path("authorizer").path("iam")).put("userArn", caller);
    }
    return event;
  }
}
