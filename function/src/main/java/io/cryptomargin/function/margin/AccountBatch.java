package io.cryptomargin.function.margin;

import io.cryptomargin.function.config.DynamoDbRequestCounter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * One event-source batch (stream records, queue messages) whose items each name accounts to
 * re-margin: the accounts of every item are recalculated together, once each, and the answer is the
 * ids of the items to retry (malformed ones and those with an account that failed). Both batch
 * handlers use it, so partial-batch failure means the same thing for both.
 */
public final class AccountBatch {
  private static final Logger LOG = Logger.getLogger(AccountBatch.class);

  private final List<String> malformed = new ArrayList<>();
  private final Map<String, Set<String>> accountsByItem = new LinkedHashMap<>();
  private final Map<String, Long> minimumVersions = new LinkedHashMap<>();

  /**
   * An item that cannot be read: retried (so it is seen in the logs and the DLQ), and never blocks
   * the others.
   */
  public void malformed(String itemId) {
    malformed.add(itemId);
  }

  /**
   * An item naming accounts.
   *
   * @param minimumVersions per account, the version of the change the item reports (0 for a market
   *     move)
   */
  public void add(String itemId, Map<String, Long> minimumVersions) {
    accountsByItem
        .computeIfAbsent(itemId, id -> new LinkedHashSet<>())
        .addAll(minimumVersions.keySet());
    minimumVersions.forEach(
        (account, version) -> this.minimumVersions.merge(account, version, Math::max));
  }

  /** The accounts named so far, with the highest minimum version any item gave each. */
  public Map<String, Long> accounts() {
    return Map.copyOf(minimumVersions);
  }

  /**
   * Recalculates every account named and answers the items to retry: the malformed ones, then those
   * with an account that failed. Anything thrown, {@link Error}s included, fails the items it
   * concerns and never escapes: the instance keeps serving. Logs the DynamoDB requests the batch
   * sent, by operation (the difference of two snapshots of {@code requests}).
   */
  public List<String> recalculate(
      AccountRecalculator recalculator, DynamoDbRequestCounter requests, String source) {
    List<String> failed = new ArrayList<>(malformed);
    Set<String> failedAccounts;
    DynamoDbRequestCounter.Counts before = requests.snapshot();
    try {
      AccountRecalculator.BatchOutcome outcome = recalculator.recalculate(minimumVersions);
      DynamoDbRequestCounter.Counts sent = requests.snapshot().since(before);
      failedAccounts = outcome.failures().keySet();
      outcome
          .outcomes()
          .values()
          .forEach(
              o ->
                  LOG.debugf(
                      "%s: %s v%d %s%s%s",
                      source,
                      o.account(),
                      o.version(),
                      o.status(),
                      o.written() ? " written" : " unchanged",
                      o.event() == null ? "" : ", published " + o.event()));
      LOG.infof(
          "%s: %d accounts, %d written, %d events, %d failed, %d malformed items",
          source,
          minimumVersions.size(),
          outcome.outcomes().values().stream().filter(AccountRecalculator.Outcome::written).count(),
          outcome.outcomes().values().stream().filter(o -> o.event() != null).count(),
          failedAccounts.size(),
          malformed.size());
      LOG.infof(
          "%s: %d accounts re-margined with %d DynamoDB requests (%s)",
          source, minimumVersions.size(), sent.total(), sent);
    } catch (RuntimeException | Error e) {
      LOG.errorf(e, "%s: the batch failed as a whole; every item is retried", source);
      failedAccounts = minimumVersions.keySet();
    }
    for (Map.Entry<String, Set<String>> item : accountsByItem.entrySet()) {
      if (item.getValue().stream().anyMatch(failedAccounts::contains)) {
        failed.add(item.getKey());
      }
    }
    return failed;
  }
}
