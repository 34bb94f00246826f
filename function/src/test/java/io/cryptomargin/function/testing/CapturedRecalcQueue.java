package io.cryptomargin.function.testing;

import io.cryptomargin.function.local.RecordingRecalcQueue;
import io.quarkus.test.Mock;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Stands in for SQS (none runs locally): the tests turn what was sent into SQS events for the
 * recalc handler.
 */
@Mock
@ApplicationScoped
public class CapturedRecalcQueue extends RecordingRecalcQueue {}
