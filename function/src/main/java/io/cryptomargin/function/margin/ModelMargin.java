package io.cryptomargin.function.margin;

import io.cryptomargin.book.AccountMargin;
import io.cryptomargin.book.MarginStatus;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.comparison.MarginComparison;
import io.cryptomargin.function.store.SnapshotPointer;
import io.cryptomargin.historical.HistoricalVarMargin;
import io.cryptomargin.historical.HistoricalVarModel;
import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.io.HistoricalVarModelFiles;
import io.cryptomargin.io.RulesParametersJson;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.report.HistoricalVarReport;
import io.cryptomargin.riskarray.RiskArray;
import io.cryptomargin.rules.RulesBasedMargin;
import io.cryptomargin.rules.RulesMarginResult;
import io.cryptomargin.rules.RulesParameters;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * The margin of a book under any model the API serves: the arrayed scenario sets (from the cache,
 * {@link CachedMargin}), the rules-based {@code deribit-sm} and {@code strategy-based} and {@code
 * historical-var} (the engine's historical simulation, full revaluation). The last two need no risk
 * arrays: they read the current snapshot itself (the default model's pointer names it).
 */
@ApplicationScoped
public class ModelMargin {
  private static final Logger LOG = Logger.getLogger(ModelMargin.class);

  /** The rules-based model ids, each leg alone first. */
  public static final List<String> RULES_BASED = RulesParametersJson.BUILT_IN;

  /** The historical VaR model id. */
  public static final String HISTORICAL_VAR = HistoricalVarModel.ID;

  private final CachedMargin cached;
  private final List<String> modelIds;
  private final Map<String, RulesParameters> rules =
      Map.of(
          RulesParametersJson.DERIBIT_SM, RulesParametersJson.load(RulesParametersJson.DERIBIT_SM),
          RulesParametersJson.STRATEGY_BASED,
              RulesParametersJson.load(RulesParametersJson.STRATEGY_BASED));
  private volatile HistoricalVarModel historical;

  @Inject
  public ModelMargin(CachedMargin cached) {
    this.cached = cached;
    List<String> ids = new ArrayList<>(cached.modelIds());
    ids.addAll(RULES_BASED);
    ids.add(HISTORICAL_VAR);
    this.modelIds = List.copyOf(ids);
  }

  /** Every model a request may name. */
  public List<String> modelIds() {
    return modelIds;
  }

  /** The model of accounts and requests naming none. */
  public String defaultModel() {
    return cached.defaultModel();
  }

  /** Whether the model is a scenario set margined from cached risk arrays. */
  public boolean arrayed(String model) {
    return cached.modelIds().contains(model);
  }

  /** Whether {@code compare} (rules-based beside the model) means anything for a model. */
  public static boolean comparable(String model) {
    return !RULES_BASED.contains(model);
  }

  /**
   * The current pointer a model's margin is computed in (for models without arrays: the default
   * model's).
   */
  public SnapshotPointer current(String model) {
    return cached.current(arrayed(model) ? model : cached.defaultModel());
  }

  /**
   * Adds to {@code problems}, without computing anything, every instrument the model cannot margin
   * in the pointer's snapshot: malformed names, underlyings without a market, and for {@code
   * historical-var} underlyings without price history.
   */
  public void checkInstruments(
      Collection<String> instruments, String model, SnapshotPointer pointer, Problems problems) {
    Map<String, List<Instrument>> byUnderlying =
        cached.checkInstruments(instruments, pointer, problems);
    if (HISTORICAL_VAR.equals(model)) {
      HistoricalVarModel var = historical();
      for (String coin : byUnderlying.keySet()) {
        if (!var.history().has(coin)) {
          problems.add(
              "history." + coin,
              "no price history for underlying "
                  + coin
                  + " (the history has "
                  + var.history().coins()
                  + "): historical-var cannot margin "
                  + coin
                  + " positions");
        }
      }
    }
  }

  /**
   * One book's figures under a model, in the engine's own result types.
   *
   * @param margin the engine's result as the API writes it ({@code AccountMargin}, or the
   *     rules-based result)
   * @param accountMargin the portfolio-model result the comparison is made with (null for
   *     rules-based)
   * @param extra the model's own fields, written beside {@code margin} (historical-var: {@code
   *     historicalVar}, with the ES, VaR and worst dated scenarios of {@code
   *     HistoricalVarReport.plain}); empty for the others
   */
  public record Result(
      Object margin,
      double initialMargin,
      double maintenanceMargin,
      MarginStatus status,
      AccountMargin accountMargin,
      Map<String, Object> extra) {}

  /** Margins books (a book and the same book with trades) under one model in one snapshot. */
  public final class Session {
    private final String model;
    private final SnapshotPointer pointer;
    private final Map<String, RiskArray> arrays;

    private Session(String model, SnapshotPointer pointer, Map<String, RiskArray> arrays) {
      this.model = model;
      this.pointer = pointer;
      this.arrays = arrays;
    }

    /** The margin of a book. */
    public Result margin(Portfolio portfolio) {
      if (arrayed(model)) {
        AccountMargin m = cached.margin(portfolio, model, pointer, arrays);
        return new Result(m, m.initialMargin(), m.maintenanceMargin(), m.status(), m, Map.of());
      }
      if (RULES_BASED.contains(model)) {
        RulesMarginResult r = RulesBasedMargin.compute(portfolio, snapshot(), rules.get(model));
        return new Result(
            r, r.initialMarginUsd(), r.maintenanceMarginUsd(), r.status(), null, Map.of());
      }
      HistoricalVarMargin h = historical().margin(portfolio, snapshot());
      AccountMargin m = h.account();
      Map<String, Object> details = new LinkedHashMap<>(HistoricalVarReport.plain(h));
      details.remove("account");
      return new Result(
          m,
          m.initialMargin(),
          m.maintenanceMargin(),
          m.status(),
          m,
          Map.of("historicalVar", details));
    }

    /**
     * The engine's comparison of both rules models with a portfolio-model result of the same book.
     */
    public MarginComparison comparison(Portfolio portfolio, Result result) {
      if (result.accountMargin() == null) {
        // e.g. a stored account whose accounts item names rules-based: the caller's request, a 400
        throw ValidationException.of(
            "compare",
            "compares the rules-based margin with a portfolio model: not "
                + "available with model "
                + model);
      }
      return MarginComparison.of(
          RULES_BASED.stream()
              .map(id -> RulesBasedMargin.compute(portfolio, snapshot(), rules.get(id)))
              .toList(),
          result.accountMargin());
    }

    private MarketSnapshot snapshot() {
      return cached.snapshot(pointer);
    }
  }

  /**
   * A session in the model's current snapshot. For an arrayed model the instruments' arrays are
   * read (and cache misses computed) once here, for every book the session margins.
   *
   * @throws ValidationException for an unknown model, or naming every instrument the model cannot
   *     margin
   * @param instruments every instrument the session's books hold
   */
  public Session session(String model, Set<String> instruments) {
    return session(model, instruments, Integer.MAX_VALUE);
  }

  /**
   * As {@link #session(String, Set)}, writing back at most {@code maxCacheWrites} arrays computed
   * on a cache miss (an API request's bound on what it adds to the shared cache).
   */
  public Session session(String model, Set<String> instruments, int maxCacheWrites) {
    if (!modelIds.contains(model)) {
      // e.g. an accounts item naming a model this function does not serve
      throw ValidationException.of("model", "unknown model '" + model + "': one of " + modelIds);
    }
    SnapshotPointer pointer = current(model);
    if (arrayed(model)) {
      return new Session(
          model, pointer, cached.arraysFor(instruments, model, pointer, maxCacheWrites));
    }
    // the same names and fields as the arrayed models' problems, all at once, before the engine
    // runs
    Problems problems = new Problems();
    checkInstruments(instruments, model, pointer, problems);
    problems.throwIfAny();
    return new Session(model, pointer, Map.of());
  }

  /**
   * The historical VaR model, loaded once per container on first use (it parses the history CSV).
   */
  HistoricalVarModel historical() {
    HistoricalVarModel model = historical;
    if (model == null) {
      synchronized (this) {
        model = historical;
        if (model == null) {
          long start = System.nanoTime();
          model = HistoricalVarModelFiles.load(HISTORICAL_VAR, null);
          LOG.infof(
              "loaded %s %s (history %s, %d days, coins %s) in %.0f ms",
              HISTORICAL_VAR,
              model.version(),
              model.history().source(),
              model.history().size(),
              new TreeSet<>(model.history().coins()),
              (System.nanoTime() - start) / 1e6);
          historical = model;
        }
      }
    }
    return model;
  }
}
