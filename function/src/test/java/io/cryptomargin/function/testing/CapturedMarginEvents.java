package io.cryptomargin.function.testing;

import io.cryptomargin.function.local.RecordingMarginEventPublisher;
import io.quarkus.test.Mock;
import jakarta.enterprise.context.ApplicationScoped;

/** Stands in for EventBridge (none runs locally): the tests read the events the handlers published. */
@Mock
@ApplicationScoped
public class CapturedMarginEvents extends RecordingMarginEventPublisher {}
