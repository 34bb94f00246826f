package io.cryptomargin.benchmarks;

import io.cryptomargin.instrument.DeribitNames;
import io.cryptomargin.instrument.EuropeanOption;
import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.instrument.Settlement;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.market.Smile;
import io.cryptomargin.market.UnderlyingMarket;
import io.cryptomargin.market.VolSurface;
import java.time.Duration;
import java.time.Instant;
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

  public OptionUniverse {
    options = List.copyOf(options);
  }

  /** A universe by its name. */
  public static OptionUniverse named(String name) {
    return switch (name) {
      case DERIBIT_CHAIN -> MinimalDeribitCsv.btc20200514();
      case SYNTHETIC_2000 -> synthetic(2_000, 10);
      default -> throw new IllegalArgumentException("unknown universe '" + name + "': "
          + DERIBIT_CHAIN + " or " + SYNTHETIC_2000);
    };
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
    if (options % (2 * expiries) != 0) {
      throw new IllegalArgumentException("options must split evenly into calls and puts over " + expiries + " expiries");
    }
    int strikesPerExpiry = options / expiries / 2;
    Instant asOf = Instant.parse("2024-06-03T08:00:00Z");
    double index = 68_000;
    int[] expiryDays = expiryDays(expiries);
    TreeMap<Instant, Double> forwards = new TreeMap<>();
    TreeMap<Instant, Smile> smiles = new TreeMap<>();
    List<EuropeanOption> universe = new ArrayList<>(options);
    for (int days : expiryDays) {
      Instant expiry = asOf.plus(Duration.ofDays(days));
      double years = days / 365.0;
      double forward = index * (1 + 0.08 * years);
      forwards.put(expiry, forward);
      smiles.put(expiry, smile(forward, years));
      for (int s = 0; s < strikesPerExpiry; s++) {
        double logMoneyness = Math.log(0.5) + Math.log(4.0) * s / (strikesPerExpiry - 1);
        double strike = Math.rint(forward * Math.exp(logMoneyness) / 10) * 10;
        for (PutCall putCall : PutCall.values()) {
          String name = DeribitNames.optionName("BTC", null, expiry, strike, putCall);
          universe.add(new EuropeanOption(name, "BTC", expiry, strike, putCall, Settlement.INVERSE, "BTC", 1.0));
        }
      }
    }
    UnderlyingMarket btc = new UnderlyingMarket(index, forwards, new VolSurface(Double.NaN, smiles));
    MarketSnapshot snapshot = MarketSnapshot.of(asOf, Map.of("BTC", btc));
    return new OptionUniverse("synthetic-" + options + "x" + expiries, snapshot, universe);
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
