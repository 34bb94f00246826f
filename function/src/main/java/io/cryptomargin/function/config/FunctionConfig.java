package io.cryptomargin.function.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the function is configured with. Each key maps to one variable of the infra contract
 * ({@code CM_*}) in {@code application.properties}, so a missing variable fails at start with its
 * name rather than at the first DynamoDB call.
 */
@ConfigMapping(prefix = "cm")
public interface FunctionConfig {

  /** Deployment stage, e.g. {@code dev} or {@code prod} ({@code CM_STAGE}). */
  String stage();

  /** Table names. */
  Tables tables();

  /** Name of the EventBridge bus margin events are published to ({@code CM_EVENT_BUS}). */
  String eventBus();

  /**
   * The bucket snapshot files land in ({@code CM_SNAPSHOT_BUCKET}); events naming another bucket
   * are refused.
   */
  String snapshotBucket();

  /** URL of the SQS queue of account batches to recalculate ({@code CM_RECALC_QUEUE_URL}). */
  String recalcQueueUrl();

  /** Ids of the scenario sets every snapshot is arrayed under, e.g. {@code span-16,crypto-pm}. */
  List<String> scenarioSets();

  /** Risk-array storage settings. */
  RiskArrays riskArrays();

  /** AWS client settings. */
  Aws aws();

  /** Margin settings. */
  Margin margin();

  /** HTTP API settings. */
  Api api();

  /** Who may read what through the HTTP API. */
  interface Api {
    /**
     * Principal ARNs that may read and simulate every account ({@code CM_API_ADMIN_PRINCIPALS},
     * comma-separated; empty: nobody). Everyone else reads only the accounts whose {@code owners}
     * name them.
     */
    Optional<List<String>> adminPrincipals();
  }

  /** How accounts are margined. */
  interface Margin {
    /** The model of accounts that name none, and of API requests without {@code model}. */
    @WithDefault("crypto-pm")
    String defaultModel();

    /** Accounts per recalc message when a new snapshot fans out to every account. */
    @WithDefault("100")
    int recalcBatchSize();

    /** Accounts of one invocation recalculated at once (their DynamoDB round trips overlap). */
    @WithDefault("8")
    int recalcConcurrency();
  }

  /** The four tables of the contract. */
  interface Tables {
    /**
     * Risk arrays and current-snapshot pointers: pk (S) + sk (S), TTL {@code expiresAt} ({@code
     * CM_RISK_ARRAYS_TABLE}).
     */
    String riskArrays();

    /**
     * Positions: pk = account, sk = instrument, stream NEW_AND_OLD_IMAGES ({@code
     * CM_POSITIONS_TABLE}).
     */
    String positions();

    /** Latest margin result per account: pk = account ({@code CM_MARGIN_RESULTS_TABLE}). */
    String marginResults();

    /** Accounts: pk = account ({@code CM_ACCOUNTS_TABLE}). */
    String accounts();
  }

  /** How risk arrays are kept. */
  interface RiskArrays {
    /**
     * How long arrays and pointers live after they are written, before DynamoDB's TTL removes them.
     */
    @WithDefault("P2D")
    Duration timeToLive();

    /**
     * Attempts of one batch request, counting the first, before unprocessed items fail the call.
     */
    @WithDefault("8")
    int batchAttempts();

    /** Backoff before the first retry of unprocessed items; doubled each retry, with jitter. */
    @WithDefault("PT0.05S")
    Duration batchRetryBaseDelay();
  }

  /** AWS SDK client settings; on Lambda both are left unset. */
  interface Aws {
    /** Region; unset means the SDK's default chain ({@code AWS_REGION}, which Lambda sets). */
    Optional<String> region();

    /**
     * An endpoint for local stand-ins (DynamoDB Local); when set, fixed dummy credentials are used.
     */
    Optional<URI> endpointOverride();
  }
}
