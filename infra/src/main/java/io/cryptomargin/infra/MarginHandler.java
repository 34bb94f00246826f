package io.cryptomargin.infra;

import software.amazon.awscdk.Duration;

/**
 * The four named handlers of the single function artifact, each deployed as its own Lambda function
 * with its own sizing.
 *
 * <p>Sizing, from the function module's local measurements (2 shared cores, DynamoDB Local; see
 * benchmarks/README.md, "Measured outside JMH", and docs/scaling.md): the api handler answers in 27
 * ms median / 52 ms p99 warm and its first invocation in a fresh JVM takes 0.95 s (no SnapStart);
 * one recalc instance re-margins about 700 accounts of 20 legs a second with batched DynamoDB
 * requests, so an SQS batch of 10 messages × 100 accounts is about 1.5 s of work and a positions
 * batch (at most 100 accounts) well under 0.5 s; the snapshot handler built and cached the arrays
 * and fanned out 10,000 accounts in about 1 s. Timeouts are at least 20 times those figures (a cold
 * start plus a slow DynamoDB page must fit; a stuck invocation still frees its slot quickly).
 * Memory is not what binds: a 2,000-instrument crypto-pm array set takes 925 KiB of heap
 * (benchmarks, item 6); 1024 MB is chosen for the CPU share Lambda gives with it (a full vCPU at
 * 1769 MB). What cannot be measured here, Lambda's own REPORT lines (duration p99, max memory
 * used), should confirm these on AWS, with AWS Lambda Power Tuning if the cost matters.
 *
 * @param handlerName the value of {@code QUARKUS_LAMBDA_HANDLER}, i.e. the {@code @Named} handler
 * @param memoryMb memory in MB (also the CPU share)
 * @param timeout the invocation timeout
 * @param purpose one line for the function description
 */
public record MarginHandler(String handlerName, int memoryMb, Duration timeout, String purpose) {

  /** Builds risk arrays for a whole snapshot: the heaviest work, one invocation per snapshot. */
  public static final MarginHandler SNAPSHOT =
      new MarginHandler(
          "snapshot",
          1024,
          Duration.minutes(5),
          "Builds risk arrays from a market snapshot and enqueues account batches for recalculation");

  /** One stream batch of position changes: a handful of accounts per invocation. */
  public static final MarginHandler POSITIONS =
      new MarginHandler(
          "positions",
          1024,
          Duration.seconds(60),
          "Recomputes the margin of accounts whose positions changed (DynamoDB stream)");

  /** One SQS batch of account ids after a new snapshot. */
  public static final MarginHandler RECALC =
      new MarginHandler(
          "recalc",
          1024,
          Duration.seconds(120),
          "Recomputes the margin of a batch of accounts after a new snapshot (SQS)");

  /**
   * Synchronous requests: API Gateway gives up after 30 s, so a longer timeout would only keep
   * paying for answers nobody receives.
   */
  public static final MarginHandler API =
      new MarginHandler(
          "api", 1024, Duration.seconds(20), "Answers margin requests from the HTTP API");
}
