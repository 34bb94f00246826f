package io.cryptomargin.function.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cryptomargin.function.recalc.RecalcBatch;
import io.cryptomargin.function.recalc.SqsRecalcQueue;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SQS (2.54.14) and EventBridge (2.51.3) SDK clients on the module's 2.54.15 SDK core, against
 * a loopback HTTP stand-in that records each request and answers as the service would (no SQS or
 * EventBridge server exists here): proves the pinned clients serialise their requests (JSON
 * protocol, signed) and parse the answers at runtime, and that our wrappers use them correctly.
 */
class SdkClientsAgainstLoopbackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private HttpServer server;
  private final List<JsonNode> requests = new ArrayList<>();
  private final List<String> targets = new ArrayList<>();
  private volatile String answer;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          targets.add(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
          requests.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
          byte[] body = answer.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Test
  void send_25Batches_makesThreeSendMessageBatchCallsOf10_10_5() {
    answer = "{\"Successful\":[],\"Failed\":[]}";
    try (SqsClient sqs =
        SqsClient.builder()
            .endpointOverride(endpoint())
            .region(Region.EU_WEST_1)
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .build()) {
      new SqsRecalcQueue(sqs, endpoint() + "/123456789012/recalc")
          .send(
              IntStream.range(0, 25)
                  .mapToObj(i -> new RecalcBatch("snap-1", List.of("acct-" + i)))
                  .toList());
    }

    assertThat(targets).containsOnly("AmazonSQS.SendMessageBatch");
    assertThat(requests).extracting(r -> r.path("Entries").size()).containsExactly(10, 10, 5);
    assertThat(requests.get(0).path("Entries").get(0).path("MessageBody").asText())
        .isEqualTo("{\"snapshotId\":\"snap-1\",\"accounts\":[\"acct-0\"]}");
  }

  @Test
  void publish_marginCall_putsOneEntryOnTheBusWithSourceAndDetailType() throws Exception {
    answer = "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"e-1\"}]}";
    try (EventBridgeClient events = eventBridge()) {
      new EventBridgeMarginEventPublisher(events, "cryptomargin-dev")
          .publish(MarginEvent.MARGIN_CALL, event());
    }

    assertThat(targets).containsExactly("AWSEvents.PutEvents");
    JsonNode entry = requests.get(0).path("Entries").get(0);
    assertThat(entry.path("EventBusName").asText()).isEqualTo("cryptomargin-dev");
    assertThat(entry.path("Source").asText()).isEqualTo("io.cryptomargin.margin");
    assertThat(entry.path("DetailType").asText()).isEqualTo("Margin Call");
    assertThat(JSON.readTree(entry.path("Detail").asText()).path("account").asText())
        .isEqualTo("acct-7");
  }

  @Test
  void publish_entryRejected_throwsWithTheErrorCode() {
    answer =
        "{\"FailedEntryCount\":1,\"Entries\":[{\"ErrorCode\":\"InternalFailure\",\"ErrorMessage\":\"try again\"}]}";
    try (EventBridgeClient events = eventBridge()) {
      assertThatThrownBy(
              () ->
                  new EventBridgeMarginEventPublisher(events, "bus")
                      .publish(MarginEvent.LIQUIDATION, event()))
          .hasMessageContaining("InternalFailure");
    }
  }

  private EventBridgeClient eventBridge() {
    return EventBridgeClient.builder()
        .endpointOverride(endpoint())
        .region(Region.EU_WEST_1)
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .build();
  }

  private static MarginEvent event() {
    return new MarginEvent(
        "acct-7",
        "MARGIN_CALL",
        "HEALTHY",
        100,
        90,
        95,
        5,
        "span-16",
        "snap-1",
        12,
        "2020-05-14T05:45:00Z");
  }
}
