package io.cryptomargin.function.margin;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * Lambda's partial-batch answer ({@code StreamsEventResponse} / {@code SQSBatchResponse} shape):
 * the records to retry. Empty means the whole batch succeeded.
 *
 * @param batchItemFailures the failed records: stream sequence numbers or SQS message ids
 */
@RegisterForReflection
public record BatchResponse(List<ItemFailure> batchItemFailures) {

  /** One failed record. */
  @RegisterForReflection
  public record ItemFailure(String itemIdentifier) {}

  public static BatchResponse of(List<String> failedIds) {
    return new BatchResponse(failedIds.stream().map(ItemFailure::new).toList());
  }
}
