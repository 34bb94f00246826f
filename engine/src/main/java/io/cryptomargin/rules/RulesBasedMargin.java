package io.cryptomargin.rules;

import io.cryptomargin.instrument.DeribitNames;
import io.cryptomargin.instrument.EuropeanOption;
import io.cryptomargin.instrument.Future;
import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.instrument.InstrumentKind;
import io.cryptomargin.instrument.Perpetual;
import io.cryptomargin.instrument.Spot;
import io.cryptomargin.margin.Portfolio;
import io.cryptomargin.margin.PortfolioMarginCalculator;
import io.cryptomargin.margin.Position;
import io.cryptomargin.margin.UsdRates;
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
 * Rules-based margin (METHODOLOGY section 4). Stateless.
 *
 * <p>Each position is charged its standard margin ({@link StandardMargins}); then, per underlying,
 * {@link StrategyPairing} finds the assignment of legs to recognized strategies with the lowest
 * initial margin in USD, and those legs are charged the strategies' charges instead.
 *
 * <p>Strategy charges (per strategy unit, in the option legs' settlement currency; inverse books in
 * coin = the USD amount / U, U the forward of the expiry):
 * <ul>
 *   <li>Vertical spread: a credit spread (long strike further out of the money) is charged its
 *       strike width, the most the pair can owe at expiry; we do not deduct the credit received,
 *       because the single-leg formulas also charge the short leg's mark on top of its risk (the
 *       premium is a liability, not free collateral) and the portfolio margin does the same through
 *       its net option value. A debit spread can never owe: it is charged the net premium paid.
 *   <li>Iron condor: the wider of its two spreads' widths (only one side can finish in the money).
 *   <li>Calendar (off by default): the net premium paid, floored at zero.
 *   <li>Straddle (off by default): the larger leg's standard margin plus the other leg's mark.
 *   <li>Covered call (off by default): by long spot, the call's mark; by a long future, the call's
 *       mark plus the future's standard margin per coin.
 *   <li>Futures hedge (off by default): the long option's premium plus the future's loss down (up) to
 *       the strike.
 * </ul>
 * A strategy's maintenance margin is its charge, capped at its legs' standard maintenance.
 */
public final class RulesBasedMargin {
  private RulesBasedMargin() {}

  /**
   * The rules-based margin of an account.
   *
   * @throws ValidationException listing every malformed name, unknown underlying, expired contract,
   *     short spot position or collateral without a price
   */
  public static RulesMarginResult compute(Portfolio portfolio, MarketSnapshot snapshot, RulesParameters parameters) {
    UsdRates rates = UsdRates.fromSnapshot(snapshot);
    Map<String, Double> net = new TreeMap<>();
    for (Position p : portfolio.positions()) {
      net.merge(p.instrument(), p.quantity(), Double::sum);
    }
    Problems problems = new Problems();
    // Names, expiries, underlyings, collateral currencies and sizes first, each at its field; the rules-based
    // model's own problems (short spot) are added to the same list.
    io.cryptomargin.margin.BookCheck.check(portfolio, snapshot, null, problems);
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
        PricedLeg leg = price(DeribitNames.parse(holding.getKey()), holding.getValue(), snapshot, rates, parameters);
        if (leg.instrument instanceof Spot) {
          if (leg.quantity < 0) {
            problems.add(portfolio.positionPath(leg.name) + ".quantity", leg.name + ": a short spot position has no "
                + "standard margin: the rules-based model takes spot as collateral only");
            continue;
          }
          double value = leg.quantity * leg.instrument.contractSize() * snapshot.index(leg.underlying());
          spotValueUsd += value;
          haircutUsd += value * parameters.spotHaircut(leg.underlying());
          holdingsByCoin.merge(leg.underlying(), value, Double::sum);
          haircutsByCoin.merge(leg.underlying(), value * parameters.spotHaircut(leg.underlying()), Double::sum);
        }
        if (!finiteStandardMargin(leg)) {
          problems.add(portfolio.positionPath(leg.name) + ".quantity", leg.name + ": its standard margin is not a "
              + "finite number: the quantity " + leg.quantity + " is too large to compute with");
          continue;
        }
        byUnderlying.computeIfAbsent(leg.underlying(), k -> new ArrayList<>()).add(leg);
      } catch (ValidationException e) {
        if (bookChecked) {
          e.problems().forEach(p -> problems.add(portfolio.positionPath(holding.getKey()) + ".instrument",
              holding.getKey() + ": " + p.message()));
        }
      }
    }
    double collateralUsd = 0;
    try {
      collateralUsd = PortfolioMarginCalculator.collateralValue(portfolio, rates);
      for (Map.Entry<String, Double> held : portfolio.collateral().entrySet()) {
        double value = held.getValue() * rates.usdPer(held.getKey());
        double haircut = Math.max(value, 0) * parameters.spotHaircut(held.getKey());
        haircutUsd += haircut;
        if (!io.cryptomargin.instrument.Instrument.isUsdLike(held.getKey())) {
          holdingsByCoin.merge(held.getKey(), value, Double::sum);
          haircutsByCoin.merge(held.getKey(), haircut, Double::sum);
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
    for (Map.Entry<String, List<PricedLeg>> group : byUnderlying.entrySet()) {
      StrategyPairing.Outcome outcome = StrategyPairing.solve(group.getKey(), group.getValue(), parameters);
      legs.addAll(outcome.legs());
      strategies.addAll(outcome.strategies());
      if (!outcome.complete()) {
        notes.add("the pairing search for " + group.getKey() + " stopped after " + parameters.searchNodeBudget()
            + (parameters.searchNodeBudget() == 1 ? " node" : " nodes") + ": the cheaper of the greedy pairing "
            + "(largest saving first) and the best pairing found so far is used, here "
            + (outcome.greedyKept() ? "the greedy one" : "the one the search found")
            + " (raise searchNodeBudget to search further)");
      }
      for (LegMargin leg : outcome.legs()) {
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
      String[] key = total.getKey().split("/");
      double usd = usdPerCurrency.get(key[1]);
      double[] sum = total.getValue();
      underlyings.add(new UnderlyingRulesMargin(key[0], key[1], snapshot.index(key[0]), sum[0], sum[1],
          sum[0] * usd, sum[1] * usd));
      initialUsd += sum[0] * usd;
      maintenanceUsd += sum[1] * usd;
    }
    return new RulesMarginResult(portfolio.account(), parameters.ref(), snapshot.id(), legs, strategies, underlyings,
        initialUsd, maintenanceUsd, collateralUsd, spotValueUsd, haircutUsd, holdingsByCoin, haircutsByCoin, notes);
  }

  private static boolean finiteStandardMargin(PricedLeg leg) {
    try {
      return Double.isFinite(leg.standard(Math.abs(leg.quantity)).initial() * leg.usdPerUnit);
    } catch (ValidationException e) {
      return false; // a requirement that is not a finite number
    }
  }

  private static PricedLeg price(Instrument instrument, double quantity, MarketSnapshot snapshot, UsdRates rates,
      RulesParameters parameters) {
    double usdPerUnit = rates.usdPer(instrument.settlementCurrency());
    double size = instrument.contractSize();
    if (instrument instanceof EuropeanOption option) {
      double forward = snapshot.forward(option.underlying(), option.expiryTime());
      double mark = InstrumentPricer.presentValue(option, snapshot);
      Requirement perContract = quantity < 0
          ? StandardMargins.shortOption(option.putCall(), forward, option.strike(), mark / size, option.settlement(),
              parameters.options()).times(size)
          : StandardMargins.longOption(mark);
      return new PricedLeg(instrument, quantity, forward, mark, usdPerUnit, perContract, parameters);
    }
    if (instrument instanceof Future || instrument instanceof Perpetual) {
      double price = InstrumentPricer.inputs(instrument, snapshot).forward();
      return new PricedLeg(instrument, quantity, price, 0.0, usdPerUnit, null, parameters);
    }
    return new PricedLeg(instrument, quantity, snapshot.index(instrument.underlying()), 0.0, usdPerUnit,
        Requirement.ZERO, parameters);
  }

  /**
   * A net position with what its margin depends on.
   *
   * <p>{@code price} is U for options (the forward of the expiry), the contract price for futures and
   * perpetuals and the index for spot, USD per coin; {@code mark} is the option's value per contract in
   * its settlement currency (0 otherwise).
   */
  static final class PricedLeg {
    final Instrument instrument;
    final String name;
    final double quantity;
    final double price;
    final double mark;
    final double usdPerUnit;
    private final Requirement perContract;
    private final RulesParameters parameters;

    PricedLeg(Instrument instrument, double quantity, double price, double mark, double usdPerUnit,
        Requirement perContract, RulesParameters parameters) {
      this.instrument = instrument;
      this.name = instrument.name();
      this.quantity = quantity;
      this.price = price;
      this.mark = mark;
      this.usdPerUnit = usdPerUnit;
      this.perContract = perContract;
      this.parameters = parameters;
    }

    String underlying() {
      return instrument.underlying();
    }

    boolean isDelta1() {
      return instrument instanceof Future || instrument instanceof Perpetual;
    }

    /** The standard margin of {@code contracts} (unsigned) contracts of this leg. */
    Requirement standard(double contracts) {
      if (contracts <= 0) {
        return Requirement.ZERO;
      }
      if (perContract != null) {
        return perContract.times(contracts);
      }
      return StandardMargins.future(contracts * instrument.contractSize(), price, instrument.settlement(),
          parameters.futures(instrument.underlying()));
    }

    /**
     * The standard margin per contract used inside a strategy: for futures and perpetuals, the rate of the
     * whole position's size (size scaling is not linear, so a strategy unit takes the position's average).
     */
    Requirement unitStandard() {
      double contracts = Math.abs(quantity);
      return standard(contracts).times(1.0 / contracts);
    }
  }
}
