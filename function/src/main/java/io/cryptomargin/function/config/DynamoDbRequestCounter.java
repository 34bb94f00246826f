package io.cryptomargin.function.config;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the requests a DynamoDB client sends, by operation (GetItem, BatchGetItem, ...): every
 * HTTP attempt, the SDK's own retries included, since each is a request DynamoDB serves and bills.
 * Registered on the function's client, it lets a handler say how many requests a batch of accounts
 * cost. Thread-safe; it is never reset: callers take a {@link #snapshot()} before and after their
 * work and subtract, so concurrent batches on one instance do not clear each other's counts.
 */
public final class DynamoDbRequestCounter implements ExecutionInterceptor {
  private final Map<String, LongAdder> byOperation = new ConcurrentHashMap<>();

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    byOperation
        .computeIfAbsent(operation == null ? "unknown" : operation, o -> new LongAdder())
        .increment();
  }

  /** The requests sent so far, by operation. */
  public Counts snapshot() {
    Map<String, Long> counts = new TreeMap<>();
    byOperation.forEach((operation, count) -> counts.put(operation, count.sum()));
    return new Counts(counts);
  }

  /**
   * Request counts by operation name.
   *
   * @param byOperation requests per DynamoDB operation (e.g. {@code BatchGetItem}), never negative
   */
  public record Counts(Map<String, Long> byOperation) {
    public Counts {
      byOperation = Map.copyOf(byOperation);
    }

    /** Every request, whatever its operation. */
    public long total() {
      return byOperation.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The requests sent since {@code earlier} (a snapshot of the same counter), by operation. */
    public Counts since(Counts earlier) {
      Map<String, Long> difference = new TreeMap<>();
      byOperation.forEach(
          (operation, count) -> {
            long sent = count - earlier.byOperation.getOrDefault(operation, 0L);
            if (sent > 0) {
              difference.put(operation, sent);
            }
          });
      return new Counts(difference);
    }

    /** The requests of one operation. */
    public long of(String operation) {
      return byOperation.getOrDefault(operation, 0L);
    }

    /** E.g. {@code BatchGetItem: 2, TransactWriteItems: 1}, operations in name order. */
    @Override
    public String toString() {
      StringBuilder text = new StringBuilder();
      new TreeMap<>(byOperation)
          .forEach(
              (operation, count) ->
                  text.append(text.isEmpty() ? "" : ", ")
                      .append(operation)
                      .append(": ")
                      .append(count));
      return text.toString();
    }
  }
}
