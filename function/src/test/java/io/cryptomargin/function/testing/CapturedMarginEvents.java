package io.cryptomargin.function.testing;

import io.cryptomargin.function.events.MarginEvent;
import io.cryptomargin.function.local.RecordingMarginEventPublisher;
import io.quarkus.test.Mock;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Stands in for EventBridge (none runs locally): the tests read the events the handlers published,
 * and can make the next publishes fail as a rejected PutEvents entry would.
 */
@Mock
@ApplicationScoped
public class CapturedMarginEvents extends RecordingMarginEventPublisher {
  private int failuresLeft;

  /**
   * The next {@code count} publishes throw (and record nothing), as EventBridge rejecting the
   * entry.
   */
  public synchronized void failNext(int count) {
    failuresLeft = count;
  }

  @Override
  public synchronized void publish(String detailType, MarginEvent event) {
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new IllegalStateException(
          "EventBridge stand-in rejected " + detailType + " of " + event.account());
    }
    super.publish(detailType, event);
  }

  @Override
  public synchronized void clear() {
    failuresLeft = 0;
    super.clear();
  }
}
