package io.cryptomargin.rules;

import io.cryptomargin.book.ParameterSetRef;
import io.cryptomargin.validation.Problems;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every number of a rules-based model (METHODOLOGY section 4), read from a versioned,
 * self-describing file: {@code models/deribit-sm.json} (no strategy recognized) or {@code
 * models/strategy-based.json}.
 *
 * @param id parameter set id ({@code deribit-sm} or {@code strategy-based})
 * @param version parameter version
 * @param asOf the date the parameters were read from their sources (ISO date)
 * @param options short option rates (the same for every underlying, as on Deribit)
 * @param defaultFutures futures and perpetual rates for underlyings not listed in {@code
 *     futuresByUnderlying}
 * @param futuresByUnderlying futures and perpetual rates per coin
 * @param defaultSpotHaircut haircut of a coin held when not listed, fraction (counts against IM
 *     only)
 * @param spotHaircuts haircut per coin, fraction (BTC and ETH 0)
 * @param recognizedStrategies the strategies recognized; none for {@code deribit-sm}
 * @param search bounds on the strategy search
 */
public record RulesParameters(
    String id,
    String version,
    String asOf,
    OptionRates options,
    FuturesRates defaultFutures,
    Map<String, FuturesRates> futuresByUnderlying,
    double defaultSpotHaircut,
    Map<String, Double> spotHaircuts,
    Set<StrategyKind> recognizedStrategies,
    SearchLimits search) {
  public RulesParameters {
    Problems problems = new Problems();
    if (id == null || id.isBlank()) {
      problems.add("id", "is required");
    }
    if (version == null || version.isBlank()) {
      problems.add("version", "is required");
    }
    if (asOf == null || asOf.isBlank()) {
      problems.add("asOf", "is required");
    }
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(defaultFutures, "defaultFutures");
    Objects.requireNonNull(search, "search");
    futuresByUnderlying = Collections.unmodifiableMap(new TreeMap<>(futuresByUnderlying));
    spotHaircuts = Collections.unmodifiableMap(new TreeMap<>(spotHaircuts));
    requireFraction(problems, "spotHaircuts.default", defaultSpotHaircut);
    spotHaircuts.forEach(
        (coin, haircut) -> requireFraction(problems, "spotHaircuts." + coin, haircut));
    recognizedStrategies =
        recognizedStrategies.isEmpty()
            ? Collections.unmodifiableSet(EnumSet.noneOf(StrategyKind.class))
            : Collections.unmodifiableSet(EnumSet.copyOf(recognizedStrategies));
    problems.throwIfAny();
  }

  /** The METHODOLOGY defaults of {@code strategy-based} (the values shipped in its file). */
  public static RulesParameters strategyBased() {
    return new RulesParameters(
        "strategy-based",
        "2.0.0",
        "2026-12-06",
        new OptionRates(0.15, 0.10, 0.075),
        new FuturesRates(0.02, 0.01, 0.00005),
        Map.of(),
        0.20,
        Map.of("BTC", 0.0, "ETH", 0.0),
        EnumSet.allOf(StrategyKind.class),
        SearchLimits.DEFAULT);
  }

  /** The METHODOLOGY defaults of {@code deribit-sm}: the same legs, no strategy. */
  public static RulesParameters deribitSm() {
    RulesParameters p = strategyBased();
    return new RulesParameters(
        "deribit-sm",
        p.version,
        p.asOf,
        p.options,
        p.defaultFutures,
        p.futuresByUnderlying,
        p.defaultSpotHaircut,
        p.spotHaircuts,
        EnumSet.noneOf(StrategyKind.class),
        p.search);
  }

  /** The futures rates of an underlying. */
  public FuturesRates futures(String underlying) {
    return futuresByUnderlying.getOrDefault(underlying, defaultFutures);
  }

  /** The haircut of a coin held, fraction (0 for USD-like money). */
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

  /**
   * These parameters with one strategy switched on or off (same id and version: for what-ifs and
   * tests).
   */
  public RulesParameters withStrategy(StrategyKind kind, boolean recognized) {
    EnumSet<StrategyKind> kinds =
        recognizedStrategies.isEmpty()
            ? EnumSet.noneOf(StrategyKind.class)
            : EnumSet.copyOf(recognizedStrategies);
    if (recognized) {
      kinds.add(kind);
    } else {
      kinds.remove(kind);
    }
    return new RulesParameters(
        id,
        version,
        asOf,
        options,
        defaultFutures,
        futuresByUnderlying,
        defaultSpotHaircut,
        spotHaircuts,
        kinds,
        search);
  }

  /** These parameters with other search limits (same id and version). */
  public RulesParameters withSearch(SearchLimits limits) {
    return new RulesParameters(
        id,
        version,
        asOf,
        options,
        defaultFutures,
        futuresByUnderlying,
        defaultSpotHaircut,
        spotHaircuts,
        recognizedStrategies,
        limits);
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
