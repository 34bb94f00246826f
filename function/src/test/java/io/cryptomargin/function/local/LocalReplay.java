package io.cryptomargin.function.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptomargin.function.api.ApiHandler;
import io.cryptomargin.function.api.MarginApi;
import io.cryptomargin.function.config.DynamoDbRequestCounter;
import io.cryptomargin.function.config.FunctionConfig;
import io.cryptomargin.function.config.ScenarioSetCatalog;
import io.cryptomargin.function.margin.AccountRecalculator;
import io.cryptomargin.function.margin.CachedMargin;
import io.cryptomargin.function.margin.ModelMargin;
import io.cryptomargin.function.positions.PositionsHandler;
import io.cryptomargin.function.recalc.AccountFanOut;
import io.cryptomargin.function.recalc.RecalcBatch;
import io.cryptomargin.function.recalc.RecalcHandler;
import io.cryptomargin.function.snapshot.RiskArrayPublisher;
import io.cryptomargin.function.snapshot.SnapshotEvent;
import io.cryptomargin.function.snapshot.SnapshotHandler;
import io.cryptomargin.function.store.AccountStore;
import io.cryptomargin.function.store.BatchRetryPolicy;
import io.cryptomargin.function.store.DynamoDbRiskArrayStore;
import io.cryptomargin.function.store.MarginResultStore;
import io.cryptomargin.function.store.SnapshotPointerStore;
import io.cryptomargin.function.store.SnapshotStore;
import io.cryptomargin.function.testing.DynamoDbLocalResource;
import io.cryptomargin.function.testing.FileSystemSnapshotSource;
import io.cryptomargin.function.testing.LambdaEvents;
import io.cryptomargin.function.testing.Seed;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The margin flows of the function, locally, with no AWS account: DynamoDB Local in-process with
 * the contract's four tables, the sample snapshot event through the snapshot handler (arrays
 * cached, snapshot stored, accounts fanned out), the stored accounts of {@code events/seed}, then
 * every sample of {@code events/} replayed through the handlers (positions stream, the recalc
 * messages the fan-out produced and the SQS sample, the API requests, and the bad samples), and the
 * margins printed. EventBridge and SQS are recording stand-ins (none runs locally): what would have
 * been sent is printed.
 *
 * <p>Run: {@code ./mvnw -q -pl function test-compile exec:java@local-replay} (or {@code
 * ./cryptomargin demo}). The handlers are built by hand here (no Quarkus container), from the same
 * classes Lambda runs.
 */
public final class LocalReplay {
  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
  private final Path events;

  private LocalReplay(Path events) {
    this.events = events;
  }

  public static void main(String[] args) throws Exception {
    Path events = Path.of(args.length > 0 ? args[0] : "../events").toAbsolutePath().normalize();
    if (!Files.isDirectory(events)) {
      events = Path.of("events").toAbsolutePath();
    }
    int status = 0;
    try {
      new LocalReplay(events).run(false);
    } catch (Exception | Error e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status); // DynamoDB Local's server threads are not daemons
  }

  /**
   * DynamoDB Local started, the tables created, the seed written and the sample snapshot published:
   * the state the samples expect. Returns the {@code cm.*} configuration pointing at it.
   */
  static Map<String, String> prepare(Path events) throws IOException {
    return new LocalReplay(events).run(true);
  }

  private Map<String, String> run(boolean prepareOnly) throws IOException {
    long t0 = System.nanoTime();
    DynamoDbLocalResource dynamo = new DynamoDbLocalResource();
    Map<String, String> properties = new HashMap<>(dynamo.start());
    System.out.printf(
        "DynamoDB Local in-process at %s, tables %s, %s, %s, %s (%.1f s)%n",
        properties.get("cm.aws.endpoint-override"),
        DynamoDbLocalResource.RISK_ARRAYS,
        DynamoDbLocalResource.POSITIONS,
        DynamoDbLocalResource.MARGIN_RESULTS,
        DynamoDbLocalResource.ACCOUNTS,
        (System.nanoTime() - t0) / 1e9);
    properties.put("cm.scenario-sets", "span-16,crypto-pm,tims");
    SmallRyeConfig smallRye =
        new SmallRyeConfigBuilder()
            .withMapping(FunctionConfig.class)
            .withSources(new PropertiesConfigSource(properties, "local-replay", 500))
            .build();
    FunctionConfig config = smallRye.getConfigMapping(FunctionConfig.class);

    DynamoDbRequestCounter requests = new DynamoDbRequestCounter();
    DynamoDbClient dynamoDb =
        DynamoDbClient.builder()
            .overrideConfiguration(o -> o.addExecutionInterceptor(requests))
            .endpointOverride(URI.create(properties.get("cm.aws.endpoint-override")))
            .region(Region.EU_WEST_1)
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .build();
    Clock clock = Clock.systemUTC();
    String arraysTable = config.tables().riskArrays();
    BatchRetryPolicy retries =
        new BatchRetryPolicy(
            config.riskArrays().batchAttempts(), config.riskArrays().batchRetryBaseDelay());
    DynamoDbRiskArrayStore arrays =
        new DynamoDbRiskArrayStore(
            dynamoDb, arraysTable, config.riskArrays().timeToLive(), retries, clock);
    SnapshotPointerStore pointers = new SnapshotPointerStore(dynamoDb, arraysTable, clock);
    FileSystemSnapshotSource files = new FileSystemSnapshotSource();
    SnapshotStore snapshots = new SnapshotStore(dynamoDb, arraysTable, files);
    AccountStore accounts =
        new AccountStore(
            dynamoDb, config.tables().positions(), config.tables().accounts(), retries);
    MarginResultStore results =
        new MarginResultStore(dynamoDb, config.tables().marginResults(), retries);
    ScenarioSetCatalog catalog = new ScenarioSetCatalog(config.scenarioSets());
    RecordingMarginEventPublisher published = new RecordingMarginEventPublisher();
    RecordingRecalcQueue queue = new RecordingRecalcQueue();
    CachedMargin margin = new CachedMargin(pointers, arrays, snapshots, catalog, config);
    AccountRecalculator recalculator =
        new AccountRecalculator(accounts, results, margin, published, clock, config);
    SnapshotHandler snapshotHandler =
        new SnapshotHandler(
            JSON,
            config,
            files,
            new RiskArrayPublisher(catalog, arrays, pointers, config, clock, snapshots),
            new AccountFanOut(accounts, queue, config));
    PositionsHandler positions = new PositionsHandler(recalculator, requests);
    RecalcHandler recalc = new RecalcHandler(recalculator, requests);
    ApiHandler api =
        new ApiHandler(new MarginApi(margin, new ModelMargin(margin), accounts, results, config));

    step("1. stored accounts and positions (events/seed/tables.json)");
    JsonNode seed = read("seed/tables.json");
    Seed.write(accounts, seed);
    for (JsonNode a : seed.path("accounts")) {
      System.out.printf(
          "   account %-7s collateral %s model %s owners %s%n",
          a.path("account").asText(),
          a.path("collateral"),
          a.path("model").asText("(default " + config.margin().defaultModel() + ")"),
          a.path("owners"));
    }
    System.out.printf("   %d position items%n", seed.path("positions").size());

    step(
        "2. snapshot handler <- events/snapshot-eventbridge.json (arrays cached, snapshot stored, accounts fanned out)");
    long start = System.nanoTime();
    Object run =
        snapshotHandler.handleRequest(
            LambdaEvents.as(read("snapshot-eventbridge.json"), SnapshotEvent.class), null);
    System.out.printf(
        "   %s%n   in %.0f ms; recalc queue received %d message(s): %s%n",
        JSON.valueToTree(run)
            .path("snapshots")
            .get(0)
            .path("scenarioSets")
            .findValuesAsText("arrayCount"),
        (System.nanoTime() - start) / 1e6,
        queue.sent().size(),
        queue.sent());

    if (prepareOnly) {
      return properties;
    }
    step("3. recalc handler <- the fan-out's messages (every account margined on the new market)");
    DynamoDbRequestCounter.Counts before = requests.snapshot();
    print(recalc.handleRequest(LambdaEvents.sqs(sqsEvent(queue.sent())), null));
    DynamoDbRequestCounter.Counts sent = requests.snapshot().since(before);
    long remargined = queue.sent().stream().mapToLong(b -> b.accounts().size()).sum();
    // A batch's reads of the pointers and arrays are the same for 3 accounts or 1,000: so few
    // accounts do not show the per-account figure of a real market move, so say which applies.
    System.out.printf(
        "   DynamoDB requests: %d for %d accounts (%s), %.1f per account: mostly the batch's fixed"
            + " reads of pointers and arrays; a 10,000-account market move averages 0.034 per"
            + " account (benchmarks/README.md)%n",
        sent.total(), remargined, sent, (double) sent.total() / remargined);
    printMargins(results, seed);

    step(
        "4. positions handler <- events/positions-stream.json (acct-7 trades; the stream carries the writes)");
    applyStream(accounts, read("positions-stream.json"));
    print(positions.handleRequest(LambdaEvents.stream(read("positions-stream.json")), null));
    print(
        positions.handleRequest(LambdaEvents.stream(read("positions-stream.json")), null),
        "   same event again (idempotent): ");
    printMargins(results, seed);

    step("5. recalc handler <- events/recalc-sqs.json");
    print(recalc.handleRequest(LambdaEvents.sqs(read("recalc-sqs.json")), null));

    step("6. api handler <- events/api-*.json");
    for (String sample :
        List.of(
            "api-post-margin.json",
            "api-post-margin-account.json",
            "api-post-margin-historical-var.json",
            "api-get-account-margin.json")) {
      APIGatewayV2HTTPResponse response = api.handleRequest(LambdaEvents.http(read(sample)), null);
      JsonNode body = JSON.readTree(response.getBody());
      JsonNode m = body.path("margin");
      System.out.printf(
          "   %-36s %s  %s %s: IM %,.2f MM %,.2f equity %,.2f %s%s%n",
          sample,
          response.getStatusCode(),
          m.path("account").asText(),
          m.path("model").asText(),
          m.path("initialMargin").asDouble(),
          m.path("maintenanceMargin").asDouble(),
          m.path("equity").asDouble(),
          m.path("status").asText(),
          body.has("whatIf")
              ? String.format(
                  "; what-if %s: +IM %,.2f",
                  body.path("whatIf").path("trades"),
                  body.path("whatIf").path("incrementalInitialMargin").asDouble())
              : "");
      if (body.has("historicalVar")) {
        JsonNode h = body.path("historicalVar");
        System.out.printf(
            "   %-36s     historical-var: ES %,.2f USD, VaR %,.2f USD over %d dated scenarios; worst %s%n",
            "",
            h.path("expectedShortfallUsd").asDouble(),
            h.path("valueAtRiskUsd").asDouble(),
            h.path("scenarioCount").asInt(),
            h.path("worstScenarios").path(0).path("date").asText());
      }
      if (body.has("comparison")) {
        JsonNode rules = body.path("comparison").path("rulesModels");
        System.out.printf(
            "   %-36s     comparison: %s %,.2f USD, %s %,.2f USD vs portfolio margin %,.2f USD%n",
            "",
            rules.path(0).path("model").asText(),
            rules.path(0).path("requirementUsd").asDouble(),
            rules.path(1).path("model").asText(),
            rules.path(1).path("requirementUsd").asDouble(),
            body.path("comparison").path("portfolioMargin").path("requirementUsd").asDouble());
      }
    }

    step("7. the bad samples (events/bad/)");
    for (String sample :
        List.of(
            "bad/snapshot-eventbridge-bad.json",
            "bad/snapshot-s3-bad.json",
            "bad/snapshot-s3-eventbridge-bad.json")) {
      try {
        snapshotHandler.handleRequest(LambdaEvents.as(read(sample), SnapshotEvent.class), null);
        System.out.printf("   %s: accepted (unexpected)%n", sample);
      } catch (RuntimeException rejected) {
        // On Lambda this is the invocation's error: the event is retried, then goes to the DLQ.
        System.out.printf("   %s: rejected, %s%n", sample, rejected.getMessage());
      }
    }
    print(
        positions.handleRequest(LambdaEvents.stream(read("bad/positions-stream-bad.json")), null),
        "   bad/positions-stream-bad.json: ");
    print(
        recalc.handleRequest(LambdaEvents.sqs(read("bad/recalc-sqs-bad.json")), null),
        "   bad/recalc-sqs-bad.json:       ");
    for (String sample :
        List.of(
            "bad/api-post-margin-bad.json",
            "bad/api-post-margin-unknown-instrument.json",
            "bad/api-get-unknown-account.json")) {
      APIGatewayV2HTTPResponse response = api.handleRequest(LambdaEvents.http(read(sample)), null);
      System.out.printf(
          "   %s: %s %s%n",
          sample, response.getStatusCode(), JSON.readTree(response.getBody()).toString());
    }

    step("8. margin events published (EventBridge stand-in, bus " + config.eventBus() + ")");
    published
        .published()
        .forEach(
            p -> System.out.printf("   %-12s %s%n", p.detailType(), JSON.valueToTree(p.detail())));
    System.out.printf(
        "%nDone in %.1f s. Deploy: see infra/README.md.%n", (System.nanoTime() - t0) / 1e9);
    dynamo.stop();
    return properties;
  }

  private void printMargins(MarginResultStore results, JsonNode seed) {
    System.out.printf(
        "   %-8s %-10s %-12s %8s %14s %14s %14s%n",
        "account", "model", "status", "version", "initial USD", "maint. USD", "equity USD");
    java.util.Set<String> ids = new java.util.TreeSet<>();
    seed.path("accounts").forEach(a -> ids.add(a.path("account").asText()));
    for (String id : ids) {
      results
          .find(id)
          .ifPresent(
              r ->
                  System.out.printf(
                      "   %-8s %-10s %-12s %8d %,14.2f %,14.2f %,14.2f%n",
                      id,
                      r.model(),
                      r.status(),
                      r.version(),
                      r.initialMargin(),
                      r.maintenanceMargin(),
                      r.equity()));
    }
  }

  private static void applyStream(AccountStore accounts, JsonNode event) {
    for (JsonNode record : event.path("Records")) {
      JsonNode image = record.path("dynamodb").path("NewImage");
      accounts.putPosition(
          image.path("pk").path("S").asText(),
          image.path("sk").path("S").asText(),
          image.path("quantity").path("N").asDouble(),
          image.path("version").path("N").asLong());
    }
  }

  private JsonNode sqsEvent(List<RecalcBatch> batches) {
    JsonNode template = read("recalc-sqs.json").path("Records").get(0);
    ArrayNode records = JSON.createArrayNode();
    for (int i = 0; i < batches.size(); i++) {
      ObjectNode record = template.deepCopy();
      record.put("messageId", "local-fan-out-" + i);
      record.put("body", JSON.valueToTree(batches.get(i)).toString());
      records.add(record);
    }
    return JSON.createObjectNode().set("Records", records);
  }

  private static void step(String title) {
    System.out.printf("%n%s%n", title);
  }

  private static void print(Object response) {
    print(response, "   -> ");
  }

  private static void print(Object response, String prefix) {
    System.out.println(prefix + JSON.valueToTree(response));
  }

  private JsonNode read(String file) {
    try {
      return JSON.readTree(events.resolve(file).toFile());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
