package io.cryptomargin.function.config;

import io.cryptomargin.function.events.EventBridgeMarginEventPublisher;
import io.cryptomargin.function.events.MarginEventPublisher;
import io.cryptomargin.function.recalc.RecalcQueue;
import io.cryptomargin.function.recalc.SqsRecalcQueue;
import io.cryptomargin.function.snapshot.SnapshotSource;
import io.cryptomargin.function.store.AccountStore;
import io.cryptomargin.function.store.BatchRetryPolicy;
import io.cryptomargin.function.store.DynamoDbRiskArrayStore;
import io.cryptomargin.function.store.MarginResultStore;
import io.cryptomargin.function.store.SnapshotPointerStore;
import io.cryptomargin.function.store.SnapshotStore;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The stores, wired to the configured tables. The stores stay free of CDI so tests and tools can
 * build their own.
 */
@ApplicationScoped
public class Stores {

  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * Bounded retries of the items a batch or transaction request left undone, shared by every store.
   */
  static BatchRetryPolicy batchRetries(FunctionConfig config) {
    FunctionConfig.RiskArrays settings = config.riskArrays();
    return new BatchRetryPolicy(settings.batchAttempts(), settings.batchRetryBaseDelay());
  }

  @Produces
  @Singleton
  DynamoDbRiskArrayStore riskArrayStore(
      DynamoDbClient dynamoDb, FunctionConfig config, Clock clock) {
    return new DynamoDbRiskArrayStore(
        dynamoDb,
        config.tables().riskArrays(),
        config.riskArrays().timeToLive(),
        batchRetries(config),
        clock);
  }

  @Produces
  @Singleton
  SnapshotStore snapshotStore(
      DynamoDbClient dynamoDb, FunctionConfig config, SnapshotSource files) {
    return new SnapshotStore(dynamoDb, config.tables().riskArrays(), files);
  }

  @Produces
  @Singleton
  AccountStore accountStore(DynamoDbClient dynamoDb, FunctionConfig config) {
    return new AccountStore(
        dynamoDb, config.tables().positions(), config.tables().accounts(), batchRetries(config));
  }

  @Produces
  @Singleton
  MarginResultStore marginResultStore(DynamoDbClient dynamoDb, FunctionConfig config) {
    return new MarginResultStore(dynamoDb, config.tables().marginResults(), batchRetries(config));
  }

  /** EventBridge; tests and the local run replace it with a recording publisher. */
  @Produces
  @Singleton
  @DefaultBean
  MarginEventPublisher marginEventPublisher(
      Instance<EventBridgeClient> client, FunctionConfig config) {
    return new EventBridgeMarginEventPublisher(client.get(), config.eventBus());
  }

  /** SQS; tests and the local run replace it with a recording queue. */
  @Produces
  @Singleton
  @DefaultBean
  RecalcQueue recalcQueue(Instance<SqsClient> client, FunctionConfig config) {
    return new SqsRecalcQueue(client.get(), config.recalcQueueUrl());
  }

  @Produces
  @Singleton
  SnapshotPointerStore snapshotPointerStore(
      DynamoDbClient dynamoDb, FunctionConfig config, Clock clock) {
    return new SnapshotPointerStore(dynamoDb, config.tables().riskArrays(), clock);
  }
}
