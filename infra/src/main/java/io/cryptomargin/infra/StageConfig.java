package io.cryptomargin.infra;

import java.util.Locale;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Everything that differs between stages, in one place. Nothing else in the stack branches on the
 * stage name.
 *
 * <p>Function memory and timeouts are deliberately the same in every stage ({@link MarginHandler}):
 * Lambda's CPU follows memory, so a dev with less memory would measure durations that do not
 * predict prod.
 *
 * @param name stage name, part of resource names and {@code CM_STAGE}
 * @param removalPolicy what CloudFormation does with stateful resources when the stack drops them
 * @param deletionProtection DynamoDB deletion protection on every table
 * @param logRetention retention of function and API access logs
 * @param snapshotExpirationDays days after which snapshot files are deleted from the bucket
 * @param apiThrottle default-route throttling of the HTTP API
 * @param recalcMaxConcurrency cap on concurrent recalc invocations, which protects DynamoDB
 *     capacity
 * @param alarms alarm thresholds
 */
public record StageConfig(
    String name,
    RemovalPolicy removalPolicy,
    boolean deletionProtection,
    RetentionDays logRetention,
    int snapshotExpirationDays,
    ApiThrottle apiThrottle,
    int recalcMaxConcurrency,
    AlarmThresholds alarms) {

  /**
   * Steady-state requests per second and burst of the HTTP API's default route.
   *
   * @param rateLimit requests per second
   * @param burstLimit bucket size
   */
  public record ApiThrottle(double rateLimit, int burstLimit) {}

  /**
   * Thresholds of the CloudWatch alarms; each alarm fires when a five-minute value reaches it.
   *
   * @param functionErrors errors per function
   * @param functionThrottles throttled invocations per function
   * @param deadLetterMessages messages waiting in any dead-letter queue
   * @param iteratorAgeSeconds age of the oldest unprocessed positions-stream record
   */
  public record AlarmThresholds(
      int functionErrors, int functionThrottles, int deadLetterMessages, int iteratorAgeSeconds) {}

  /** Development: disposable, cheap, quiet alarms. */
  public static final StageConfig DEV =
      new StageConfig(
          "dev",
          RemovalPolicy.DESTROY,
          false,
          RetentionDays.ONE_WEEK,
          7,
          new ApiThrottle(20, 40),
          2,
          // A developer's failing test run should not page; a single dead letter still shows.
          new AlarmThresholds(10, 10, 1, 900));

  /**
   * Production: nothing stateful is deleted by a stack operation, alarms fire on the first error.
   */
  public static final StageConfig PROD =
      new StageConfig(
          "prod",
          RemovalPolicy.RETAIN,
          true,
          RetentionDays.THREE_MONTHS,
          90,
          new ApiThrottle(200, 400),
          20,
          // Margin calls must be timely: a stream minute behind is already worth a page.
          new AlarmThresholds(1, 1, 1, 60));

  /**
   * Looks a stage up by the {@code stage} context value.
   *
   * @param stage {@code dev} or {@code prod} (case-insensitive); null means dev
   * @return the stage's configuration
   * @throws IllegalArgumentException for any other name, so a typo never deploys a half-configured
   *     stage
   */
  public static StageConfig forName(String stage) {
    String normalized = stage == null ? "dev" : stage.trim().toLowerCase(Locale.ROOT);
    return switch (normalized) {
      case "dev" -> DEV;
      case "prod" -> PROD;
      default ->
          throw new IllegalArgumentException(
              "Unknown stage '" + stage + "': use -c stage=dev or -c stage=prod");
    };
  }
}
