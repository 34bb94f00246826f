package io.cryptomargin.function.recalc;

import io.cryptomargin.function.config.FunctionConfig;
import io.cryptomargin.function.store.AccountStore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * A new current snapshot → every account re-margined: the accounts table is scanned (keys only,
 * page by page) and its ids sent to the recalc queue in messages of {@code
 * cm.margin.recalc-batch-size} accounts, 10 messages per SendMessageBatch. Lambda's SQS event
 * source then scales the {@code recalc} function out over the messages; nothing here waits for
 * them.
 */
@ApplicationScoped
public class AccountFanOut {
  private final AccountStore accounts;
  private final RecalcQueue queue;
  private final int batchSize;

  @Inject
  public AccountFanOut(AccountStore accounts, RecalcQueue queue, FunctionConfig config) {
    this.accounts = accounts;
    this.queue = queue;
    this.batchSize = config.margin().recalcBatchSize();
  }

  /**
   * What was enqueued.
   *
   * @param snapshotId the snapshot that became current
   * @param accounts accounts enqueued
   * @param messages messages sent
   */
  @RegisterForReflection
  public record FanOut(String snapshotId, long accounts, long messages) {}

  /** Enqueues every account for recalculation under a snapshot. */
  public FanOut enqueueAll(String snapshotId) {
    long[] messages = {0};
    long count =
        accounts.forEachAccountPage(
            ids -> {
              List<RecalcBatch> batches = new ArrayList<>();
              for (int from = 0; from < ids.size(); from += batchSize) {
                batches.add(
                    new RecalcBatch(
                        snapshotId,
                        List.copyOf(ids.subList(from, Math.min(from + batchSize, ids.size())))));
              }
              queue.send(batches);
              messages[0] += batches.size();
            });
    return new FanOut(snapshotId, count, messages[0]);
  }
}
