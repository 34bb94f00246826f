package io.cryptomargin.rules;

import io.cryptomargin.margin.ParameterSetRef;
import io.cryptomargin.validation.Problems;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every number of the rules-based model (METHODOLOGY section 4), read from the versioned file
 * {@code models/rules-based.json}.
 *
 * @param id parameter set id ({@code rules-based})
 * @param version parameter version
 * @param options short option rates (the same for every underlying, as on Deribit)
 * @param defaultFutures futures and perpetual rates for underlyings not listed in {@code futuresByUnderlying}
 * @param futuresByUnderlying futures and perpetual rates per coin (e.g. SOL's 4% on Deribit)
 * @param defaultSpotHaircut haircut of a coin held as collateral when not listed, fraction (our choice: 0.20)
 * @param spotHaircuts haircut per coin, fraction (BTC and ETH 0.10)
 * @param recognizedStrategies the strategies charged their maximum loss; by default vertical spreads
 *     and iron condors only
 * @param searchNodeBudget how many pairings the search may visit per underlying before it keeps the
 *     best found so far (the result then says so)
 */
public record RulesParameters(String id, String version, OptionRates options, FuturesRates defaultFutures,
    Map<String, FuturesRates> futuresByUnderlying, double defaultSpotHaircut, Map<String, Double> spotHaircuts,
    Set<StrategyKind> recognizedStrategies, long searchNodeBudget) {
  public RulesParameters {
    Problems problems = new Problems();
    if (id == null || id.isBlank()) {
      problems.add("id", "is required");
    }
    if (version == null || version.isBlank()) {
      problems.add("version", "is required");
    }
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(defaultFutures, "defaultFutures");
    futuresByUnderlying = Collections.unmodifiableMap(new TreeMap<>(futuresByUnderlying));
    spotHaircuts = Collections.unmodifiableMap(new TreeMap<>(spotHaircuts));
    requireFraction(problems, "spotHaircuts.default", defaultSpotHaircut);
    spotHaircuts.forEach((coin, haircut) -> requireFraction(problems, "spotHaircuts." + coin, haircut));
    recognizedStrategies = recognizedStrategies.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(StrategyKind.class))
        : Collections.unmodifiableSet(EnumSet.copyOf(recognizedStrategies));
    if (searchNodeBudget < 1) {
      problems.add("searchNodeBudget", "must be at least 1, was " + searchNodeBudget);
    }
    problems.throwIfAny();
  }

  /** The METHODOLOGY defaults (the values shipped in {@code models/rules-based.json} 1.0.0). */
  public static RulesParameters defaults() {
    return new RulesParameters("rules-based", "1.0.0", new OptionRates(0.15, 0.10, 0.075),
        new FuturesRates(0.02, 0.01, 0.00005), Map.of(), 0.20, Map.of("BTC", 0.10, "ETH", 0.10),
        EnumSet.of(StrategyKind.VERTICAL_SPREAD, StrategyKind.IRON_CONDOR), 200_000);
  }

  /** The futures rates of an underlying. */
  public FuturesRates futures(String underlying) {
    return futuresByUnderlying.getOrDefault(underlying, defaultFutures);
  }

  /** The haircut of a coin held as collateral, fraction (0 for USD-like money). */
  public double spotHaircut(String currency) {
    if (io.cryptomargin.instrument.Instrument.isUsdLike(currency)) {
      return 0.0;
    }
    return spotHaircuts.getOrDefault(currency, defaultSpotHaircut);
  }

  /** Whether a strategy is recognized. */
  public boolean recognizes(StrategyKind kind) {
    return recognizedStrategies.contains(kind);
  }

  /** These parameters with one strategy switched on or off (same id and version: for what-ifs and tests). */
  public RulesParameters withStrategy(StrategyKind kind, boolean recognized) {
    EnumSet<StrategyKind> kinds = recognizedStrategies.isEmpty() ? EnumSet.noneOf(StrategyKind.class)
        : EnumSet.copyOf(recognizedStrategies);
    if (recognized) {
      kinds.add(kind);
    } else {
      kinds.remove(kind);
    }
    return new RulesParameters(id, version, options, defaultFutures, futuresByUnderlying, defaultSpotHaircut,
        spotHaircuts, kinds, searchNodeBudget);
  }

  /** The reference recorded in results. */
  public ParameterSetRef ref() {
    return new ParameterSetRef(id, version);
  }

  private static void requireFraction(Problems problems, String field, Double value) {
    if (value == null || !(value >= 0 && value <= 1)) {
      problems.add(field, "must be a fraction in [0, 1], was " + value);
    }
  }
}
