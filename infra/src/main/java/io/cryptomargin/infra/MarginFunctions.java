package io.cryptomargin.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.EventSourceMappingOptions;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The four functions of the one artifact, what each may do (IAM statements written out one by one)
 * and what triggers each: the snapshot rules and their failure paths, the positions stream, the
 * recalc queue. The API's trigger is the HTTP API ({@link MarginApi}).
 *
 * <p>Permissions are written out statement by statement instead of through CDK's {@code grant*}
 * helpers, because several helpers grant wildcard actions ({@code s3:GetObject*}, {@code s3:List*})
 * or {@code dynamodb:ListStreams} on {@code *}. The only CDK-generated statements left are the
 * event-source and destination grants, whose actions are all named.
 */
public final class MarginFunctions extends Construct {

  /**
   * Lambda's retries of a failed asynchronous snapshot invocation before the failure destination.
   */
  public static final int SNAPSHOT_ASYNC_RETRY_ATTEMPTS = 2;

  /**
   * Retries of a failing positions-stream batch (each bisected) before the on-failure destination.
   */
  public static final int POSITIONS_STREAM_RETRY_ATTEMPTS = 5;

  /**
   * Partition keys a batch write into the risk arrays table may touch: array partitions always
   * contain {@code #} ({@code underlying#snapshotId#scenarioSetId#parameterVersion}), the snapshot
   * pointers ({@code CURRENT}) and stored snapshots ({@code SNAPSHOT}) never do.
   */
  public static final String RISK_ARRAY_PARTITION_PATTERN = "*#*";

  /**
   * Batch writes cannot be conditional, so without this a write-back could overwrite the
   * current-snapshot pointers; only the snapshot function's conditional PutItem moves them.
   */
  private static final Map<String, Map<String, List<String>>> ONLY_RISK_ARRAY_PARTITIONS =
      Map.of(
          "ForAllValues:StringLike",
          Map.of("dynamodb:LeadingKeys", List.of(RISK_ARRAY_PARTITION_PATTERN)));

  /**
   * Puts and updates allowed only as actions of a TransactWriteItems (AWS's "allow only
   * transactional operations" example policy).
   */
  static final Map<String, Map<String, List<String>>> ONLY_IN_WRITE_TRANSACTIONS =
      Map.of(
          "ForAnyValue:StringEquals",
          Map.of("dynamodb:EnclosingOperation", List.of("TransactWriteItems")));

  // The four actions AWS's own example policy grants a stream-reading function, on the stream only.
  private static final List<String> STREAM_READ =
      List.of(
          "dynamodb:DescribeStream",
          "dynamodb:GetRecords",
          "dynamodb:GetShardIterator",
          "dynamodb:ListStreams");

  private final DeploymentSettings settings;
  private final Storage storage;
  private final Messaging messaging;
  private final Map<String, MarginFunction> functions = new LinkedHashMap<>();

  /**
   * Creates the functions, their grants and their triggers.
   *
   * @param scope the stack
   * @param id construct id
   * @param settings stage, packaging and artifact
   * @param storage the tables and bucket the functions use
   * @param messaging the bus and queues the functions use
   */
  public MarginFunctions(
      Construct scope,
      String id,
      DeploymentSettings settings,
      Storage storage,
      Messaging messaging) {
    super(scope, id);
    this.settings = settings;
    this.storage = storage;
    this.messaging = messaging;

    Map<String, String> environment = new LinkedHashMap<>();
    environment.put(FunctionContract.RISK_ARRAYS_TABLE, storage.riskArraysTable().getTableName());
    environment.put(FunctionContract.POSITIONS_TABLE, storage.positionsTable().getTableName());
    environment.put(
        FunctionContract.MARGIN_RESULTS_TABLE, storage.marginResultsTable().getTableName());
    environment.put(FunctionContract.ACCOUNTS_TABLE, storage.accountsTable().getTableName());
    environment.put(FunctionContract.EVENT_BUS, messaging.eventBus().getEventBusName());
    environment.put(FunctionContract.SNAPSHOT_BUCKET, storage.snapshotBucket().getBucketName());
    environment.put(FunctionContract.RECALC_QUEUE_URL, messaging.recalcQueue().getQueueUrl());
    environment.put(FunctionContract.STAGE, settings.stage().name());

    MarginFunction snapshot = create("SnapshotFunction", MarginHandler.SNAPSHOT, environment);
    MarginFunction positions = create("PositionsFunction", MarginHandler.POSITIONS, environment);
    MarginFunction recalc = create("RecalcFunction", MarginHandler.RECALC, environment);
    MarginFunction api = create("ApiFunction", MarginHandler.API, environment);

    grantSnapshot(snapshot);
    grantMarginCalculation(positions);
    grantMarginCalculation(recalc);
    grantApi(api);

    wireSnapshotTriggers(snapshot);
    wirePositionsStream(positions);
    recalc
        .alias()
        .addEventSource(
            new SqsEventSource(
                messaging.recalcQueue(),
                SqsEventSourceProps.builder()
                    .batchSize(10)
                    .maxBatchingWindow(Duration.seconds(2))
                    .reportBatchItemFailures(true)
                    .maxConcurrency(settings.stage().recalcMaxConcurrency())
                    .build()));
  }

  private MarginFunction create(String id, MarginHandler handler, Map<String, String> environment) {
    MarginFunction function = new MarginFunction(this, id, handler, settings, environment);
    functions.put(handler.handlerName(), function);
    return function;
  }

  /*
   * Each statement below is what the function code calls, found by following each handler through
   * function/src/main/java/io/cryptomargin/function/{margin,recalc,store,events,snapshot}; the comment
   * on each names the class and method that needs it. Only the SDK calls matter: SendMessageBatch is
   * authorised by sqs:SendMessage, a conditional PutItem by dynamodb:PutItem, a paginated Query or
   * Scan by dynamodb:Query / dynamodb:Scan. Store methods only tests or local seeding call
   * (AccountStore.putAccount / putPosition) are not granted. Change these with the function code.
   */

  private void grantSnapshot(MarginFunction snapshot) {
    String riskArrays = storage.riskArraysTable().getTableArn();
    // SnapshotHandler.load -> S3SnapshotSource.read: GetObject of the file an event names (bucket
    // checked by SnapshotTriggers).
    snapshot.allow(
        "ReadSnapshotFiles",
        List.of("s3:GetObject"),
        List.of(storage.snapshotBucket().arnForObjects("*")));
    // RiskArrayPublisher.publish -> DynamoDbRiskArrayStore.putAll: BatchWriteItem rounds of 25
    // arrays.
    snapshot.allow(
        "WriteRiskArrays",
        List.of("dynamodb:BatchWriteItem"),
        List.of(riskArrays),
        ONLY_RISK_ARRAY_PARTITIONS);
    // RiskArrayPublisher.publish -> SnapshotStore.put (PutItem of the snapshot item) and
    // SnapshotPointerStore.advance (PutItem conditional on a later asOf).
    snapshot.allow(
        "StoreSnapshotsAndAdvancePointers", List.of("dynamodb:PutItem"), List.of(riskArrays));
    // AccountFanOut.enqueueAll -> AccountStore.forEachAccountPage: keys-only Scan of the accounts
    // table.
    snapshot.allow(
        "ScanAccountIds", List.of("dynamodb:Scan"), List.of(storage.accountsTable().getTableArn()));
    // AccountFanOut.enqueueAll -> SqsRecalcQueue.send: SendMessageBatch, authorised by
    // sqs:SendMessage.
    snapshot.allow(
        "EnqueueAccountBatches",
        List.of("sqs:SendMessage"),
        List.of(messaging.recalcQueue().getQueueArn()));
  }

  /**
   * positions and recalc: both run AccountRecalculator.recalculate, which keeps results and
   * publishes events.
   */
  private void grantMarginCalculation(MarginFunction function) {
    String marginResults = storage.marginResultsTable().getTableArn();
    grantStoredAccountReads(function);
    grantCachedMargin(function);
    // AccountRecalculator.read -> AccountStore.states: consistent BatchGetItem of the accounts
    // items, each carrying its book (the Query and GetItem above remain for accounts without one).
    function.allow(
        "BatchGetAccounts",
        List.of("dynamodb:BatchGetItem"),
        List.of(storage.accountsTable().getTableArn()));
    // AccountRecalculator.recalculate -> MarginResultStore.findAll (BatchGetItem), also to re-read
    // the results whose compare-and-set lost a race.
    function.allow("ReadMarginResults", List.of("dynamodb:BatchGetItem"), List.of(marginResults));
    // AccountRecalculator.store -> MarginResultStore.putAllIfUnchanged and clearPendingEvents:
    // TransactWriteItems of conditional Puts and Updates, authorised per action by PutItem and
    // UpdateItem (TransactWriteItems has no permission of its own), and only inside a
    // transaction, the only way these functions write results.
    function.allow(
        "WriteMarginResults",
        List.of("dynamodb:PutItem", "dynamodb:UpdateItem"),
        List.of(marginResults),
        ONLY_IN_WRITE_TRANSACTIONS);
    // AccountRecalculator.publish -> EventBridgeMarginEventPublisher.publish: PutEvents on the bus.
    function.allow(
        "PublishMarginEvents",
        List.of("events:PutEvents"),
        List.of(messaging.eventBus().getEventBusArn()));
  }

  private void grantApi(MarginFunction api) {
    grantStoredAccountReads(api);
    grantCachedMargin(api);
    // ApiHandler.accountMargin -> MarginResultStore.find: GetItem only; the api never writes
    // results.
    api.allow(
        "ReadMarginResult",
        List.of("dynamodb:GetItem"),
        List.of(storage.marginResultsTable().getTableArn()));
  }

  /**
   * An account's stored book: AccountRecalculator.read and ApiHandler.storedPortfolio / postMargin.
   */
  private void grantStoredAccountReads(MarginFunction function) {
    // AccountStore.positions: consistent, paginated Query of the account's partition.
    function.allow(
        "QueryAccountPositions",
        List.of("dynamodb:Query"),
        List.of(storage.positionsTable().getTableArn()));
    // AccountStore.account: GetItem of the account item (collateral, model).
    function.allow(
        "GetAccounts", List.of("dynamodb:GetItem"), List.of(storage.accountsTable().getTableArn()));
  }

  /**
   * CachedMargin: current pointer, cached arrays, and on a cache miss the stored snapshot and a
   * write-back.
   */
  private void grantCachedMargin(MarginFunction function) {
    String riskArrays = storage.riskArraysTable().getTableArn();
    // CachedMargin.current -> SnapshotPointerStore.find (GetItem); CachedMargin.snapshot / rates /
    // computeMissing -> SnapshotStore.snapshot (GetItem); CachedMargin.arraysFor ->
    // DynamoDbRiskArrayStore.getAll (BatchGetItem rounds of 100).
    function.allow(
        "ReadPointersSnapshotsAndRiskArrays",
        List.of("dynamodb:GetItem", "dynamodb:BatchGetItem"),
        List.of(riskArrays));
    // CachedMargin.computeMissing -> DynamoDbRiskArrayStore.putAll: BatchWriteItem of the computed
    // arrays.
    function.allow(
        "WriteBackMissingRiskArrays",
        List.of("dynamodb:BatchWriteItem"),
        List.of(riskArrays),
        ONLY_RISK_ARRAY_PARTITIONS);
    // SnapshotStore.snapshot -> S3SnapshotSource.read: a snapshot too large to inline (over 350 KB
    // gzipped) is stored as its bucket/key, and every margining handler reads the file back.
    function.allow(
        "ReadLargeSnapshotFiles",
        List.of("s3:GetObject"),
        List.of(storage.snapshotBucket().arnForObjects("*")));
  }

  private void wireSnapshotTriggers(MarginFunction snapshot) {
    // Two failure points: EventBridge cannot hand the event to Lambda (its DLQ), or Lambda
    // accepted it and every attempt of the function failed (the on-failure destination).
    LambdaFunctionProps delivery =
        LambdaFunctionProps.builder()
            .deadLetterQueue(messaging.deadLetterQueue(Messaging.SNAPSHOT_DELIVERY_DLQ))
            .retryAttempts(Messaging.EVENTBRIDGE_RETRY_ATTEMPTS)
            .maxEventAge(Duration.hours(2))
            .build();
    Rule.Builder.create(this, "MarketSnapshotPublishedRule")
        .description("A market snapshot was published: build its risk arrays")
        .eventBus(messaging.eventBus())
        .eventPattern(
            EventPattern.builder()
                .source(List.of(FunctionContract.MARKET_EVENT_SOURCE))
                .detailType(
                    List.of(
                        FunctionContract.MARKET_SNAPSHOT_PUBLISHED,
                        FunctionContract.MARKET_SNAPSHOT_PUBLISHED_COMPACT))
                .build())
        .targets(List.of(new LambdaFunction(snapshot.alias(), delivery)))
        .build();
    // S3 sends its notifications to the account's default bus only, hence no eventBus here.
    Rule.Builder.create(this, "SnapshotFileCreatedRule")
        .description("A snapshot file landed in the snapshot bucket: build its risk arrays")
        .eventPattern(
            EventPattern.builder()
                .source(List.of("aws.s3"))
                .detailType(List.of("Object Created"))
                .detail(
                    Map.of(
                        "bucket",
                        Map.of("name", List.of(storage.snapshotBucket().getBucketName()))))
                .build())
        .targets(List.of(new LambdaFunction(snapshot.alias(), delivery)))
        .build();
    snapshot
        .alias()
        .configureAsyncInvoke(
            EventInvokeConfigOptions.builder()
                .onFailure(
                    new SqsDestination(messaging.deadLetterQueue(Messaging.SNAPSHOT_FAILURE_DLQ)))
                .retryAttempts(SNAPSHOT_ASYNC_RETRY_ATTEMPTS)
                .maxEventAge(Duration.hours(2))
                .build());
  }

  private void wirePositionsStream(MarginFunction positions) {
    String stream = storage.positionsTable().getTableStreamArn();
    Queue failures = messaging.deadLetterQueue(Messaging.POSITIONS_STREAM_FAILURE_DLQ);
    // A mapping of our own instead of DynamoEventSource: that one grants dynamodb:ListStreams on
    // "*".
    positions.allow("ReadPositionsStream", STREAM_READ, List.of(stream));
    positions
        .alias()
        .addEventSourceMapping(
            "PositionsStream",
            EventSourceMappingOptions.builder()
                .eventSourceArn(stream)
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .batchSize(100)
                .maxBatchingWindow(Duration.seconds(1))
                .bisectBatchOnError(true)
                .reportBatchItemFailures(true)
                .retryAttempts(POSITIONS_STREAM_RETRY_ATTEMPTS)
                // Older than an hour, a position change is superseded by the next snapshot's
                // recalculation.
                .maxRecordAge(Duration.hours(1))
                .onFailure(new SqsDlq(failures))
                .build());
  }

  /**
   * @param handler one of the four handlers
   * @return its function
   */
  public MarginFunction function(MarginHandler handler) {
    return functions.get(handler.handlerName());
  }

  /**
   * @return the four functions by handler name, in creation order
   */
  public Map<String, MarginFunction> byHandlerName() {
    return new LinkedHashMap<>(functions);
  }
}
