package io.cryptomargin.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpIamAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.events.targets.SqsQueueProps;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.EventSourceMappingOptions;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CfnBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;

/**
 * Every AWS resource of one stage of cryptomargin.
 *
 * <p>Permissions are written out statement by statement instead of through CDK's {@code grant*}
 * helpers, because several helpers grant wildcard actions ({@code s3:GetObject*},
 * {@code s3:List*}) or {@code dynamodb:ListStreams} on {@code *}. The only CDK-generated
 * statements left are the event-source and destination grants, whose actions are all named.
 */
public final class CryptomarginStack extends Stack {

    /** Partition key of every table. */
    public static final String PARTITION_KEY = "pk";
    /** Sort key of the risk arrays and positions tables. */
    public static final String SORT_KEY = "sk";
    /** TTL attribute of the risk arrays table (epoch seconds). */
    public static final String RISK_ARRAYS_TTL_ATTRIBUTE = "expiresAt";

    /** Paths of the HTTP API; every one requires SigV4 (IAM) authorization. */
    public static final String MARGIN_REQUEST_PATH = "/margin";
    /** Latest margin result of one account. */
    public static final String ACCOUNT_MARGIN_PATH = "/accounts/{accountId}/margin";

    /** Receives before a message is parked in the recalc dead-letter queue. */
    public static final int RECALC_MAX_RECEIVE_COUNT = 5;
    /** Lambda's retries of a failed asynchronous snapshot invocation before the failure destination. */
    public static final int SNAPSHOT_ASYNC_RETRY_ATTEMPTS = 2;
    /** EventBridge's retries of a delivery it could not make, before its dead-letter queue. */
    public static final int EVENTBRIDGE_RETRY_ATTEMPTS = 8;
    /** Retries of a failing positions-stream batch (each bisected) before the on-failure destination. */
    public static final int POSITIONS_STREAM_RETRY_ATTEMPTS = 5;

    // The four actions AWS's own example policy grants a stream-reading function, on the stream only.
    private static final List<String> STREAM_READ = List.of(
            "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams");

    private final DeploymentSettings settings;
    private final Table riskArraysTable;
    private final Table positionsTable;
    private final Table marginResultsTable;
    private final Table accountsTable;
    private final Bucket snapshotBucket;
    private final EventBus eventBus;
    private final Queue recalcQueue;
    private final Queue marginEventsQueue;
    private final Map<String, Queue> deadLetterQueues = new LinkedHashMap<>();
    private final Map<String, MarginFunction> functions = new LinkedHashMap<>();
    private final HttpApi httpApi;
    private final HttpStage httpStage;
    private final LogGroup apiAccessLogs;
    private final List<Alarm> alarms = new ArrayList<>();

    /**
     * Builds the stack.
     *
     * @param scope    the app
     * @param id       stack id, e.g. {@code cryptomargin-dev}
     * @param props    account, region, description
     * @param settings stage, packaging and artifact
     */
    public CryptomarginStack(Construct scope, String id, StackProps props, DeploymentSettings settings) {
        super(scope, id, props);
        this.settings = settings;
        StageConfig stage = settings.stage();

        riskArraysTable = table("RiskArraysTable", true, null, RISK_ARRAYS_TTL_ATTRIBUTE);
        positionsTable = table("PositionsTable", true, StreamViewType.NEW_AND_OLD_IMAGES, null);
        marginResultsTable = table("MarginResultsTable", false, null, null);
        accountsTable = table("AccountsTable", false, null, null);

        snapshotBucket = createSnapshotBucket();
        eventBus = EventBus.Builder.create(this, "EventBus")
                .eventBusName("cryptomargin-" + stage.name())
                .description("Market snapshot, margin call and liquidation events of cryptomargin " + stage.name())
                .build();

        Queue recalcDlq = deadLetterQueue("RecalcDlq");
        recalcQueue = queue("RecalcQueue", Duration.days(4),
                // AWS's guidance for an SQS event source: at least six times the function timeout.
                Duration.seconds(6 * MarginHandler.RECALC.timeout().toSeconds().longValue()),
                DeadLetterQueue.builder().queue(recalcDlq).maxReceiveCount(RECALC_MAX_RECEIVE_COUNT).build());
        Queue positionsStreamFailures = deadLetterQueue("PositionsStreamFailureDlq");
        Queue snapshotDeliveryDlq = deadLetterQueue("SnapshotDeliveryDlq");
        Queue snapshotFailureDlq = deadLetterQueue("SnapshotFailureDlq");
        Queue marginEventsDlq = deadLetterQueue("MarginEventsDlq");
        Queue marginEventsDeliveryDlq = deadLetterQueue("MarginEventsDeliveryDlq");
        marginEventsQueue = queue("MarginEventsQueue", Duration.days(14), Duration.seconds(30),
                DeadLetterQueue.builder().queue(marginEventsDlq).maxReceiveCount(RECALC_MAX_RECEIVE_COUNT).build());

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(FunctionContract.RISK_ARRAYS_TABLE, riskArraysTable.getTableName());
        environment.put(FunctionContract.POSITIONS_TABLE, positionsTable.getTableName());
        environment.put(FunctionContract.MARGIN_RESULTS_TABLE, marginResultsTable.getTableName());
        environment.put(FunctionContract.ACCOUNTS_TABLE, accountsTable.getTableName());
        environment.put(FunctionContract.EVENT_BUS, eventBus.getEventBusName());
        environment.put(FunctionContract.SNAPSHOT_BUCKET, snapshotBucket.getBucketName());
        environment.put(FunctionContract.RECALC_QUEUE_URL, recalcQueue.getQueueUrl());
        environment.put(FunctionContract.STAGE, stage.name());

        MarginFunction snapshot = function("SnapshotFunction", MarginHandler.SNAPSHOT, environment);
        MarginFunction positions = function("PositionsFunction", MarginHandler.POSITIONS, environment);
        MarginFunction recalc = function("RecalcFunction", MarginHandler.RECALC, environment);
        MarginFunction api = function("ApiFunction", MarginHandler.API, environment);

        grantSnapshot(snapshot);
        grantMarginCalculation(positions);
        grantMarginCalculation(recalc);
        grantApi(api);

        wireSnapshotTriggers(snapshot, snapshotDeliveryDlq, snapshotFailureDlq);
        wirePositionsStream(positions, positionsStreamFailures);
        recalc.alias().addEventSource(new SqsEventSource(recalcQueue, SqsEventSourceProps.builder()
                .batchSize(10)
                .maxBatchingWindow(Duration.seconds(2))
                .reportBatchItemFailures(true)
                .maxConcurrency(stage.recalcMaxConcurrency())
                .build()));
        wireMarginEvents(marginEventsDeliveryDlq);

        apiAccessLogs = LogGroup.Builder.create(this, "HttpApiAccessLogs")
                .retention(stage.logRetention())
                .removalPolicy(stage.removalPolicy())
                .build();
        httpApi = HttpApi.Builder.create(this, "HttpApi")
                .apiName("cryptomargin-" + stage.name())
                .description("Margin requests; every route needs a SigV4-signed caller with execute-api:Invoke")
                .defaultAuthorizer(new HttpIamAuthorizer())
                // Our own stage below, so throttling and access logs are part of it from the start.
                .createDefaultStage(false)
                .build();
        httpStage = apiStage(stage);
        HttpLambdaIntegration integration = new HttpLambdaIntegration("ApiIntegration", api.alias());
        httpApi.addRoutes(AddRoutesOptions.builder()
                .path(MARGIN_REQUEST_PATH).methods(List.of(HttpMethod.POST)).integration(integration).build());
        httpApi.addRoutes(AddRoutesOptions.builder()
                .path(ACCOUNT_MARGIN_PATH).methods(List.of(HttpMethod.GET)).integration(integration).build());

        createAlarms(stage, positions);

        CfnOutput.Builder.create(this, "HttpApiUrl").value(httpApi.getApiEndpoint()).build();
        CfnOutput.Builder.create(this, "EventBusName").value(eventBus.getEventBusName()).build();
        CfnOutput.Builder.create(this, "SnapshotBucketName").value(snapshotBucket.getBucketName()).build();
        CfnOutput.Builder.create(this, "MarginEventsQueueUrl").value(marginEventsQueue.getQueueUrl()).build();
    }

    private Table table(String id, boolean withSortKey, StreamViewType stream, String ttlAttribute) {
        StageConfig stage = settings.stage();
        Table.Builder builder = Table.Builder.create(this, id)
                .partitionKey(Attribute.builder().name(PARTITION_KEY).type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                // The aws/dynamodb key: every use is in CloudTrail and no key policy has to follow each
                // new function. A customer-managed key would add cost and grants for no requirement we
                // have (no cross-account readers, no crypto-shredding); switch here if one appears.
                .encryption(TableEncryption.AWS_MANAGED)
                .deletionProtection(stage.deletionProtection())
                .removalPolicy(stage.removalPolicy());
        if (withSortKey) {
            builder.sortKey(Attribute.builder().name(SORT_KEY).type(AttributeType.STRING).build());
        }
        if (stream != null) {
            builder.stream(stream);
        }
        if (ttlAttribute != null) {
            builder.timeToLiveAttribute(ttlAttribute);
        }
        return builder.build();
    }

    private Bucket createSnapshotBucket() {
        StageConfig stage = settings.stage();
        Bucket bucket = Bucket.Builder.create(this, "SnapshotBucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("ExpireOldSnapshots")
                        .expiration(Duration.days(stage.snapshotExpirationDays()))
                        .abortIncompleteMultipartUploadAfter(Duration.days(1))
                        .build()))
                .removalPolicy(stage.removalPolicy())
                .build();
        // Set on the CloudFormation resource itself: CDK's eventBridgeEnabled and addEventNotification
        // deploy a custom-resource Lambda whose role may call s3:PutBucketNotification on "*".
        ((CfnBucket) bucket.getNode().getDefaultChild()).setNotificationConfiguration(
                CfnBucket.NotificationConfigurationProperty.builder()
                        .eventBridgeConfiguration(CfnBucket.EventBridgeConfigurationProperty.builder()
                                .eventBridgeEnabled(true).build())
                        .build());
        return bucket;
    }

    private Queue queue(String id, Duration retention, Duration visibilityTimeout, DeadLetterQueue deadLetterQueue) {
        Queue.Builder builder = Queue.Builder.create(this, id)
                // SSE-SQS rather than KMS: EventBridge and Lambda destinations can write to it without
                // a key policy, and it is still encryption at rest.
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(retention)
                .visibilityTimeout(visibilityTimeout)
                .removalPolicy(settings.stage().removalPolicy());
        if (deadLetterQueue != null) {
            builder.deadLetterQueue(deadLetterQueue);
        }
        return builder.build();
    }

    private Queue deadLetterQueue(String id) {
        // Fourteen days, SQS's maximum, leaves a long weekend plus a release to redrive.
        Queue queue = queue(id, Duration.days(14), Duration.seconds(30), null);
        deadLetterQueues.put(id, queue);
        return queue;
    }

    private MarginFunction function(String id, MarginHandler handler, Map<String, String> environment) {
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
        // SnapshotHandler.load -> S3SnapshotSource.read: GetObject of the file an event names (bucket checked by SnapshotTriggers).
        snapshot.allow("ReadSnapshotFiles", List.of("s3:GetObject"), List.of(snapshotBucket.arnForObjects("*")));
        // RiskArrayPublisher.publish -> DynamoDbRiskArrayStore.putAll: BatchWriteItem rounds of 25 arrays.
        snapshot.allow("WriteRiskArrays", List.of("dynamodb:BatchWriteItem"), List.of(riskArraysTable.getTableArn()));
        // RiskArrayPublisher.publish -> SnapshotStore.put (PutItem of the snapshot item) and
        // SnapshotPointerStore.advance (PutItem conditional on a later asOf).
        snapshot.allow("StoreSnapshotsAndAdvancePointers", List.of("dynamodb:PutItem"),
                List.of(riskArraysTable.getTableArn()));
        // AccountFanOut.enqueueAll -> AccountStore.forEachAccountPage: keys-only Scan of the accounts table.
        snapshot.allow("ScanAccountIds", List.of("dynamodb:Scan"), List.of(accountsTable.getTableArn()));
        // AccountFanOut.enqueueAll -> SqsRecalcQueue.send: SendMessageBatch, authorised by sqs:SendMessage.
        snapshot.allow("EnqueueAccountBatches", List.of("sqs:SendMessage"), List.of(recalcQueue.getQueueArn()));
    }

    /** positions and recalc: both run AccountRecalculator.recalculate, which keeps results and publishes events. */
    private void grantMarginCalculation(MarginFunction function) {
        grantStoredAccountReads(function);
        grantCachedMargin(function);
        // AccountRecalculator.recalculate -> MarginResultStore.findAll (BatchGetItem); apply, after a lost
        // compare-and-set -> MarginResultStore.find (GetItem).
        function.allow("ReadMarginResults", List.of("dynamodb:GetItem", "dynamodb:BatchGetItem"),
                List.of(marginResultsTable.getTableArn()));
        // AccountRecalculator.apply -> MarginResultStore.putIfUnchanged (conditional PutItem);
        // AccountRecalculator.publish -> MarginResultStore.clearPendingEvent (conditional UpdateItem).
        function.allow("WriteMarginResults", List.of("dynamodb:PutItem", "dynamodb:UpdateItem"),
                List.of(marginResultsTable.getTableArn()));
        // AccountRecalculator.publish -> EventBridgeMarginEventPublisher.publish: PutEvents on the bus.
        function.allow("PublishMarginEvents", List.of("events:PutEvents"), List.of(eventBus.getEventBusArn()));
    }

    private void grantApi(MarginFunction api) {
        grantStoredAccountReads(api);
        grantCachedMargin(api);
        // ApiHandler.accountMargin -> MarginResultStore.find: GetItem only; the api never writes results.
        api.allow("ReadMarginResult", List.of("dynamodb:GetItem"), List.of(marginResultsTable.getTableArn()));
    }

    /** An account's stored book: AccountRecalculator.read and ApiHandler.storedPortfolio / postMargin. */
    private void grantStoredAccountReads(MarginFunction function) {
        // AccountStore.positions: consistent, paginated Query of the account's partition.
        function.allow("QueryAccountPositions", List.of("dynamodb:Query"), List.of(positionsTable.getTableArn()));
        // AccountStore.account: GetItem of the account item (collateral, model).
        function.allow("GetAccounts", List.of("dynamodb:GetItem"), List.of(accountsTable.getTableArn()));
    }

    /** CachedMargin: current pointer, cached arrays, and on a cache miss the stored snapshot and a write-back. */
    private void grantCachedMargin(MarginFunction function) {
        // CachedMargin.current -> SnapshotPointerStore.find (GetItem); CachedMargin.snapshot / rates /
        // computeMissing -> SnapshotStore.snapshot (GetItem); CachedMargin.arraysFor ->
        // DynamoDbRiskArrayStore.getAll (BatchGetItem rounds of 100).
        function.allow("ReadPointersSnapshotsAndRiskArrays", List.of("dynamodb:GetItem", "dynamodb:BatchGetItem"),
                List.of(riskArraysTable.getTableArn()));
        // CachedMargin.computeMissing -> DynamoDbRiskArrayStore.putAll: BatchWriteItem of the computed arrays.
        function.allow("WriteBackMissingRiskArrays", List.of("dynamodb:BatchWriteItem"),
                List.of(riskArraysTable.getTableArn()));
        // SnapshotStore.snapshot -> S3SnapshotSource.read: a snapshot too large to inline (over 350 KB
        // gzipped) is stored as its bucket/key, and every margining handler reads the file back.
        function.allow("ReadLargeSnapshotFiles", List.of("s3:GetObject"), List.of(snapshotBucket.arnForObjects("*")));
    }

    private void wireSnapshotTriggers(MarginFunction snapshot, Queue deliveryDlq, Queue failureDlq) {
        // Two failure points: EventBridge cannot hand the event to Lambda (its DLQ), or Lambda
        // accepted it and every attempt of the function failed (the on-failure destination).
        LambdaFunctionProps delivery = LambdaFunctionProps.builder()
                .deadLetterQueue(deliveryDlq)
                .retryAttempts(EVENTBRIDGE_RETRY_ATTEMPTS)
                .maxEventAge(Duration.hours(2))
                .build();
        Rule.Builder.create(this, "MarketSnapshotPublishedRule")
                .description("A market snapshot was published: build its risk arrays")
                .eventBus(eventBus)
                .eventPattern(EventPattern.builder()
                        .source(List.of(FunctionContract.MARKET_EVENT_SOURCE))
                        .detailType(List.of(FunctionContract.MARKET_SNAPSHOT_PUBLISHED,
                                FunctionContract.MARKET_SNAPSHOT_PUBLISHED_COMPACT))
                        .build())
                .targets(List.of(new LambdaFunction(snapshot.alias(), delivery)))
                .build();
        // S3 sends its notifications to the account's default bus only, hence no eventBus here.
        Rule.Builder.create(this, "SnapshotFileCreatedRule")
                .description("A snapshot file landed in the snapshot bucket: build its risk arrays")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.s3"))
                        .detailType(List.of("Object Created"))
                        .detail(Map.of("bucket", Map.of("name", List.of(snapshotBucket.getBucketName()))))
                        .build())
                .targets(List.of(new LambdaFunction(snapshot.alias(), delivery)))
                .build();
        snapshot.alias().configureAsyncInvoke(EventInvokeConfigOptions.builder()
                .onFailure(new SqsDestination(failureDlq))
                .retryAttempts(SNAPSHOT_ASYNC_RETRY_ATTEMPTS)
                .maxEventAge(Duration.hours(2))
                .build());
    }

    private void wirePositionsStream(MarginFunction positions, Queue failures) {
        // A mapping of our own instead of DynamoEventSource: that one grants dynamodb:ListStreams on "*".
        positions.allow("ReadPositionsStream", STREAM_READ, List.of(positionsTable.getTableStreamArn()));
        positions.alias().addEventSourceMapping("PositionsStream", EventSourceMappingOptions.builder()
                .eventSourceArn(positionsTable.getTableStreamArn())
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .batchSize(100)
                .maxBatchingWindow(Duration.seconds(1))
                .bisectBatchOnError(true)
                .reportBatchItemFailures(true)
                .retryAttempts(POSITIONS_STREAM_RETRY_ATTEMPTS)
                // Older than an hour, a position change is superseded by the next snapshot's recalculation.
                .maxRecordAge(Duration.hours(1))
                .onFailure(new SqsDlq(failures))
                .build());
    }

    private void wireMarginEvents(Queue deliveryDlq) {
        Rule.Builder.create(this, "MarginEventsRule")
                .description("Margin calls and liquidations, queued for downstream consumers")
                .eventBus(eventBus)
                .eventPattern(EventPattern.builder()
                        .source(List.of(FunctionContract.MARGIN_EVENT_SOURCE))
                        .detailType(List.of(FunctionContract.MARGIN_CALL, FunctionContract.LIQUIDATION))
                        .build())
                .targets(List.of(new SqsQueue(marginEventsQueue, SqsQueueProps.builder()
                        .deadLetterQueue(deliveryDlq)
                        .retryAttempts(EVENTBRIDGE_RETRY_ATTEMPTS)
                        .maxEventAge(Duration.hours(24))
                        .build())))
                .build();
    }

    private HttpStage apiStage(StageConfig stage) {
        IAccessLogDestination destination = new LogGroupLogDestination(apiAccessLogs);
        AccessLogFormat format = AccessLogFormat.custom("{\"requestId\":\"$context.requestId\","
                + "\"requestTime\":\"$context.requestTime\",\"routeKey\":\"$context.routeKey\","
                + "\"status\":\"$context.status\",\"caller\":\"$context.identity.caller\","
                + "\"userArn\":\"$context.identity.userArn\",\"sourceIp\":\"$context.identity.sourceIp\","
                + "\"responseLength\":\"$context.responseLength\","
                + "\"integrationLatency\":\"$context.integrationLatency\","
                + "\"integrationError\":\"$context.integrationErrorMessage\"}");
        return HttpStage.Builder.create(this, "HttpApiDefaultStage")
                .httpApi(httpApi)
                // $default: the function sees paths without a stage prefix.
                .stageName("$default")
                .autoDeploy(true)
                .throttle(ThrottleSettings.builder()
                        .rateLimit(stage.apiThrottle().rateLimit())
                        .burstLimit(stage.apiThrottle().burstLimit())
                        .build())
                .accessLogSettings(new IAccessLogSettings() {
                    @Override
                    public IAccessLogDestination getDestination() {
                        return destination;
                    }

                    @Override
                    public AccessLogFormat getFormat() {
                        return format;
                    }
                })
                .build();
    }

    private void createAlarms(StageConfig stage, MarginFunction positions) {
        StageConfig.AlarmThresholds thresholds = stage.alarms();
        MetricOptions fiveMinuteSum = MetricOptions.builder().period(Duration.minutes(5)).statistic("Sum").build();
        MetricOptions fiveMinuteMax = MetricOptions.builder().period(Duration.minutes(5)).statistic("Maximum").build();
        for (MarginFunction function : functions.values()) {
            String name = capitalized(function.handler().handlerName());
            alarm(name + "ErrorsAlarm", "Errors of the " + function.handler().handlerName() + " function",
                    function.function().metricErrors(fiveMinuteSum), thresholds.functionErrors());
            alarm(name + "ThrottlesAlarm", "Throttled invocations of the " + function.handler().handlerName()
                    + " function", function.function().metricThrottles(fiveMinuteSum), thresholds.functionThrottles());
        }
        for (Map.Entry<String, Queue> dlq : deadLetterQueues.entrySet()) {
            alarm(dlq.getKey() + "DepthAlarm", "Messages waiting in " + dlq.getKey(),
                    dlq.getValue().metricApproximateNumberOfMessagesVisible(fiveMinuteMax),
                    thresholds.deadLetterMessages());
        }
        alarm("PositionsStreamIteratorAgeAlarm", "Age of the oldest positions-stream record not yet processed (ms)",
                positions.function().metric("IteratorAge", fiveMinuteMax),
                thresholds.iteratorAgeSeconds() * 1000);
    }

    private void alarm(String id, String description, IMetric metric, double threshold) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmDescription(description + " (" + settings.stage().name() + ")")
                .metric(metric)
                .threshold(threshold)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        settings.alarmTopicArn().ifPresent(arn -> alarm.addAlarmAction(
                new SnsAction(Topic.fromTopicArn(this, id + "Topic", arn))));
        alarms.add(alarm);
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** @return the settings this stack was built from */
    public DeploymentSettings settings() {
        return settings;
    }

    /** @return the risk arrays table ({@code pk}, {@code sk}, TTL {@code expiresAt}) */
    public Table riskArraysTable() {
        return riskArraysTable;
    }

    /** @return the positions table, whose stream feeds the positions function */
    public Table positionsTable() {
        return positionsTable;
    }

    /** @return the margin results table */
    public Table marginResultsTable() {
        return marginResultsTable;
    }

    /** @return the accounts table */
    public Table accountsTable() {
        return accountsTable;
    }

    /** @return the bucket snapshot files are uploaded to */
    public Bucket snapshotBucket() {
        return snapshotBucket;
    }

    /** @return the cryptomargin event bus */
    public EventBus eventBus() {
        return eventBus;
    }

    /** @return the queue of account batches to recalculate */
    public Queue recalcQueue() {
        return recalcQueue;
    }

    /** @return the queue downstream consumers read margin calls and liquidations from */
    public Queue marginEventsQueue() {
        return marginEventsQueue;
    }

    /** @return every dead-letter queue and on-failure destination, by construct id */
    public Map<String, Queue> deadLetterQueues() {
        return Map.copyOf(deadLetterQueues);
    }

    /** @return the four functions by handler name */
    public Map<String, MarginFunction> functions() {
        return Map.copyOf(functions);
    }

    /** @return the HTTP API */
    public HttpApi httpApi() {
        return httpApi;
    }

    /** @return the API's {@code $default} stage */
    public HttpStage httpStage() {
        return httpStage;
    }

    /** @return the log group of the API's access logs */
    public LogGroup apiAccessLogs() {
        return apiAccessLogs;
    }

    /** @return every alarm */
    public List<Alarm> alarms() {
        return List.copyOf(alarms);
    }
}
