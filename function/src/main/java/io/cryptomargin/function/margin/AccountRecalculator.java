package io.cryptomargin.function.margin;

import io.cryptomargin.book.AccountMargin;
import io.cryptomargin.book.MarginStatus;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.Position;
import io.cryptomargin.function.events.MarginEvent;
import io.cryptomargin.function.events.MarginEventPublisher;
import io.cryptomargin.function.store.AccountStore;
import io.cryptomargin.function.store.AccountStore.StoredAccount;
import io.cryptomargin.function.store.AccountStore.StoredPosition;
import io.cryptomargin.function.store.MarginResultStore;
import io.cryptomargin.function.store.MarginResultStore.Row;
import io.cryptomargin.function.store.SnapshotPointer;
import io.cryptomargin.io.ReportJson;
import io.cryptomargin.riskarray.RiskArray;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Re-margins stored accounts and keeps their results: reads each account's book and collateral (its
 * accounts item, many in one BatchGetItem), margins it from the cached arrays, writes the results
 * that are newer than the stored ones (compare-and-set puts, many in one transaction, see {@link
 * MarginResultStore}), and publishes a {@code Margin Call} / {@code Liquidation} event when the
 * status worsened. A batch of accounts costs a few DynamoDB requests in all, not a few each.
 *
 * <p>Recalculating an account always reads its current state, so a record delivered twice, or an
 * old record after a newer one, computes a result that is not newer than the stored one and changes
 * nothing. A book the engine refuses (an instrument no snapshot can price, a bad name) is stored as
 * status {@code ERROR} with every problem: a permanent error must not block the stream.
 */
@ApplicationScoped
public class AccountRecalculator {
  private static final Logger LOG = Logger.getLogger(AccountRecalculator.class);
  private static final int CAS_ATTEMPTS = 5;

  private final AccountStore accounts;
  private final MarginResultStore results;
  private final CachedMargin margin;
  private final MarginEventPublisher publisher;
  private final Clock clock;
  private final int concurrency;
  private final java.util.concurrent.ExecutorService pool;

  @Inject
  public AccountRecalculator(
      AccountStore accounts,
      MarginResultStore results,
      CachedMargin margin,
      MarginEventPublisher publisher,
      Clock clock,
      io.cryptomargin.function.config.FunctionConfig config) {
    this.concurrency = config.margin().recalcConcurrency();
    this.pool =
        java.util.concurrent.Executors.newFixedThreadPool(
            Math.max(1, concurrency),
            r -> {
              Thread thread = new Thread(r, "recalc");
              thread.setDaemon(true);
              return thread;
            });
    this.accounts = accounts;
    this.results = results;
    this.margin = margin;
    this.publisher = publisher;
    this.clock = clock;
  }

  /**
   * What happened to one account.
   *
   * @param status the computed status (or UNKNOWN_ACCOUNT)
   * @param written whether its result replaced the stored one
   * @param event the detail-type published, or null
   */
  public record Outcome(
      String account, long version, String status, boolean written, String event) {}

  /**
   * The outcome of a batch: per account, an outcome or the exception that should make the caller
   * retry it.
   */
  public record BatchOutcome(
      Map<String, Outcome> outcomes, Map<String, RuntimeException> failures) {}

  /**
   * Recalculates accounts (each independently: one account's failure does not stop the others).
   *
   * @param minimumVersions per account, the version of the change that triggered it (0 for a market
   *     move)
   */
  public BatchOutcome recalculate(Map<String, Long> minimumVersions) {
    Map<String, Outcome> outcomes = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    Map<String, RuntimeException> failures =
        java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    Map<String, Input> inputs = read(minimumVersions, failures);
    Map<String, Row> stored;
    try {
      stored = results.findAll(inputs.keySet());
    } catch (
        RuntimeException e) { // the results table itself failed: every account is worth a retry
      inputs.keySet().forEach(account -> failures.put(account, e));
      return new BatchOutcome(outcomes, failures);
    }
    Prefetched prefetched = prefetch(inputs.values());
    Map<String, Row> computed = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    inParallel(
        new ArrayList<>(inputs.keySet()),
        account -> {
          Input input = inputs.get(account);
          try {
            if (input.unknown()) {
              outcomes.put(
                  account, new Outcome(account, input.version, "UNKNOWN_ACCOUNT", false, null));
            } else {
              computed.put(account, resultOf(input, prefetched));
            }
          } catch (RuntimeException | Error e) {
            LOG.warnf("recalculating %s failed: %s", account, e.toString());
            failures.put(account, asRuntime(e));
          }
        });
    store(new LinkedHashMap<>(computed), stored, outcomes, failures);
    return new BatchOutcome(new LinkedHashMap<>(outcomes), new LinkedHashMap<>(failures));
  }

  /**
   * Every account's state: those whose item carries a current book from BatchGetItem requests
   * alone, the others (no item, or an item an older writer left without a current book) through
   * {@link AccountStore#state}, a few at a time.
   */
  private Map<String, Input> read(
      Map<String, Long> minimumVersions, Map<String, RuntimeException> failures) {
    Map<String, Input> inputs = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    AccountStore.BatchState batch = accounts.states(minimumVersions.keySet());
    failures.putAll(batch.failures());
    batch
        .states()
        .forEach(
            (account, state) ->
                inputs.put(account, input(account, state, minimumVersions.get(account))));
    inParallel(
        batch.withoutBook(),
        account -> {
          try {
            inputs.put(
                account, input(account, accounts.state(account), minimumVersions.get(account)));
          } catch (RuntimeException | Error e) {
            failures.put(account, asRuntime(e));
          }
        });
    return inputs;
  }

  /**
   * Stores the computed results that are newer than the stored ones, all accounts together
   * (compare-and-set puts in transactions, see {@link MarginResultStore#putAllIfUnchanged}); an
   * account that lost a race is re-read and decided again, up to {@value #CAS_ATTEMPTS} times. Then
   * publishes the events raised (and those a previous delivery stored but did not publish) and
   * clears them from their items together.
   */
  private void store(
      Map<String, Row> computed,
      Map<String, Row> stored,
      Map<String, Outcome> outcomes,
      Map<String, RuntimeException> failures) {
    Map<String, Row> current = new HashMap<>(stored);
    Map<String, Row> undecided = computed;
    Map<String, Pending> toPublish = new LinkedHashMap<>();
    for (int attempt = 1; !undecided.isEmpty(); attempt++) {
      List<MarginResultStore.Write> writes = new ArrayList<>();
      Map<String, Pending> raised = new HashMap<>();
      for (Row row : undecided.values()) {
        Optional<Row> now = Optional.ofNullable(current.get(row.account()));
        if (now.isPresent() && !row.isNewerThan(now.get())) {
          Row kept = now.get();
          if (kept.sameInputs(row) && kept.pendingEvent() != null) {
            // a previous delivery stored it but did not get to publish: report the status it
            // replaced (an item written before pendingPreviousStatus existed has none: HEALTHY, as
            // was assumed then)
            toPublish.put(
                row.account(),
                new Pending(
                    kept,
                    kept.pendingPreviousStatus() != null
                        ? kept.pendingPreviousStatus()
                        : MarginStatus.HEALTHY.name(),
                    false));
          } else {
            outcomes.put(
                row.account(),
                new Outcome(row.account(), row.version(), kept.status(), false, null));
          }
          continue;
        }
        String previous = now.map(Row::status).orElse(MarginStatus.HEALTHY.name());
        String event =
            worsened(row.status(), previous) ? MarginEvent.detailTypeOf(row.status()) : null;
        Row toWrite = row.withPendingEvent(event, previous);
        writes.add(new MarginResultStore.Write(toWrite, now));
        raised.put(row.account(), new Pending(toWrite, previous, true));
      }
      MarginResultStore.WriteOutcome written = results.putAllIfUnchanged(writes);
      failures.putAll(written.failures());
      for (String account : written.written()) {
        Pending pending = raised.get(account);
        if (pending.row().pendingEvent() != null) {
          toPublish.put(account, pending);
        } else {
          Row row = pending.row();
          outcomes.put(account, new Outcome(account, row.version(), row.status(), true, null));
        }
      }
      Map<String, Row> again = new LinkedHashMap<>();
      for (String account : written.raced()) {
        again.put(account, undecided.get(account));
      }
      if (!again.isEmpty() && attempt >= CAS_ATTEMPTS) {
        again
            .keySet()
            .forEach(
                account ->
                    failures.put(
                        account,
                        new IllegalStateException(
                            "margin result of "
                                + account
                                + " kept changing under "
                                + CAS_ATTEMPTS
                                + " attempts to write it")));
        break;
      }
      if (!again.isEmpty()) {
        try { // raced: decide again against what is stored now
          current.putAll(results.findAll(again.keySet()));
        } catch (RuntimeException e) {
          again.keySet().forEach(account -> failures.put(account, e));
          break;
        }
      }
      undecided = again;
    }
    publishAll(toPublish, outcomes, failures);
  }

  /**
   * A result whose event is to be published.
   *
   * @param written whether this delivery wrote it (else a previous one did and did not publish)
   */
  private record Pending(Row row, String previousStatus, boolean written) {}

  /**
   * Publishes each event, then clears the published ones from their items in one go. A publish that
   * fails fails its account (retried: the item keeps its pending event, so the next delivery
   * publishes it); a clear that fails too (the event then goes out again on the next delivery: at
   * least once).
   */
  private void publishAll(
      Map<String, Pending> toPublish,
      Map<String, Outcome> outcomes,
      Map<String, RuntimeException> failures) {
    List<Row> published = new ArrayList<>();
    for (Pending pending : toPublish.values()) {
      Row row = pending.row();
      try {
        publish(row, pending.previousStatus());
        published.add(row);
      } catch (RuntimeException | Error e) {
        LOG.warnf(
            "publishing %s of %s failed: %s", row.pendingEvent(), row.account(), e.toString());
        failures.put(row.account(), asRuntime(e));
      }
    }
    MarginResultStore.WriteOutcome cleared = results.clearPendingEvents(published);
    failures.putAll(cleared.failures());
    for (Row row : published) {
      if (!cleared.failures().containsKey(row.account())) {
        outcomes.put(
            row.account(),
            new Outcome(
                row.account(),
                row.version(),
                row.status(),
                toPublish.get(row.account()).written(),
                row.pendingEvent()));
      }
    }
  }

  /**
   * A failure of one account's work as the exception its caller retries on. An {@link Error} (a
   * stack overflow, memory exhausted by one book) is wrapped: it ends that account's work, never
   * the instance's.
   */
  private static RuntimeException asRuntime(Throwable failure) {
    return failure instanceof RuntimeException e
        ? e
        : new IllegalStateException(
            "recalculation failed: " + failure.getClass().getSimpleName(), failure);
  }

  /**
   * Runs per-account work on up to {@code cm.margin.recalc-concurrency} threads: each account waits
   * on a few DynamoDB round trips, so a batch is bound by latency, not CPU.
   */
  private void inParallel(Collection<String> accounts, java.util.function.Consumer<String> work) {
    if (accounts.size() <= 1 || concurrency <= 1) {
      accounts.forEach(work);
      return;
    }
    List<java.util.concurrent.Future<?>> running = new ArrayList<>();
    java.util.concurrent.ConcurrentLinkedQueue<String> queue =
        new java.util.concurrent.ConcurrentLinkedQueue<>(accounts);
    for (int t = 0; t < Math.min(concurrency, accounts.size()); t++) {
      running.add(
          pool.submit(
              () -> {
                for (String account = queue.poll(); account != null; account = queue.poll()) {
                  work.accept(account);
                }
              }));
    }
    for (java.util.concurrent.Future<?> f : running) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  /** Recalculates one account; exceptions propagate. */
  public Outcome recalculate(String account, long minimumVersion) {
    BatchOutcome outcome = recalculate(Map.of(account, minimumVersion));
    if (!outcome.failures().isEmpty()) {
      throw outcome.failures().get(account);
    }
    return outcome.outcomes().get(account);
  }

  /** An account's stored inputs. */
  private record Input(
      String account,
      long version,
      Optional<StoredAccount> stored,
      List<StoredPosition> positions,
      String model) {
    boolean unknown() {
      return stored.isEmpty() && positions.isEmpty();
    }

    Portfolio portfolio() {
      List<Position> open = new ArrayList<>();
      for (StoredPosition p : positions) {
        if (p.quantity() != 0) {
          open.add(new Position(p.instrument(), p.quantity()));
        }
      }
      return new Portfolio(account, stored.map(StoredAccount::collateral).orElse(Map.of()), open);
    }
  }

  /**
   * An account's state, read as one (see {@link AccountStore#states}), at the account's version:
   * the highest of the account item's version (bumped by every change, a delete or a collateral
   * change included), its positions' versions and the version of the change that triggered the
   * read.
   */
  private Input input(String account, AccountStore.State state, long minimumVersion) {
    List<StoredPosition> positions = state.positions();
    Optional<StoredAccount> stored = state.account();
    long version = Math.max(minimumVersion, stored.map(StoredAccount::version).orElse(0L));
    for (StoredPosition p : positions) {
      version = Math.max(version, p.version());
    }
    String model = stored.flatMap(StoredAccount::model).orElse(margin.defaultModel());
    return new Input(account, version, stored, positions, model);
  }

  /**
   * What was fetched once for the whole batch, per model: its current pointer and the arrays of
   * every instrument its accounts hold, or the failure that stops only the accounts using it.
   *
   * @param failures per model: a {@link ValidationException} (the model is unknown: the accounts'
   *     own mistake, stored as ERROR) or a transient failure (DynamoDB, no current snapshot:
   *     retried)
   */
  private record Prefetched(
      Map<String, SnapshotPointer> pointers,
      Map<String, Map<String, RiskArray>> arrays,
      Map<String, RuntimeException> failures) {}

  /**
   * The current pointer of every model involved, and every instrument's array, fetched once for the
   * whole batch. Each model is fetched on its own, so one account naming an unknown model (or a
   * model whose pointer cannot be read) does not fail the accounts of the other models.
   */
  private Prefetched prefetch(Collection<Input> inputs) {
    Map<String, Set<String>> instrumentsByModel = new TreeMap<>();
    for (Input input : inputs) {
      if (!input.unknown()) {
        // every model of a known account, even one without open positions: its result names the
        // market
        Set<String> names =
            instrumentsByModel.computeIfAbsent(input.model, m -> new LinkedHashSet<>());
        input.positions.stream()
            .filter(p -> p.quantity() != 0)
            .forEach(p -> names.add(p.instrument()));
      }
    }
    Map<String, SnapshotPointer> pointers = new TreeMap<>();
    Map<String, Map<String, RiskArray>> arraysByModel = new TreeMap<>();
    Map<String, RuntimeException> failures = new TreeMap<>();
    for (Map.Entry<String, Set<String>> entry : instrumentsByModel.entrySet()) {
      String model = entry.getKey();
      SnapshotPointer pointer;
      try {
        pointer = margin.current(model);
      } catch (RuntimeException e) {
        LOG.warnf(
            "model %s of %d account(s) unavailable: %s",
            model, inputs.stream().filter(i -> i.model.equals(model)).count(), e.toString());
        failures.put(model, e);
        continue;
      }
      pointers.put(model, pointer);
      try {
        arraysByModel.put(
            model,
            entry.getValue().isEmpty()
                ? Map.of()
                : margin.arraysFor(entry.getValue(), model, pointer));
      } catch (ValidationException oneBadBook) {
        // some instrument cannot be arrayed: each account fetches its own, so only its book fails
        arraysByModel.put(model, Map.of());
      } catch (RuntimeException e) {
        failures.put(model, e);
      }
    }
    boolean anyUnknownModel =
        failures.values().stream().anyMatch(ValidationException.class::isInstance);
    String fallback = margin.defaultModel();
    if (anyUnknownModel && !pointers.containsKey(fallback) && !failures.containsKey(fallback)) {
      // an ERROR result still names the market it was refused in: the default model's snapshot
      try {
        pointers.put(fallback, margin.current(fallback));
      } catch (RuntimeException e) {
        failures.put(fallback, e);
      }
    }
    return new Prefetched(pointers, arraysByModel, failures);
  }

  /**
   * The result of an account from what was prefetched; throws what should make the caller retry it.
   */
  private Row resultOf(Input input, Prefetched prefetched) {
    RuntimeException modelFailure = prefetched.failures().get(input.model);
    if (modelFailure instanceof ValidationException refused) {
      // the account's own data names a model we do not have: as permanent as a book the engine
      // refuses
      SnapshotPointer market = prefetched.pointers().get(margin.defaultModel());
      if (market == null) {
        throw prefetched
            .failures()
            .getOrDefault(
                margin.defaultModel(),
                new IllegalStateException(
                    "no pointer of " + margin.defaultModel() + " was fetched"));
      }
      // every problem at once: the model's, and those of the book's names in that market
      Problems problems = new Problems();
      problems.addAll("", refused);
      margin.checkInstruments(input.portfolio().instruments(), market, problems);
      try {
        problems.throwIfAny();
      } catch (ValidationException all) {
        return errorRow(
            input, market, all, digest(input.portfolio(), input.model), clock.instant().toString());
      }
    }
    if (modelFailure != null) {
      throw modelFailure;
    }
    return compute(
        input,
        prefetched.pointers().get(input.model),
        prefetched.arrays().getOrDefault(input.model, Map.of()));
  }

  private Row compute(Input input, SnapshotPointer pointer, Map<String, RiskArray> arrays) {
    String computedAt = clock.instant().toString();
    Portfolio portfolio = input.portfolio();
    String digest = digest(portfolio, input.model);
    try {
      AccountMargin result = margin.margin(portfolio, input.model, pointer, arrays);
      return new Row(
          input.account,
          input.version,
          pointer.asOf().toEpochMilli(),
          digest,
          pointer.snapshotId(),
          input.model,
          result.status().name(),
          result.initialMargin(),
          result.maintenanceMargin(),
          result.equity(),
          computedAt,
          ReportJson.write(result),
          null,
          null);
    } catch (ValidationException e) {
      return errorRow(input, pointer, e, digest, computedAt);
    }
  }

  /**
   * A book that cannot be margined, stored as ERROR with every problem (not retried: retrying
   * changes nothing).
   */
  private static Row errorRow(
      Input input,
      SnapshotPointer pointer,
      ValidationException e,
      String digest,
      String computedAt) {
    LOG.warnf("account %s cannot be margined: %s", input.account, e.getMessage());
    return new Row(
        input.account,
        input.version,
        pointer.asOf().toEpochMilli(),
        digest,
        pointer.snapshotId(),
        input.model,
        "ERROR",
        Double.NaN,
        Double.NaN,
        Double.NaN,
        computedAt,
        ReportJson.write(Map.of("errors", e.problems())),
        null,
        null);
  }

  private void publish(Row row, String previousStatus) {
    publisher.publish(
        row.pendingEvent(),
        new MarginEvent(
            row.account(),
            row.status(),
            previousStatus,
            row.initialMargin(),
            row.maintenanceMargin(),
            row.equity(),
            row.initialMargin() - row.equity(),
            row.model(),
            row.snapshotId(),
            row.version(),
            row.computedAt()));
  }

  private static boolean worsened(String status, String previous) {
    if (MarginEvent.detailTypeOf(status) == null) {
      return false;
    }
    MarginStatus before =
        "ERROR".equals(previous) ? MarginStatus.HEALTHY : MarginStatus.valueOf(previous);
    return MarginStatus.valueOf(status).isWorseThan(before);
  }

  /**
   * What the result depends on besides version and market: the open positions and the collateral.
   */
  static String digest(Portfolio portfolio, String model) {
    StringBuilder text = new StringBuilder(model).append('|');
    new TreeMap<>(portfolio.collateral())
        .forEach((c, a) -> text.append(c).append('=').append(a).append(';'));
    text.append('|');
    Map<String, Double> net = new TreeMap<>();
    portfolio.positions().forEach(p -> net.merge(p.instrument(), p.quantity(), Double::sum));
    net.forEach((i, q) -> text.append(i).append('=').append(q).append(';'));
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
