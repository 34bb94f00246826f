package io.cryptomargin.function.local;

import io.cryptomargin.function.recalc.RecalcBatch;
import io.cryptomargin.function.recalc.RecalcQueue;
import java.util.ArrayList;
import java.util.List;

/** Keeps the messages it is given, for the local run and tests (no SQS exists locally). */
public class RecordingRecalcQueue implements RecalcQueue {
  private final List<RecalcBatch> sent = new ArrayList<>();

  @Override
  public synchronized void send(List<RecalcBatch> batches) {
    sent.addAll(batches);
  }

  public synchronized List<RecalcBatch> sent() {
    return List.copyOf(sent);
  }

  public synchronized void clear() {
    sent.clear();
  }
}
