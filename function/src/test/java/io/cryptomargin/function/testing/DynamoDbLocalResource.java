package io.cryptomargin.function.testing;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * DynamoDB Local on a loopback port, with the four tables of the infra contract (same keys, TTL
 * attribute and stream), for the duration of the Quarkus test run.
 */
public class DynamoDbLocalResource implements QuarkusTestResourceLifecycleManager {
  public static final String RISK_ARRAYS = "test-risk-arrays";
  public static final String POSITIONS = "test-positions";
  public static final String MARGIN_RESULTS = "test-margin-results";
  public static final String ACCOUNTS = "test-accounts";
  public static final String SNAPSHOT_BUCKET = "cryptomargin-dev-snapshots";

  private DynamoDBProxyServer server;

  @Override
  public Map<String, String> start() {
    int port = freePort();
    try {
      server =
          ServerRunner.createServerFromCommandLineArgs(
              new String[] {"-inMemory", "-port", Integer.toString(port)});
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start DynamoDB Local on port " + port, e);
    }
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    try (DynamoDbClient client = client(endpoint)) {
      createTable(client, RISK_ARRAYS, true, false);
      client.updateTimeToLive(
          b ->
              b.tableName(RISK_ARRAYS)
                  .timeToLiveSpecification(t -> t.attributeName("expiresAt").enabled(true)));
      createTable(client, POSITIONS, true, true);
      createTable(client, MARGIN_RESULTS, false, false);
      createTable(client, ACCOUNTS, false, false);
    }
    return Map.ofEntries(
        Map.entry("cm.aws.endpoint-override", endpoint.toString()),
        Map.entry("cm.aws.region", "eu-west-1"),
        Map.entry("cm.stage", "test"),
        Map.entry("cm.tables.risk-arrays", RISK_ARRAYS),
        Map.entry("cm.tables.positions", POSITIONS),
        Map.entry("cm.tables.margin-results", MARGIN_RESULTS),
        Map.entry("cm.tables.accounts", ACCOUNTS),
        Map.entry("cm.event-bus", "test-bus"),
        Map.entry("cm.snapshot-bucket", SNAPSHOT_BUCKET),
        Map.entry("cm.recalc-queue-url", "http://127.0.0.1:1/queue/test-recalc"));
  }

  @Override
  public void stop() {
    if (server != null) {
      try {
        server.stop();
      } catch (Exception e) {
        throw new IllegalStateException("cannot stop DynamoDB Local", e);
      }
    }
  }

  static DynamoDbClient client(URI endpoint) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.EU_WEST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private static void createTable(
      DynamoDbClient client, String name, boolean withSortKey, boolean stream) {
    List<AttributeDefinition> attributes =
        withSortKey ? List.of(string("pk"), string("sk")) : List.of(string("pk"));
    List<KeySchemaElement> keys =
        withSortKey
            ? List.of(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
            : List.of(key("pk", KeyType.HASH));
    client.createTable(
        b -> {
          b.tableName(name)
              .attributeDefinitions(attributes)
              .keySchema(keys)
              .billingMode(BillingMode.PAY_PER_REQUEST);
          if (stream) {
            b.streamSpecification(
                s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES));
          }
        });
  }

  private static AttributeDefinition string(String name) {
    return AttributeDefinition.builder()
        .attributeName(name)
        .attributeType(ScalarAttributeType.S)
        .build();
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port for DynamoDB Local", e);
    }
  }
}
