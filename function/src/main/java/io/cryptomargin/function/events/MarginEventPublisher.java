package io.cryptomargin.function.events;

/**
 * Where margin events go: EventBridge in the function, a recording stand-in in tests and the local
 * run.
 */
public interface MarginEventPublisher {

  /**
   * Publishes one event.
   *
   * @param detailType {@code Margin Call} or {@code Liquidation}
   * @throws RuntimeException when it was not accepted (the caller's record is then retried)
   */
  void publish(String detailType, MarginEvent event);
}
