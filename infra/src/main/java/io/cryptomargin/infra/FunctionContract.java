package io.cryptomargin.infra;

import java.util.List;

/**
 * Names shared with the function module: the environment variables it reads and the events it
 * receives or publishes. Changing one here is a breaking change for {@code function/}.
 */
public final class FunctionContract {

  /** Quarkus reads {@code quarkus.lambda.handler} from this variable to pick the named handler. */
  public static final String HANDLER_SELECTOR = "QUARKUS_LAMBDA_HANDLER";

  public static final String RISK_ARRAYS_TABLE = "CM_RISK_ARRAYS_TABLE";
  public static final String POSITIONS_TABLE = "CM_POSITIONS_TABLE";
  public static final String MARGIN_RESULTS_TABLE = "CM_MARGIN_RESULTS_TABLE";
  public static final String ACCOUNTS_TABLE = "CM_ACCOUNTS_TABLE";
  public static final String EVENT_BUS = "CM_EVENT_BUS";
  public static final String SNAPSHOT_BUCKET = "CM_SNAPSHOT_BUCKET";
  public static final String RECALC_QUEUE_URL = "CM_RECALC_QUEUE_URL";
  public static final String STAGE = "CM_STAGE";

  /**
   * Every variable of the contract; each function receives all of them (one artifact, one config).
   */
  public static final List<String> ENVIRONMENT_VARIABLES =
      List.of(
          RISK_ARRAYS_TABLE,
          POSITIONS_TABLE,
          MARGIN_RESULTS_TABLE,
          ACCOUNTS_TABLE,
          EVENT_BUS,
          SNAPSHOT_BUCKET,
          RECALC_QUEUE_URL,
          STAGE);

  /**
   * Comma-separated principal ARNs the api function treats as admins (every account readable), read
   * as {@code cm.api.admin-principals}; empty means no admin. Only the api function gets it.
   */
  public static final String API_ADMIN_PRINCIPALS = "CM_API_ADMIN_PRINCIPALS";

  /** Variables only the api function receives, on top of {@link #ENVIRONMENT_VARIABLES}. */
  public static final List<String> API_ENVIRONMENT_VARIABLES = List.of(API_ADMIN_PRINCIPALS);

  /** EventBridge {@code source} of market data events published to the bus. */
  public static final String MARKET_EVENT_SOURCE = "io.cryptomargin.market";

  /** EventBridge {@code detail-type} of the event that announces a new market snapshot. */
  public static final String MARKET_SNAPSHOT_PUBLISHED = "Market Snapshot Published";

  /**
   * The same event spelled without spaces, as an early contract wrote it; the snapshot handler
   * accepts both, so the rule forwards both rather than silently dropping a publisher that used it.
   */
  public static final String MARKET_SNAPSHOT_PUBLISHED_COMPACT = "MarketSnapshotPublished";

  /** EventBridge {@code source} of the events the margin functions publish. */
  public static final String MARGIN_EVENT_SOURCE = "io.cryptomargin.margin";

  /** Published when an account's equity falls below its initial requirement. */
  public static final String MARGIN_CALL = "Margin Call";

  /** Published when an account's equity falls below its maintenance requirement. */
  public static final String LIQUIDATION = "Liquidation";

  private FunctionContract() {}
}
