package io.cryptomargin.function.local;

import io.cryptomargin.function.events.MarginEvent;
import io.cryptomargin.function.events.MarginEventPublisher;
import java.util.ArrayList;
import java.util.List;

/** Keeps the events it is given, for the local run and tests (no EventBridge exists locally). */
public class RecordingMarginEventPublisher implements MarginEventPublisher {
  /** One published event. */
  public record Published(String detailType, MarginEvent detail) {}

  private final List<Published> published = new ArrayList<>();

  @Override
  public synchronized void publish(String detailType, MarginEvent event) {
    published.add(new Published(detailType, event));
  }

  public synchronized List<Published> published() {
    return List.copyOf(published);
  }

  public synchronized void clear() {
    published.clear();
  }
}
