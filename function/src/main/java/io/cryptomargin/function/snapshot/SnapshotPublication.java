package io.cryptomargin.function.snapshot;

import io.cryptomargin.function.recalc.AccountFanOut;
import io.cryptomargin.io.SnapshotJson;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * A snapshot event made stored risk arrays: every snapshot the event names is read and arrayed
 * before anything is written, so a bad event (every problem listed in the {@link
 * ValidationException}) leaves no trace in the table. Then all arrays are written, each scenario
 * set's pointer moves, and every account is enqueued for recalculation on the new market.
 * Re-delivery of the same event rewrites identical items and leaves the pointer where it is.
 */
public final class SnapshotPublication {
  private static final Logger LOG = Logger.getLogger(SnapshotPublication.class);

  /**
   * Longest snapshot id, in UTF-8 bytes: it is part of DynamoDB keys (sort keys take at most
   * 1,024).
   */
  public static final int MAX_SNAPSHOT_ID_BYTES = 200;

  private final SnapshotTriggers triggers;
  private final SnapshotSource files;
  private final RiskArrayPublisher publisher;
  private final AccountFanOut fanOut;

  public SnapshotPublication(
      SnapshotTriggers triggers,
      SnapshotSource files,
      RiskArrayPublisher publisher,
      AccountFanOut fanOut) {
    this.triggers = triggers;
    this.files = files;
    this.publisher = publisher;
    this.fanOut = fanOut;
  }

  /**
   * Publishes every snapshot an event names.
   *
   * @throws ValidationException listing every problem of the event and its snapshots; nothing
   *     written
   */
  public SnapshotRun publish(SnapshotEvent event) {
    Problems problems = new Problems();
    List<RiskArrayPublisher.PreparedSnapshot> prepared = new ArrayList<>();
    for (SnapshotTrigger trigger : triggers.parse(event)) {
      try {
        MarketSnapshot snapshot = load(trigger);
        int idBytes = snapshot.id().getBytes(StandardCharsets.UTF_8).length;
        if (idBytes > MAX_SNAPSHOT_ID_BYTES) {
          // it keys DynamoDB items: over the key limit DynamoDB would refuse it, which is no reason
          // to retry
          problems.add(
              (trigger instanceof SnapshotTrigger.Inline ? "detail.snapshot" : trigger.origin())
                  + ".id",
              "is " + idBytes + " bytes long: at most " + MAX_SNAPSHOT_ID_BYTES);
          continue;
        }
        prepared.add(publisher.prepare(snapshot, trigger.origin()));
      } catch (ValidationException e) {
        problems.addAll(trigger.origin(), e);
      }
    }
    problems.throwIfAny();
    List<SnapshotSummary> summaries = new ArrayList<>();
    List<AccountFanOut.FanOut> fanOuts = new ArrayList<>();
    for (RiskArrayPublisher.PreparedSnapshot snapshot : prepared) {
      SnapshotSummary summary = publisher.publish(snapshot);
      LOG.infof(
          "snapshot %s from %s: %s",
          summary.snapshotId(), summary.origin(), summary.scenarioSets());
      summaries.add(summary);
      // Its arrays are complete and current: every account is re-margined on the new market.
      if (summary.scenarioSets().stream().anyMatch(ScenarioSetSummary::pointerMoved)) {
        AccountFanOut.FanOut fan = fanOut.enqueueAll(summary.snapshotId());
        LOG.infof(
            "snapshot %s: %d accounts enqueued for recalculation in %d messages",
            fan.snapshotId(), fan.accounts(), fan.messages());
        fanOuts.add(fan);
      }
    }
    return new SnapshotRun(summaries, fanOuts);
  }

  private MarketSnapshot load(SnapshotTrigger trigger) {
    if (trigger instanceof SnapshotTrigger.StoredFile file) {
      return SnapshotJson.parse(files.read(file.bucket(), file.key()), file.origin());
    }
    return SnapshotJson.parse(((SnapshotTrigger.Inline) trigger).snapshotJson(), "detail.snapshot");
  }
}
