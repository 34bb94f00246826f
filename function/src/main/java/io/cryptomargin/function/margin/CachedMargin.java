package io.cryptomargin.function.margin;

import io.cryptomargin.book.AccountMargin;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.UsdRates;
import io.cryptomargin.function.config.FunctionConfig;
import io.cryptomargin.function.config.ScenarioSetCatalog;
import io.cryptomargin.function.store.DynamoDbRiskArrayStore;
import io.cryptomargin.function.store.SnapshotNotCurrentException;
import io.cryptomargin.function.store.SnapshotPointer;
import io.cryptomargin.function.store.SnapshotPointerStore;
import io.cryptomargin.function.store.SnapshotStore;
import io.cryptomargin.instrument.DeribitNames;
import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.io.MarginModelFiles;
import io.cryptomargin.margin.MarginModel;
import io.cryptomargin.margin.PortfolioMarginCalculator;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Portfolio margin from the cached risk arrays of the current snapshot: one BatchGetItem round per
 * 100 instruments and underlying. An instrument without a cached array is computed on the spot from
 * the stored snapshot and written back; an instrument the snapshot cannot price is a {@link
 * ValidationException} naming it, never a silent zero.
 */
@ApplicationScoped
public class CachedMargin {
  private static final Logger LOG = Logger.getLogger(CachedMargin.class);

  private final SnapshotPointerStore pointers;
  private final DynamoDbRiskArrayStore arrays;
  private final SnapshotStore snapshots;
  private final Map<String, MarginModel> models = new ConcurrentHashMap<>();
  private final Map<String, List<String>> labels = new ConcurrentHashMap<>();
  private final List<String> modelIds;
  private final String defaultModel;

  @Inject
  public CachedMargin(
      SnapshotPointerStore pointers,
      DynamoDbRiskArrayStore arrays,
      SnapshotStore snapshots,
      ScenarioSetCatalog catalog,
      FunctionConfig config) {
    this.pointers = pointers;
    this.arrays = arrays;
    this.snapshots = snapshots;
    this.modelIds = catalog.definitions().stream().map(ScenarioSetDefinition::id).toList();
    this.defaultModel = config.margin().defaultModel();
    for (String id : modelIds) {
      MarginModel model = MarginModelFiles.load(id);
      models.put(id, model);
      labels.put(id, RiskArrayCalculator.labels(model.scenarios()));
    }
    if (!models.containsKey(defaultModel)) {
      throw new IllegalStateException(
          "cm.margin.default-model "
              + defaultModel
              + " is not one of cm.scenario-sets "
              + modelIds);
    }
  }

  /** Model ids margin can be computed with (the arrayed scenario sets). */
  public List<String> modelIds() {
    return modelIds;
  }

  /** The model used when an account or request names none. */
  public String defaultModel() {
    return defaultModel;
  }

  /** A configured model. */
  public MarginModel model(String id) {
    MarginModel model = models.get(id);
    if (model == null) {
      throw ValidationException.of("model", "unknown model '" + id + "': one of " + modelIds);
    }
    return model;
  }

  /** The current pointer of a model's scenario set. */
  public SnapshotPointer current(String modelId) {
    return pointers.current(model(modelId).id());
  }

  /** The stored snapshot a pointer names. */
  public MarketSnapshot snapshot(SnapshotPointer pointer) {
    return snapshots.snapshot(pointer.snapshotId());
  }

  /** The margin of a book under a model, in its current snapshot. */
  public AccountMargin margin(Portfolio portfolio, String modelId) {
    SnapshotPointer pointer = current(modelId);
    return margin(
        portfolio, modelId, pointer, arraysFor(portfolio.instruments(), modelId, pointer));
  }

  /** The margin of a book from arrays already fetched (see {@link #arraysFor}). */
  public AccountMargin margin(
      Portfolio portfolio,
      String modelId,
      SnapshotPointer pointer,
      Map<String, RiskArray> fetched) {
    MarginModel model = model(modelId);
    Map<String, RiskArray> needed = new LinkedHashMap<>();
    for (String instrument : portfolio.instruments()) {
      RiskArray array = fetched.get(instrument);
      if (array != null) {
        needed.put(instrument, array);
      }
    }
    if (needed.size() < portfolio.instruments().size()) {
      needed = arraysFor(portfolio.instruments(), modelId, pointer);
    }
    RiskArraySet set =
        RiskArraySet.of(
            model.id(),
            pointer.parameterVersion(),
            pointer.snapshotId(),
            labels.get(modelId),
            needed.values());
    return PortfolioMarginCalculator.margin(portfolio, set, model, rates(pointer), pointer.asOf());
  }

  /** USD rates of the pointer's snapshot (its indices). */
  public UsdRates rates(SnapshotPointer pointer) {
    return UsdRates.fromSnapshot(snapshot(pointer));
  }

  /**
   * The arrays of instruments in the pointer's snapshot: cached ones read in BatchGetItem rounds of
   * 100 per underlying, missing ones computed from the snapshot and written back.
   *
   * @throws ValidationException naming every malformed instrument, every instrument on an
   *     underlying the snapshot has no market for, and every one the snapshot cannot price
   */
  public Map<String, RiskArray> arraysFor(
      Collection<String> instrumentNames, String modelId, SnapshotPointer pointer) {
    return arraysFor(instrumentNames, modelId, pointer, Integer.MAX_VALUE);
  }

  /**
   * As {@link #arraysFor(Collection, String, SnapshotPointer)}, writing back at most {@code
   * maxWrites} computed arrays: a request that names many uncached instruments gets them all, and
   * the shared cache grows by a bounded amount.
   */
  public Map<String, RiskArray> arraysFor(
      Collection<String> instrumentNames, String modelId, SnapshotPointer pointer, int maxWrites) {
    MarginModel model = model(modelId);
    int writesLeft = maxWrites;
    Problems problems = new Problems();
    Map<String, List<Instrument>> byUnderlying =
        checkInstruments(instrumentNames, pointer, problems);
    problems.throwIfAny();
    Map<String, RiskArray> found = new LinkedHashMap<>();
    for (Map.Entry<String, List<Instrument>> group : byUnderlying.entrySet()) {
      RiskArrayStore.Key key = pointer.key(group.getKey());
      Map<String, RiskArray> cached =
          arrays.getAll(key, group.getValue().stream().map(Instrument::name).toList());
      found.putAll(cached);
      List<Instrument> missing =
          group.getValue().stream().filter(i -> !cached.containsKey(i.name())).toList();
      if (!missing.isEmpty()) {
        found.putAll(computeMissing(key, missing, model, pointer, writesLeft));
        writesLeft = Math.max(0, writesLeft - missing.size());
      }
    }
    return found;
  }

  /**
   * Checks instrument names against a pointer without reading anything: each malformed name and
   * each instrument on an underlying the pointer's snapshot has no market for is added to {@code
   * problems} (field {@code positions.<name>}), so callers can report them together with problems
   * of their own.
   *
   * @return the well-formed instruments the snapshot has a market for, by underlying
   */
  public Map<String, List<Instrument>> checkInstruments(
      Collection<String> instrumentNames, SnapshotPointer pointer, Problems problems) {
    Map<String, List<Instrument>> byUnderlying = new TreeMap<>();
    for (String name : new java.util.LinkedHashSet<>(instrumentNames)) {
      Instrument instrument;
      try {
        instrument = DeribitNames.parse(name);
      } catch (ValidationException e) {
        problems.addAll("positions." + name, e);
        continue;
      }
      if (!pointer.underlyings().contains(instrument.underlying())) {
        problems.add(
            "positions." + instrument.name(),
            "the current snapshot "
                + pointer.snapshotId()
                + " has no market for "
                + instrument.underlying()
                + " (only "
                + pointer.underlyings()
                + ")");
        continue;
      }
      byUnderlying.computeIfAbsent(instrument.underlying(), u -> new ArrayList<>()).add(instrument);
    }
    return byUnderlying;
  }

  private Map<String, RiskArray> computeMissing(
      RiskArrayStore.Key key,
      List<Instrument> missing,
      MarginModel model,
      SnapshotPointer pointer,
      int maxWrites) {
    MarketSnapshot snapshot = snapshots.snapshot(pointer.snapshotId());
    RiskArraySet computed;
    try {
      computed = RiskArrayCalculator.compute(snapshot, missing, model.scenarios());
    } catch (ValidationException e) {
      Problems problems = new Problems();
      problems.addAll("positions", e);
      problems.add(
          "snapshot",
          "the instruments above have no cached array and " + snapshot.id() + " cannot price them");
      problems.throwIfAny();
      throw e;
    }
    List<RiskArray> kept =
        computed.arrays().values().stream().limit(Math.max(0, maxWrites)).toList();
    if (!kept.isEmpty()) {
      arrays.putAll(key, kept, pointer.expiresAt());
    }
    LOG.infof(
        "cache miss: computed %d %s arrays in %s, stored %d of them",
        computed.arrays().size(), model.id(), snapshot.id(), kept.size());
    return computed.arrays();
  }

  /** Thrown through: the snapshot is not current (none, expired or lacking the underlying). */
  public static boolean isUnavailable(RuntimeException e) {
    return e instanceof SnapshotNotCurrentException;
  }
}
