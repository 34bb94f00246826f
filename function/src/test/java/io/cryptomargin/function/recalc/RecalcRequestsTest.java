package io.cryptomargin.function.recalc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptomargin.function.config.DynamoDbRequestCounter;
import io.cryptomargin.function.store.AccountStore;
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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a market move costs in DynamoDB requests through the recalc handler (mock event server,
 * DynamoDB Local): counted by the function client's own counter, so the figure is deterministic.
 */
@QuarkusTest
@TestProfile(HandlerProfiles.Recalc.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
class RecalcRequestsTest {
  /** The budget: on average at most one DynamoDB request per account re-margined. */
  private static final double MAX_REQUESTS_PER_ACCOUNT = 1.0;

  private static final int ACCOUNTS = 300;
  private static final int LEGS = 20;

  /** The three accounts of {@code events/seed/tables.json} that {@link World#reset} writes. */
  private static final int SAMPLE_ACCOUNTS = 3;

  @Inject World world;
  @Inject DynamoDbRequestCounter requests;
  @Inject DynamoDbClient dynamoDb;

  @BeforeEach
  void reset() {
    world.reset();
  }

  @Test
  void handle_marketMoveOf300AccountsOf20Legs_atMostOneRequestPerAccount() {
    world.seedMany(ACCOUNTS, LEGS, 7);
    world.publishSnapshot();
    List<String> sqsEvents = world.recalcEvents(10);

    DynamoDbRequestCounter.Counts before = requests.snapshot();
    int failures = 0;
    for (String event : sqsEvents) {
      failures += MockLambda.invoke(event).path("batchItemFailures").size();
    }
    DynamoDbRequestCounter.Counts sent = requests.snapshot().since(before);

    int remargined = ACCOUNTS + SAMPLE_ACCOUNTS;
    double perAccount = (double) sent.total() / remargined;
    System.out.printf(
        "MEASURE requests: market move, %d accounts x %d legs in %d SQS event(s) of %d messages:"
            + " %d DynamoDB requests = %.3f per account (%s)%n",
        remargined, LEGS, sqsEvents.size(), world.recalcMessages(), sent.total(), perAccount, sent);
    assertThat(failures).isZero();
    assertThat(world.resultStatuses().values().stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(remargined);
    assertThat(sent.of("Query")).as("no account read through its positions").isZero();
    assertThat(perAccount).isLessThanOrEqualTo(MAX_REQUESTS_PER_ACCOUNT);
  }

  @Test
  void handle_accountClosedByAWriterThatKeepsNoBook_marginsItsCurrentPositions() {
    world.seedMany(2, LEGS, 13);
    String account = "load-000000";
    String option =
        world.accounts().account(account).orElseThrow().book().orElseThrow().keySet().stream()
            .filter(instrument -> instrument.endsWith("-C") || instrument.endsWith("-P"))
            .findFirst()
            .orElseThrow();
    assertThat(MockLambda.invoke(recalcMessage(account)).path("batchItemFailures")).isEmpty();
    assertThat(world.result(account).get("result").s()).contains(option);
    // an older writer closes the option and bumps the version, leaving the book as it was
    dynamoDb.putItem(
        b ->
            b.tableName(DynamoDbLocalResource.POSITIONS)
                .item(
                    Map.of(
                        "pk",
                        AttributeValue.fromS(account),
                        "sk",
                        AttributeValue.fromS(option),
                        "quantity",
                        AttributeValue.fromN("0"),
                        AccountStore.VERSION,
                        AttributeValue.fromN("2"))));
    dynamoDb.updateItem(
        b ->
            b.tableName(DynamoDbLocalResource.ACCOUNTS)
                .key(Map.of("pk", AttributeValue.fromS(account)))
                .updateExpression("SET #v = :v")
                .expressionAttributeNames(Map.of("#v", AccountStore.VERSION))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromN("2"))));

    DynamoDbRequestCounter.Counts before = requests.snapshot();
    var response = MockLambda.invoke(recalcMessage(account, "load-000001"));
    DynamoDbRequestCounter.Counts sent = requests.snapshot().since(before);

    assertThat(response.path("batchItemFailures")).isEmpty();
    Map<String, AttributeValue> result = world.result(account);
    assertThat(result.get("version").n()).isEqualTo("2");
    assertThat(result.get("result").s()).doesNotContain(option);
    assertThat(world.result("load-000001").get("version").n()).isEqualTo("1");
    assertThat(sent.of("Query")).as("only the account without a current book").isEqualTo(1);
  }

  /** One SQS message naming {@code accounts}, shaped like {@code events/recalc-sqs.json}'s. */
  private static String recalcMessage(String... accounts) {
    ObjectNode event = (ObjectNode) World.read("recalc-sqs.json");
    ArrayNode records = (ArrayNode) event.path("Records");
    ObjectNode message = records.get(0).deepCopy();
    ObjectNode body = message.objectNode().put("snapshotId", "deribit-2020-05-14T05:44Z");
    ArrayNode ids = body.putArray("accounts");
    for (String account : accounts) {
      ids.add(account);
    }
    message.put("body", body.toString());
    records.removeAll().add(message);
    return event.toString();
  }
}
