package io.cryptomargin.infra;

import software.amazon.awscdk.Duration;

/**
 * The four named handlers of the single function artifact, each deployed as its own Lambda
 * function with its own sizing.
 *
 * <p>Sizing: 1024 MB for all four is a starting point, not a measurement. Lambda gives CPU in
 * proportion to memory (a full vCPU at 1769 MB) and a JVM with the engine's risk arrays wants at
 * least ~512 MB of heap headroom, so 1024 MB is the usual floor for a Java function that does
 * real numeric work. The timeouts are about ten times the expected work so a cold start plus a
 * slow DynamoDB page does not time out, while a stuck invocation still frees its slot quickly.
 * Both are to be revisited from the function engineer's measurements (duration p99 and max
 * memory used in the REPORT lines), with AWS Lambda Power Tuning if the cost matters.
 *
 * @param handlerName the value of {@code QUARKUS_LAMBDA_HANDLER}, i.e. the {@code @Named} handler
 * @param memoryMb    memory in MB (also the CPU share)
 * @param timeout     the invocation timeout
 * @param purpose     one line for the function description
 */
public record MarginHandler(String handlerName, int memoryMb, Duration timeout, String purpose) {

    /** Builds risk arrays for a whole snapshot: the heaviest work, one invocation per snapshot. */
    public static final MarginHandler SNAPSHOT = new MarginHandler(
            "snapshot", 1024, Duration.minutes(5),
            "Builds risk arrays from a market snapshot and enqueues account batches for recalculation");

    /** One stream batch of position changes: a handful of accounts per invocation. */
    public static final MarginHandler POSITIONS = new MarginHandler(
            "positions", 1024, Duration.seconds(60),
            "Recomputes the margin of accounts whose positions changed (DynamoDB stream)");

    /** One SQS batch of account ids after a new snapshot. */
    public static final MarginHandler RECALC = new MarginHandler(
            "recalc", 1024, Duration.seconds(120),
            "Recomputes the margin of a batch of accounts after a new snapshot (SQS)");

    /**
     * Synchronous requests: API Gateway gives up after 30 s, so a longer timeout would only
     * keep paying for answers nobody receives.
     */
    public static final MarginHandler API = new MarginHandler(
            "api", 1024, Duration.seconds(20),
            "Answers margin requests from the HTTP API");
}
