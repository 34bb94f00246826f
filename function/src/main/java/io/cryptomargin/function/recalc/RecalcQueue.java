package io.cryptomargin.function.recalc;

import java.util.List;

/**
 * The queue of account batches to recalculate: SQS in the function, a recording stand-in in tests
 * and the local run.
 */
public interface RecalcQueue {

  /**
   * Sends messages (each a {@link RecalcBatch} as JSON), in SendMessageBatch calls of 10.
   *
   * @throws RuntimeException naming the messages the queue did not accept
   */
  void send(List<RecalcBatch> batches);
}
