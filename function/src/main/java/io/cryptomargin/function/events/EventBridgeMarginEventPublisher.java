package io.cryptomargin.function.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/** PutEvents on the configured bus, one entry per event; a rejected entry is an exception. */
public final class EventBridgeMarginEventPublisher implements MarginEventPublisher {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final EventBridgeClient client;
  private final String bus;

  public EventBridgeMarginEventPublisher(EventBridgeClient client, String bus) {
    this.client = client;
    this.bus = bus;
  }

  @Override
  public void publish(String detailType, MarginEvent event) {
    String detail;
    try {
      detail = JSON.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    // A built entry rather than entries(Consumer...): a lambda there is a generic varargs array.
    PutEventsRequestEntry entry =
        PutEventsRequestEntry.builder()
            .eventBusName(bus)
            .source(MarginEvent.SOURCE)
            .detailType(detailType)
            .detail(detail)
            .resources(java.util.List.of())
            .build();
    PutEventsResponse response = client.putEvents(b -> b.entries(entry));
    if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
      PutEventsResultEntry result = response.entries().get(0);
      throw new IllegalStateException(
          "EventBridge rejected the "
              + detailType
              + " event of "
              + event.account()
              + ": "
              + result.errorCode()
              + " "
              + result.errorMessage());
    }
  }
}
