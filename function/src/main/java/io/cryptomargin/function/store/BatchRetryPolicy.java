package io.cryptomargin.function.store;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to keep re-sending the items DynamoDB returns unprocessed (throttling or the 16 MB
 * response limit): a bounded number of attempts, exponential backoff with full jitter as AWS
 * recommends, so a throttled table is not hammered and a Lambda never spins until its timeout.
 *
 * @param maxAttempts attempts of one batch including the first, at least 1
 * @param baseDelay backoff before the first retry; the cap doubles each retry
 */
public record BatchRetryPolicy(int maxAttempts, Duration baseDelay) {
  /** Longest single wait, so a few retries fit in a Lambda invocation. */
  static final Duration MAX_DELAY = Duration.ofSeconds(2);

  public BatchRetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
    }
    if (baseDelay == null || baseDelay.isNegative()) {
      throw new IllegalArgumentException("baseDelay must be >= 0, was " + baseDelay);
    }
  }

  /** Sleeps before retry number {@code retry} (1 = the first retry). */
  void pauseBeforeRetry(int retry) {
    long capMillis =
        Math.min(MAX_DELAY.toMillis(), baseDelay.toMillis() << Math.min(retry - 1, 20));
    if (capMillis <= 0) {
      return;
    }
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(capMillis + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while backing off a DynamoDB batch retry", e);
    }
  }
}
