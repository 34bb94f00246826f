package io.cryptomargin.function.snapshot;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptomargin.function.config.FunctionConfig;
import io.cryptomargin.function.recalc.AccountFanOut;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Handler {@code snapshot}: a market snapshot event (an S3 notification, or an EventBridge event
 * with the snapshot inline or naming its file) becomes stored risk arrays, through {@link
 * SnapshotPublication}. A bad event is a {@code ValidationException} listing every problem.
 */
@Named("snapshot")
public class SnapshotHandler implements RequestHandler<SnapshotEvent, SnapshotRun> {
  private final SnapshotPublication publication;

  @Inject
  public SnapshotHandler(
      ObjectMapper mapper,
      FunctionConfig config,
      SnapshotSource files,
      RiskArrayPublisher publisher,
      AccountFanOut fanOut) {
    this.publication =
        new SnapshotPublication(
            new SnapshotTriggers(mapper, config.snapshotBucket()), files, publisher, fanOut);
  }

  @Override
  public SnapshotRun handleRequest(SnapshotEvent event, Context context) {
    try {
      return publication.publish(event);
    } catch (Error e) {
      // the invocation's failure (retried, then dead-lettered), never the end of the poll loop
      throw new IllegalStateException("snapshot event failed: " + e, e);
    }
  }
}
