package io.cryptomargin.benchmarks;

import io.cryptomargin.instrument.DeribitNames;
import io.cryptomargin.instrument.EuropeanOption;
import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.instrument.Settlement;
import io.cryptomargin.io.DeribitChainCsv;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.market.Smile;
import io.cryptomargin.market.UnderlyingMarket;
import io.cryptomargin.market.VolSurface;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of options and the market snapshot they are valued in: what a risk-array build works on.
 *
 * @param name how results name it, e.g. {@code deribit-btc-2020-05-14}
 * @param snapshot the market
 * @param options the options, each valued in {@code snapshot}
 */
public record OptionUniverse(String name, MarketSnapshot snapshot, List<EuropeanOption> options) {
  /** Name of the real Deribit chain universe. */
  public static final String DERIBIT_CHAIN = "deribit-btc-2020-05-14";

  /** Name of the synthetic 2,000-option, 10-expiry universe. */
  public static final String SYNTHETIC_2000 = "synthetic-2000x10";

  private static final String BUNDLED_CHAIN = "/demo/deribit/btc_options_2020-05-14.csv";

  public OptionUniverse {
    options = List.copyOf(options);
  }

  /** A universe by its name. */
  public static OptionUniverse named(String name) {
    return switch (name) {
      case DERIBIT_CHAIN -> deribitChain();
      case SYNTHETIC_2000 -> synthetic(2_000, 10);
      default ->
          throw new IllegalArgumentException(
              "unknown universe '" + name + "': " + DERIBIT_CHAIN + " or " + SYNTHETIC_2000);
    };
  }

  /**
   * The real Deribit BTC chain of 2020-05-14 (310 options, 7 expiries), read by the engine's own
   * {@link DeribitChainCsv} from the copy the engine ships in its jar ({@code
   * demo/deribit/btc_options_2020-05-14.csv}), so the benchmark and the CLI see one snapshot.
   */
  public static OptionUniverse deribitChain() {
    String text;
    try (InputStream in = DeribitChainCsv.class.getResourceAsStream(BUNDLED_CHAIN)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource " + BUNDLED_CHAIN + " is missing from the engine jar");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    MarketSnapshot snapshot = DeribitChainCsv.parse(text, DERIBIT_CHAIN, BUNDLED_CHAIN);
    List<EuropeanOption> options = new ArrayList<>();
    for (String name : snapshot.marks().keySet()) {
      if (DeribitNames.parse(name) instanceof EuropeanOption option) {
        options.add(option);
      }
    }
    return new OptionUniverse(DERIBIT_CHAIN, snapshot, options);
  }

  /** Number of options. */
  public int size() {
    return options.size();
  }

  /**
   * A synthetic BTC universe: {@code expiries} Deribit-style expiries from 1 day to a year, each
   * with {@code options / expiries / 2} strikes (log-spaced from 0.5× to 2× the forward) as calls
   * and puts, inverse like Deribit's. Vols come from a smile per expiry (a skewed parabola in
   * log-moneyness, higher for short expiries), so every build also interpolates the surface.
   */
  public static OptionUniverse synthetic(int options, int expiries) {
    return synthetic("BTC", Instant.parse("2024-06-03T08:00:00Z"), 68_000, 10, options, expiries);
  }

  /**
   * As {@link #synthetic(int, int)} for any coin, time and index; strikes are rounded to {@code
   * strikeTick} (10 for BTC at 68,000).
   */
  public static OptionUniverse synthetic(
      String coin, Instant asOf, double index, double strikeTick, int options, int expiries) {
    if (options % (2 * expiries) != 0) {
      throw new IllegalArgumentException(
          "options must split evenly into calls and puts over " + expiries + " expiries");
    }
    int strikesPerExpiry = options / expiries / 2;
    int[] expiryDays = expiryDays(expiries);
    TreeMap<Instant, Double> forwards = new TreeMap<>();
    TreeMap<Instant, Smile> smiles = new TreeMap<>();
    List<EuropeanOption> universe = new ArrayList<>(options);
    for (int days : expiryDays) {
      // Deribit's expiries are at 08:00 UTC, as the option's name says.
      Instant expiry =
          asOf.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(8)).plus(Duration.ofDays(days));
      double years = days / 365.0;
      double forward = index * (1 + 0.08 * years);
      forwards.put(expiry, forward);
      smiles.put(expiry, smile(forward, years));
      for (int s = 0; s < strikesPerExpiry; s++) {
        double logMoneyness = Math.log(0.5) + Math.log(4.0) * s / (strikesPerExpiry - 1);
        double strike = Math.rint(forward * Math.exp(logMoneyness) / strikeTick) * strikeTick;
        for (PutCall putCall : PutCall.values()) {
          String name = DeribitNames.optionName(coin, null, expiry, strike, putCall);
          universe.add(
              new EuropeanOption(
                  name, coin, expiry, strike, putCall, Settlement.INVERSE, coin, 1.0));
        }
      }
    }
    UnderlyingMarket market =
        new UnderlyingMarket(index, forwards, new VolSurface(Double.NaN, smiles));
    MarketSnapshot snapshot = MarketSnapshot.of(asOf, Map.of(coin, market));
    String name =
        "synthetic-"
            + (coin.equals("BTC") ? "" : coin.toLowerCase(java.util.Locale.ROOT) + "-")
            + options
            + "x"
            + expiries;
    return new OptionUniverse(name, snapshot, universe);
  }

  private static int[] expiryDays(int expiries) {
    int[] listed = {1, 2, 7, 14, 28, 56, 91, 182, 273, 364};
    if (expiries > listed.length) {
      throw new IllegalArgumentException("at most " + listed.length + " expiries");
    }
    int[] days = new int[expiries];
    System.arraycopy(listed, 0, days, 0, expiries);
    return days;
  }

  private static Smile smile(double forward, double years) {
    int points = 11;
    double[] strikes = new double[points];
    double[] vols = new double[points];
    double atm = 0.50 + 0.15 * Math.exp(-years * 4);
    for (int i = 0; i < points; i++) {
      double x = Math.log(0.4) + Math.log(6.25) * i / (points - 1);
      strikes[i] = forward * Math.exp(x);
      vols[i] = atm * (1 - 0.1 * x + 0.35 * x * x);
    }
    return new Smile(strikes, vols);
  }
}
