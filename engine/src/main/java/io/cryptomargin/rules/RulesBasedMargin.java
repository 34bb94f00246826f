package io.cryptomargin.rules;

import io.cryptomargin.book.BookCheck;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.Position;
import io.cryptomargin.book.UsdRates;
import io.cryptomargin.instrument.EuropeanOption;
import io.cryptomargin.instrument.Future;
import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.instrument.InstrumentKind;
import io.cryptomargin.instrument.Perpetual;
import io.cryptomargin.instrument.Spot;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.pricing.InstrumentPricer;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rules-based margin (METHODOLOGY section 4): {@code deribit-sm} and {@code strategy-based}.
 * Stateless.
 *
 * <p>Each position is charged Deribit's standard margin ({@link StandardMargins}), reported as the
 * venue prints it (cash basis) and restated on the mark-to-market basis of METHODOLOGY section 1a
 * (a short option less its mark, a long option its mark). When the parameters recognize strategies,
 * {@link StrategyPairing} then finds, per underlying, the pairing of legs into strategies with the
 * lowest initial margin in USD on the mark-to-market basis, and those legs are charged the
 * strategies' charges instead.
 *
 * <p>Instruments come from the snapshot, so their contract sizes are the snapshot's: ten 0.1-ETH
 * contracts are margined as 1 ETH.
 */
public final class RulesBasedMargin {
  /** Prefix of the pseudo-leg a coin held as collateral becomes, so it can cover a call. */
  static final String COLLATERAL_PREFIX = "collateral:";

  private RulesBasedMargin() {}

  /**
   * The rules-based margin of an account.
   *
   * @throws ValidationException listing every malformed name, unknown underlying, expired contract,
   *     short spot position or collateral without a price
   */
  public static RulesMarginResult compute(
      Portfolio portfolio, MarketSnapshot snapshot, RulesParameters parameters) {
    UsdRates rates = UsdRates.fromSnapshot(snapshot);
    Map<String, Double> net = new TreeMap<>();
    for (Position p : portfolio.positions()) {
      net.merge(p.instrument(), p.quantity(), Double::sum);
    }
    Problems problems = new Problems();
    // Names, expiries, underlyings, collateral currencies and sizes first, each at its field; the
    // rules-based
    // model's own problems (short spot) are added to the same list.
    BookCheck.check(portfolio, snapshot, null, problems);
    boolean bookChecked = problems.isEmpty();
    Map<String, List<PricedLeg>> byUnderlying = new TreeMap<>();
    double spotValueUsd = 0;
    double haircutUsd = 0;
    Map<String, Double> holdingsByCoin = new TreeMap<>();
    Map<String, Double> haircutsByCoin = new TreeMap<>();
    for (Map.Entry<String, Double> holding : net.entrySet()) {
      if (holding.getValue() == 0) {
        continue;
      }
      try {
        PricedLeg leg =
            price(
                snapshot.instrument(holding.getKey()),
                holding.getValue(),
                snapshot,
                rates,
                parameters);
        if (leg.instrument instanceof Spot) {
          if (leg.quantity < 0) {
            problems.add(
                portfolio.positionPath(leg.name) + ".quantity",
                leg.name
                    + ": a short spot position has no "
                    + "standard margin: the rules-based model takes spot as collateral only");
            continue;
          }
          double value =
              leg.quantity * leg.instrument.contractSize() * snapshot.index(leg.underlying());
          spotValueUsd += value;
          haircutUsd += value * parameters.spotHaircut(leg.underlying());
          holdingsByCoin.merge(leg.underlying(), value, Double::sum);
          haircutsByCoin.merge(
              leg.underlying(), value * parameters.spotHaircut(leg.underlying()), Double::sum);
        }
        if (!finiteStandardMargin(leg)) {
          problems.add(
              portfolio.positionPath(leg.name) + ".quantity",
              leg.name
                  + ": its standard margin is not a "
                  + "finite number: the quantity "
                  + leg.quantity
                  + " is too large to compute with");
          continue;
        }
        byUnderlying.computeIfAbsent(leg.underlying(), k -> new ArrayList<>()).add(leg);
      } catch (ValidationException e) {
        if (bookChecked) {
          e.problems()
              .forEach(
                  p ->
                      problems.add(
                          portfolio.positionPath(holding.getKey()) + ".instrument",
                          holding.getKey() + ": " + p.message()));
        }
      }
    }
    double collateralUsd = 0;
    try {
      collateralUsd = rates.collateralValue(portfolio);
      for (Map.Entry<String, Double> held : portfolio.collateral().entrySet()) {
        double value = held.getValue() * rates.usdPer(held.getKey());
        double haircut = Math.max(value, 0) * parameters.spotHaircut(held.getKey());
        haircutUsd += haircut;
        if (!Instrument.isUsdLike(held.getKey())) {
          holdingsByCoin.merge(held.getKey(), value, Double::sum);
          haircutsByCoin.merge(held.getKey(), haircut, Double::sum);
          // A coin held as collateral can cover a call written on it.
          List<PricedLeg> group = byUnderlying.get(held.getKey());
          if (held.getValue() > 0 && group != null && parameters.recognizes(StrategyKind.COVERED)) {
            group.add(collateralLeg(held.getKey(), held.getValue(), snapshot, parameters));
          }
        }
      }
    } catch (ValidationException e) {
      if (bookChecked) {
        problems.addAll("", e);
      }
    }
    problems.throwIfAny();

    List<LegMargin> legs = new ArrayList<>();
    List<RecognizedStrategy> strategies = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Map<String, double[]> totals = new LinkedHashMap<>();
    Map<String, Double> usdPerCurrency = new TreeMap<>();
    PairingStatus pairing = PairingStatus.EXACT;
    double optionValueUsd = 0;
    double venueShiftUsd =
        0; // venue (cash) basis = mark-to-market basis + short marks − long marks
    for (Map.Entry<String, List<PricedLeg>> group : byUnderlying.entrySet()) {
      StrategyPairing.Outcome outcome =
          StrategyPairing.solve(group.getKey(), group.getValue(), parameters);
      strategies.addAll(outcome.strategies());
      if (!outcome.status().exact()) {
        pairing = pairing.exact() ? outcome.status() : pairing;
        notes.add(outcome.note());
      }
      for (LegMargin leg : outcome.legs()) {
        if (leg.instrument().startsWith(COLLATERAL_PREFIX)) {
          continue;
        }
        legs.add(leg);
        optionValueUsd += leg.markValueUsd();
        venueShiftUsd -= leg.markValueUsd();
        if (leg.kind() == InstrumentKind.SPOT) {
          continue;
        }
        String key = leg.underlying() + "/" + leg.settlementCurrency();
        double[] sum = totals.computeIfAbsent(key, k -> new double[2]);
        sum[0] += leg.charged().initial();
        sum[1] += leg.charged().maintenance();
        usdPerCurrency.put(leg.settlementCurrency(), leg.usdPerUnit());
      }
    }
    List<UnderlyingRulesMargin> underlyings = new ArrayList<>();
    double initialUsd = 0;
    double maintenanceUsd = 0;
    for (Map.Entry<String, double[]> total : totals.entrySet()) {
      String[] key = total.getKey().split("/", -1);
      double usd = usdPerCurrency.get(key[1]);
      double[] sum = total.getValue();
      underlyings.add(
          new UnderlyingRulesMargin(
              key[0], key[1], snapshot.index(key[0]), sum[0], sum[1], sum[0] * usd, sum[1] * usd));
      initialUsd += sum[0] * usd;
      maintenanceUsd += sum[1] * usd;
    }
    return new RulesMarginResult(
        portfolio.account(),
        parameters.ref(),
        parameters.asOf(),
        snapshot.id(),
        legs,
        strategies,
        underlyings,
        initialUsd,
        maintenanceUsd,
        Math.max(initialUsd + venueShiftUsd, 0),
        Math.max(maintenanceUsd + venueShiftUsd, 0),
        optionValueUsd,
        collateralUsd,
        spotValueUsd,
        haircutUsd,
        holdingsByCoin,
        haircutsByCoin,
        pairing,
        notes);
  }

  private static boolean finiteStandardMargin(PricedLeg leg) {
    try {
      return Double.isFinite(leg.venue(Math.abs(leg.quantity)).initial() * leg.usdPerUnit)
          && Double.isFinite(leg.standard(Math.abs(leg.quantity)).initial() * leg.usdPerUnit);
    } catch (ValidationException e) {
      return false; // a requirement that is not a finite number
    }
  }

  private static PricedLeg price(
      Instrument instrument,
      double quantity,
      MarketSnapshot snapshot,
      UsdRates rates,
      RulesParameters parameters) {
    double usdPerUnit = rates.usdPer(instrument.settlementCurrency());
    double size = instrument.contractSize();
    if (instrument instanceof EuropeanOption option) {
      double forward = snapshot.forward(option.underlying(), option.expiryTime());
      double mark = InstrumentPricer.presentValue(option, snapshot);
      Requirement venue;
      Requirement markToMarket;
      if (quantity < 0) {
        // The formulas are per coin: the mark per coin in, the contract's coins out.
        venue =
            StandardMargins.shortOption(
                    option.putCall(),
                    forward,
                    option.strike(),
                    mark / size,
                    option.settlement(),
                    parameters.options())
                .times(size);
        markToMarket = StandardMargins.shortOptionMarkToMarket(venue, mark);
      } else {
        venue = StandardMargins.longOption();
        markToMarket = StandardMargins.longOptionMarkToMarket(mark);
      }
      return new PricedLeg(
          instrument, quantity, forward, mark, usdPerUnit, venue, markToMarket, parameters);
    }
    if (instrument instanceof Future || instrument instanceof Perpetual) {
      double price = InstrumentPricer.inputs(instrument, snapshot).forward();
      return new PricedLeg(instrument, quantity, price, 0.0, usdPerUnit, null, null, parameters);
    }
    return new PricedLeg(
        instrument,
        quantity,
        snapshot.index(instrument.underlying()),
        0.0,
        usdPerUnit,
        Requirement.ZERO,
        Requirement.ZERO,
        parameters);
  }

  private static PricedLeg collateralLeg(
      String coin, double coins, MarketSnapshot snapshot, RulesParameters parameters) {
    Spot held = new Spot(COLLATERAL_PREFIX + coin, coin, "USD");
    return new PricedLeg(
        held,
        coins,
        snapshot.index(coin),
        0.0,
        1.0,
        Requirement.ZERO,
        Requirement.ZERO,
        parameters);
  }

  /**
   * A net position with what its margin depends on.
   *
   * <p>{@code price} is U for options (the forward of the expiry), the contract price for futures
   * and perpetuals and the index for spot, USD per coin; {@code mark} is the option's value per
   * contract in its settlement currency (0 otherwise).
   */
  static final class PricedLeg {
    final Instrument instrument;
    final String name;
    final double quantity;
    final double price;
    final double mark;
    final double usdPerUnit;
    private final Requirement venuePerContract;
    private final Requirement markToMarketPerContract;
    private final RulesParameters parameters;

    PricedLeg(
        Instrument instrument,
        double quantity,
        double price,
        double mark,
        double usdPerUnit,
        Requirement venuePerContract,
        Requirement markToMarketPerContract,
        RulesParameters parameters) {
      this.instrument = instrument;
      this.name = instrument.name();
      this.quantity = quantity;
      this.price = price;
      this.mark = mark;
      this.usdPerUnit = usdPerUnit;
      this.venuePerContract = venuePerContract;
      this.markToMarketPerContract = markToMarketPerContract;
      this.parameters = parameters;
    }

    String underlying() {
      return instrument.underlying();
    }

    boolean isDelta1() {
      return instrument instanceof Future || instrument instanceof Perpetual;
    }

    /** The venue-printed (cash basis) standard margin of {@code contracts} (unsigned) contracts. */
    Requirement venue(double contracts) {
      if (contracts <= 0) {
        return Requirement.ZERO;
      }
      return venuePerContract != null ? venuePerContract.times(contracts) : delta1(contracts);
    }

    /** The mark-to-market standard margin of {@code contracts} (unsigned) contracts of this leg. */
    Requirement standard(double contracts) {
      if (contracts <= 0) {
        return Requirement.ZERO;
      }
      return markToMarketPerContract != null
          ? markToMarketPerContract.times(contracts)
          : delta1(contracts);
    }

    private Requirement delta1(double contracts) {
      return StandardMargins.future(
          contracts * instrument.contractSize(),
          price,
          instrument.settlement(),
          parameters.futures(instrument.underlying()));
    }

    /**
     * The mark-to-market standard margin per contract used inside a strategy: for futures and
     * perpetuals, the rate of the whole position's size (size scaling is not linear, so a strategy
     * unit takes the average).
     */
    Requirement unitStandard() {
      double contracts = Math.abs(quantity);
      return standard(contracts).times(1.0 / contracts);
    }

    /**
     * A per-contract initial margin no part of this position can be charged less than when left
     * naked, USD: exact for options and spot; for futures and perpetuals the rate of a vanishing
     * size.
     */
    double nakedFloorPerContractUsd() {
      if (markToMarketPerContract != null) {
        return markToMarketPerContract.initial() * usdPerUnit;
      }
      FuturesRates rates = parameters.futures(instrument.underlying());
      double notional =
          instrument.settlement() == io.cryptomargin.instrument.Settlement.LINEAR
              ? instrument.contractSize() * price
              : instrument.contractSize();
      return rates.initialRate() * notional * usdPerUnit;
    }
  }
}
