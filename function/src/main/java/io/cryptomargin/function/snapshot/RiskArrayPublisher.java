package io.cryptomargin.function.snapshot;

import io.cryptomargin.function.config.FunctionConfig;
import io.cryptomargin.function.config.ScenarioSetCatalog;
import io.cryptomargin.function.store.DynamoDbRiskArrayStore;
import io.cryptomargin.function.store.RiskArrayCodec;
import io.cryptomargin.function.store.SnapshotPointer;
import io.cryptomargin.function.store.SnapshotPointerStore;
import io.cryptomargin.function.store.SnapshotStore;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.riskarray.RiskArray;
import io.cryptomargin.riskarray.RiskArrayCalculator;
import io.cryptomargin.riskarray.RiskArraySet;
import io.cryptomargin.riskarray.RiskArrayStore;
import io.cryptomargin.scenario.ScenarioSetDefinition;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a snapshot into stored risk arrays in two steps, so nothing is written unless every array
 * of every scenario set could be computed: {@link #prepare} computes (and fails with every
 * problem), {@link #publish} writes all arrays and only then moves each scenario set's pointer.
 */
@ApplicationScoped
public class RiskArrayPublisher {
  private final ScenarioSetCatalog catalog;
  private final DynamoDbRiskArrayStore arrays;
  private final SnapshotPointerStore pointers;
  private final FunctionConfig config;
  private final Clock clock;
  private final SnapshotStore snapshots;

  @Inject
  public RiskArrayPublisher(
      ScenarioSetCatalog catalog,
      DynamoDbRiskArrayStore arrays,
      SnapshotPointerStore pointers,
      FunctionConfig config,
      Clock clock,
      SnapshotStore snapshots) {
    this.snapshots = snapshots;
    this.catalog = catalog;
    this.arrays = arrays;
    this.pointers = pointers;
    this.config = config;
    this.clock = clock;
  }

  /**
   * A snapshot's arrays under every configured scenario set, computed but not stored.
   *
   * @param snapshot the market
   * @param origin the event or file it came from
   * @param computeMillis time spent computing, ms
   * @param sets one per configured scenario set, in configuration order
   */
  public record PreparedSnapshot(
      MarketSnapshot snapshot, String origin, List<RiskArraySet> sets, long computeMillis) {}

  /**
   * Computes every array.
   *
   * @throws ValidationException listing every instrument that cannot be arrayed, per scenario set
   */
  public PreparedSnapshot prepare(MarketSnapshot snapshot, String origin) {
    long start = System.nanoTime();
    Problems problems = new Problems();
    List<RiskArraySet> sets = new ArrayList<>();
    for (ScenarioSetDefinition definition : catalog.definitions()) {
      try {
        sets.add(RiskArrayCalculator.computeAll(snapshot, definition));
      } catch (ValidationException e) {
        problems.addAll(definition.id(), e);
      }
    }
    problems.throwIfAny();
    return new PreparedSnapshot(snapshot, origin, sets, (System.nanoTime() - start) / 1_000_000);
  }

  /**
   * Writes every array, then makes the snapshot current for each scenario set unless a later one
   * is.
   */
  public SnapshotSummary publish(PreparedSnapshot prepared) {
    long start = System.nanoTime();
    MarketSnapshot snapshot = prepared.snapshot();
    // One expiry for the arrays and their pointer, so a valid pointer never names expired arrays.
    Instant expiresAt = clock.instant().plus(config.riskArrays().timeToLive());
    for (RiskArraySet set : prepared.sets()) {
      byUnderlying(set)
          .forEach(
              (underlying, list) ->
                  arrays.putAll(
                      new RiskArrayStore.Key(
                          underlying,
                          set.snapshotId(),
                          set.scenarioSetId(),
                          set.parameterVersion()),
                      list,
                      expiresAt));
    }
    // The snapshot itself, for cache misses later: stored before any pointer names it.
    String origin = prepared.origin();
    String bucket = null;
    String fileKey = null;
    if (origin.startsWith("s3://")) {
      int slash = origin.indexOf('/', 5);
      bucket = origin.substring(5, slash);
      fileKey = origin.substring(slash + 1);
    }
    snapshots.put(snapshot, bucket, fileKey, expiresAt);
    List<String> underlyings = List.copyOf(snapshot.underlyings().keySet());
    List<ScenarioSetSummary> summaries = new ArrayList<>();
    for (RiskArraySet set : prepared.sets()) {
      boolean moved =
          pointers.advance(
              new SnapshotPointer(
                  set.scenarioSetId(),
                  set.snapshotId(),
                  set.parameterVersion(),
                  snapshot.asOf(),
                  underlyings,
                  expiresAt));
      Map<String, Integer> counts = new TreeMap<>();
      byUnderlying(set).forEach((underlying, list) -> counts.put(underlying, list.size()));
      summaries.add(
          new ScenarioSetSummary(
              set.scenarioSetId(),
              set.parameterVersion(),
              set.scenarioCount(),
              set.arrays().size(),
              counts,
              RiskArrayCodec.encodedLossesSize(set.scenarioCount()),
              moved));
    }
    return new SnapshotSummary(
        snapshot.id(),
        snapshot.asOf(),
        prepared.origin(),
        summaries,
        prepared.computeMillis(),
        (System.nanoTime() - start) / 1_000_000);
  }

  private static Map<String, List<RiskArray>> byUnderlying(RiskArraySet set) {
    Map<String, List<RiskArray>> grouped = new TreeMap<>();
    for (RiskArray array : set.arrays().values()) {
      grouped.computeIfAbsent(array.underlying(), u -> new ArrayList<>()).add(array);
    }
    return grouped;
  }
}
