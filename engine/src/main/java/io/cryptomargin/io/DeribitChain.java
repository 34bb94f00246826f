package io.cryptomargin.io;

import io.cryptomargin.instrument.EuropeanOption;
import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.market.Mark;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.market.Smile;
import io.cryptomargin.market.UnderlyingMarket;
import io.cryptomargin.market.VolSurface;
import io.cryptomargin.validation.Problems;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Turns Deribit rows (from the CSV chain or the book summary) into a snapshot. Per underlying: the
 * index and each expiry's forward are the values of the latest row that gives them; each expiry's
 * smile takes, at every strike, the out-of-the-money option's mark IV (call for K ≥ F, put for K
 * &lt; F), where in-the-money IVs are noisier, and the only one where a strike has one side.
 */
final class DeribitChain {
  private record Timed(double value, Instant at) {}

  private record StrikeVols(Double callVol, Double putVol) {}

  private final Map<String, Timed> indexByCoin = new TreeMap<>();
  private final Map<String, TreeMap<Instant, Timed>> forwardsByCoin = new TreeMap<>();
  private final Map<String, TreeMap<Instant, TreeMap<Double, StrikeVols>>> volsByCoin =
      new TreeMap<>();
  private final Map<String, Mark> marks = new LinkedHashMap<>();

  /** Every dated contract seen, with where it was read, so expired ones can be named. */
  private final Map<String, Listed> dated = new LinkedHashMap<>();

  private Instant asOf;

  private record Listed(Instrument instrument, String where) {}

  /**
   * Records that a row or entry lists an instrument observed at a time, even one whose other fields
   * were bad, so the snapshot time and expired contracts come out in the same pass.
   *
   * @param where how error messages name the row, e.g. {@code chain.csv line 12 (BTC-29MAR24)}
   */
  void listed(Instrument instrument, Instant at, String where) {
    if (at != null) {
      seen(at);
    }
    if (instrument.expiry().isPresent()) {
      dated.putIfAbsent(instrument.name(), new Listed(instrument, where));
    }
  }

  /** Records a problem for every dated contract that expired at or before the snapshot time. */
  void checkExpiries(Problems problems) {
    if (asOf == null) {
      return;
    }
    for (Listed l : dated.values()) {
      if (!l.instrument().expiry().orElseThrow().isAfter(asOf)) {
        problems.add(
            l.where(),
            "expired: expiry "
                + l.instrument().expiry().orElseThrow()
                + " is not after the snapshot time "
                + asOf
                + " (the latest observation of the file)");
      }
    }
  }

  /** Records an index observation (USD per coin). */
  void index(String coin, double index, Instant at) {
    seen(at);
    indexByCoin.merge(coin, new Timed(index, at), DeribitChain::later);
  }

  /** Records an option's mark: price in the settlement currency, vol as a fraction, forward USD. */
  void option(EuropeanOption option, double markPrice, double markVol, double forward, Instant at) {
    seen(at);
    forward(option.underlying(), option.expiryTime(), forward, at);
    volsByCoin
        .computeIfAbsent(option.underlying(), c -> new TreeMap<>())
        .computeIfAbsent(option.expiryTime(), e -> new TreeMap<>())
        .merge(
            option.strike(),
            option.putCall() == PutCall.CALL
                ? new StrikeVols(markVol, null)
                : new StrikeVols(null, markVol),
            (a, b) ->
                new StrikeVols(
                    b.callVol() != null ? b.callVol() : a.callVol(),
                    b.putVol() != null ? b.putVol() : a.putVol()));
    marks.put(
        option.name(),
        new Mark(
            OptionalDouble.of(markPrice),
            OptionalDouble.of(markVol),
            OptionalDouble.of(forward),
            Optional.of(at)));
  }

  /** Records a future's or perpetual's mark price (USD per coin), which is its forward. */
  void futureOrPerpetual(Instrument instrument, double markPriceUsd, Instant at) {
    seen(at);
    instrument
        .expiry()
        .ifPresent(expiry -> forward(instrument.underlying(), expiry, markPriceUsd, at));
    marks.put(
        instrument.name(),
        new Mark(
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            OptionalDouble.of(markPriceUsd),
            Optional.of(at)));
  }

  /** Whether nothing was recorded. */
  boolean isEmpty() {
    return marks.isEmpty();
  }

  /**
   * The snapshot; records a problem (and returns null) when an underlying lacks an index or a
   * contract has expired. Also returns null when problems were found before, after adding its own.
   */
  MarketSnapshot build(String id, String source, Problems problems) {
    checkExpiries(problems);
    if (marks.isEmpty()) {
      if (dated.isEmpty()) {
        problems.add(source, "holds no instruments");
      }
      return null;
    }
    Map<String, UnderlyingMarket> underlyings = new TreeMap<>();
    java.util.Set<String> coins = new java.util.TreeSet<>(forwardsByCoin.keySet());
    coins.addAll(indexByCoin.keySet());
    for (String coin : coins) {
      Timed index = indexByCoin.get(coin);
      if (index == null) {
        problems.add(source, "no index price for " + coin);
        continue;
      }
      TreeMap<Instant, Double> forwards = new TreeMap<>();
      forwardsByCoin
          .getOrDefault(coin, new TreeMap<>())
          .forEach((expiry, f) -> forwards.put(expiry, f.value()));
      TreeMap<Instant, Smile> smiles = new TreeMap<>();
      volsByCoin
          .getOrDefault(coin, new TreeMap<>())
          .forEach((expiry, byStrike) -> smiles.put(expiry, smile(byStrike, forwards.get(expiry))));
      VolSurface surface =
          smiles.isEmpty() ? VolSurface.flat(DEFAULT_FLAT_VOL) : new VolSurface(Double.NaN, smiles);
      underlyings.put(coin, new UnderlyingMarket(index.value(), forwards, surface));
    }
    if (!problems.isEmpty()) {
      return null;
    }
    return new MarketSnapshot(id, asOf, underlyings, marks);
  }

  /**
   * The vol of a coin without options (only futures in a book summary): futures do not use it, so
   * any value would do; this one is a typical BTC level so an option added later is not absurd.
   */
  private static final double DEFAULT_FLAT_VOL = 0.6;

  private static Smile smile(NavigableMap<Double, StrikeVols> byStrike, double forward) {
    double[] strikes = new double[byStrike.size()];
    double[] vols = new double[byStrike.size()];
    int i = 0;
    for (Map.Entry<Double, StrikeVols> e : byStrike.entrySet()) {
      double strike = e.getKey();
      StrikeVols v = e.getValue();
      Double outOfTheMoney = strike >= forward ? v.callVol() : v.putVol();
      strikes[i] = strike;
      vols[i] =
          outOfTheMoney != null ? outOfTheMoney : v.callVol() != null ? v.callVol() : v.putVol();
      i++;
    }
    return new Smile(strikes, vols);
  }

  private void forward(String coin, Instant expiry, double forward, Instant at) {
    forwardsByCoin
        .computeIfAbsent(coin, c -> new TreeMap<>())
        .merge(expiry, new Timed(forward, at), DeribitChain::later);
  }

  private void seen(Instant at) {
    if (asOf == null || at.isAfter(asOf)) {
      asOf = at;
    }
  }

  private static Timed later(Timed a, Timed b) {
    return b.at().isBefore(a.at()) ? a : b;
  }
}
