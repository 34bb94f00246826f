package io.cryptomargin.benchmarks;

import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.Position;
import io.cryptomargin.book.UsdRates;
import io.cryptomargin.instrument.EuropeanOption;
import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.margin.MarginModel;
import io.cryptomargin.market.MarketShift;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.market.VolShock;
import io.cryptomargin.riskarray.RiskArrayCalculator;
import io.cryptomargin.riskarray.RiskArraySet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What the margin benchmarks (items 3 and 4) sample books from: the real Deribit BTC chain of
 * 2020-05-14 (310 options) and a synthetic ETH universe (2,000 options over 10 expiries, smile
 * surface, index 200 USD) at the chain's time, in one two-coin snapshot. Two coins so every charge
 * of the model is exercised: scanning risk, calendar spread, short option minimum, net option value
 * and the BTC/ETH inter-commodity credit.
 *
 * <p>Risk arrays of the whole universe (2,310 instruments) under a model are built once, in setup:
 * that is the cache the margin is computed from.
 *
 * @param snapshot the two-coin market
 * @param instruments every instrument, by name, in universe order
 */
public record MarginUniverse(MarketSnapshot snapshot, Map<String, Instrument> instruments) {
  /** Seed of every book sampled, so each run margins the same books. */
  public static final long SEED = 20_200_514L;

  /** Collateral every sampled account holds, USDC (enough to qualify for portfolio margin). */
  public static final double COLLATERAL_USDC = 1_000_000;

  public MarginUniverse {
    instruments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(instruments));
  }

  /** The Deribit BTC chain and 2,000 synthetic ETH options, in one snapshot. */
  public static MarginUniverse deribitBtcAndSyntheticEth() {
    OptionUniverse btc = OptionUniverse.deribitChain();
    OptionUniverse eth = OptionUniverse.synthetic("ETH", btc.snapshot().asOf(), 200, 1, 2_000, 10);
    MarketSnapshot snapshot =
        new MarketSnapshot(
            btc.name() + "+" + eth.name(),
            btc.snapshot().asOf(),
            Map.of(
                "BTC", btc.snapshot().underlying("BTC"), "ETH", eth.snapshot().underlying("ETH")),
            btc.snapshot().marks());
    Map<String, Instrument> all = new LinkedHashMap<>();
    for (List<EuropeanOption> options : List.of(btc.options(), eth.options())) {
      for (EuropeanOption option : options) {
        if (all.put(option.name(), option) != null) {
          throw new IllegalStateException("two options named " + option.name());
        }
      }
    }
    return new MarginUniverse(snapshot, all);
  }

  /** Number of instruments. */
  public int size() {
    return instruments.size();
  }

  /** The risk arrays of every instrument under a model: the cache (built in setup, never timed). */
  public RiskArraySet arrays(MarginModel model) {
    return RiskArrayCalculator.compute(snapshot, instruments.values(), model.scenarios());
  }

  /** USD rates of the snapshot. */
  public UsdRates rates() {
    return UsdRates.fromSnapshot(snapshot);
  }

  /**
   * A book of {@code legs} positions, each an instrument drawn uniformly from the universe (with
   * replacement: large books repeat instruments, as real ones hold several lines of one contract)
   * and a quantity of ±1 to ±10 contracts.
   */
  public Portfolio book(String account, int legs, SplittableRandom random) {
    List<String> names = List.copyOf(instruments.keySet());
    List<Position> positions = new ArrayList<>(legs);
    for (int i = 0; i < legs; i++) {
      double quantity = (1 + random.nextInt(10)) * (random.nextBoolean() ? 1.0 : -1.0);
      positions.add(new Position(names.get(random.nextInt(names.size())), quantity));
    }
    return new Portfolio(account, Map.of("USDC", COLLATERAL_USDC), positions);
  }

  /** One book of {@code legs} legs from {@link #SEED}. */
  public Portfolio book(int legs) {
    return book("book-" + legs, legs, new SplittableRandom(SEED));
  }

  /** {@code count} accounts of {@code legs} legs each, from {@link #SEED}. */
  public List<Portfolio> accounts(int count, int legs) {
    SplittableRandom random = new SplittableRandom(SEED);
    List<Portfolio> accounts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      accounts.add(book("account-" + i, legs, random));
    }
    return accounts;
  }

  /**
   * The universe after a market move: BTC −8% and ETH −12% with vols unchanged (the batch
   * benchmark's "market move"; its arrays are rebuilt once in setup, then every account
   * re-margined).
   */
  public MarginUniverse moved() {
    MarketSnapshot moved =
        snapshot
            .shifted("BTC", new MarketShift(-0.08, VolShock.NONE, 0))
            .shifted("ETH", new MarketShift(-0.12, VolShock.NONE, 0));
    return new MarginUniverse(moved, instruments);
  }
}
