package io.cryptomargin.function.testing;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * A DynamoDB client whose BatchWriteItem succeeds {@code succeedingCalls} times (on the real
 * client) and then throws, as a throttled table the SDK gave up retrying would: for tests of what a
 * write that fails part-way leaves behind. Only BatchWriteItem is supported (the array store's only
 * write).
 */
public final class FailingBatchWriteClient implements DynamoDbClient {
  private final DynamoDbClient real;
  private final int succeedingCalls;
  private final AtomicInteger calls = new AtomicInteger();

  public FailingBatchWriteClient(DynamoDbClient real, int succeedingCalls) {
    this.real = real;
    this.succeedingCalls = succeedingCalls;
  }

  /** BatchWriteItem calls made so far, failed ones included. */
  public int calls() {
    return calls.get();
  }

  @Override
  public BatchWriteItemResponse batchWriteItem(Consumer<BatchWriteItemRequest.Builder> request) {
    if (calls.incrementAndGet() > succeedingCalls) {
      throw ProvisionedThroughputExceededException.builder()
          .message("test: BatchWriteItem call " + calls.get() + " throttled")
          .build();
    }
    return real.batchWriteItem(request);
  }

  @Override
  public String serviceName() {
    return real.serviceName();
  }

  @Override
  public void close() {}
}
