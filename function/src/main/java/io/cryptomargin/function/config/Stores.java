package io.cryptomargin.function.config;

import io.cryptomargin.function.store.BatchRetryPolicy;
import io.cryptomargin.function.store.DynamoDbRiskArrayStore;
import io.cryptomargin.function.store.SnapshotPointerStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The stores, wired to the configured tables. The stores stay free of CDI so tests and tools can build their own. */
@ApplicationScoped
public class Stores {

  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  @Produces
  @Singleton
  DynamoDbRiskArrayStore riskArrayStore(DynamoDbClient dynamoDb, FunctionConfig config, Clock clock) {
    FunctionConfig.RiskArrays settings = config.riskArrays();
    return new DynamoDbRiskArrayStore(dynamoDb, config.tables().riskArrays(), settings.timeToLive(),
        new BatchRetryPolicy(settings.batchAttempts(), settings.batchRetryBaseDelay()), clock);
  }

  @Produces
  @Singleton
  SnapshotPointerStore snapshotPointerStore(DynamoDbClient dynamoDb, FunctionConfig config, Clock clock) {
    return new SnapshotPointerStore(dynamoDb, config.tables().riskArrays(), clock);
  }
}
