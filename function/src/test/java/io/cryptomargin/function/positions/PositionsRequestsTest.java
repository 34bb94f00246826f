package io.cryptomargin.function.positions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptomargin.function.config.DynamoDbRequestCounter;
import io.cryptomargin.function.testing.DynamoDbLocalResource;
import io.cryptomargin.function.testing.HandlerProfiles;
import io.cryptomargin.function.testing.MockLambda;
import io.cryptomargin.function.testing.World;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a positions-stream batch costs in DynamoDB requests through the positions handler (mock
 * event server, DynamoDB Local), counted by the function client's own counter.
 */
@QuarkusTest
@TestProfile(HandlerProfiles.Positions.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
class PositionsRequestsTest {
  /** The budget: on average at most one DynamoDB request per account re-margined. */
  private static final double MAX_REQUESTS_PER_ACCOUNT = 1.0;

  /** Lambda's default batch size for a DynamoDB stream: 100 records, here one per account. */
  private static final int ACCOUNTS = 100;

  private static final int LEGS = 20;

  @Inject World world;
  @Inject DynamoDbRequestCounter requests;

  @BeforeEach
  void reset() {
    world.reset();
  }

  @Test
  void handle_streamBatchOf100AccountsEachOneLegChanged_atMostOneRequestPerAccount() {
    world.seedMany(ACCOUNTS, LEGS, 21);
    ObjectNode event = (ObjectNode) World.read("positions-stream.json");
    ArrayNode records = (ArrayNode) event.path("Records");
    ObjectNode template = records.get(0).deepCopy();
    records.removeAll();
    for (int a = 0; a < ACCOUNTS; a++) {
      String account = String.format("load-%06d", a);
      Map.Entry<String, Double> leg =
          world.accounts().account(account).orElseThrow().book().orElseThrow().entrySet().stream()
              .findFirst()
              .orElseThrow();
      double doubled = leg.getValue() * 2;
      world.putPosition(account, leg.getKey(), doubled, 2); // the writer: position, book, version
      records.add(record(template, account, leg.getKey(), doubled, a));
    }

    DynamoDbRequestCounter.Counts before = requests.snapshot();
    var response = MockLambda.invoke(event);
    DynamoDbRequestCounter.Counts sent = requests.snapshot().since(before);

    double perAccount = (double) sent.total() / ACCOUNTS;
    System.out.printf(
        "MEASURE requests: positions stream, %d records of %d accounts x %d legs:"
            + " %d DynamoDB requests = %.3f per account (%s)%n",
        ACCOUNTS, ACCOUNTS, LEGS, sent.total(), perAccount, sent);
    assertThat(response.path("batchItemFailures")).isEmpty();
    for (int a = 0; a < ACCOUNTS; a++) {
      assertThat(world.result(String.format("load-%06d", a)).get("version").n())
          .as("load-%06d", a)
          .isEqualTo("2");
    }
    assertThat(sent.of("Query")).as("no account read through its positions").isZero();
    assertThat(perAccount).isLessThanOrEqualTo(MAX_REQUESTS_PER_ACCOUNT);
  }

  /** A MODIFY record of one position at version 2, shaped like the sample's. */
  private static ObjectNode record(
      ObjectNode template, String account, String instrument, double quantity, int index) {
    ObjectNode record = template.deepCopy();
    record.put("eventID", "load-" + index);
    ObjectNode d = (ObjectNode) record.path("dynamodb");
    d.put("SequenceNumber", Long.toString(5_000_000_000L + index));
    ((ObjectNode) d.path("Keys").path("pk")).put("S", account);
    ((ObjectNode) d.path("Keys").path("sk")).put("S", instrument);
    ObjectNode image = (ObjectNode) d.path("NewImage");
    ((ObjectNode) image.path("pk")).put("S", account);
    ((ObjectNode) image.path("sk")).put("S", instrument);
    ((ObjectNode) image.path("quantity")).put("N", Double.toString(quantity));
    ((ObjectNode) image.path("version")).put("N", "2");
    d.remove("OldImage");
    return record;
  }
}
