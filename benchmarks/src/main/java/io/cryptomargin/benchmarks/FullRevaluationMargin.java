package io.cryptomargin.benchmarks;

import io.cryptomargin.book.InterCommodityPair;
import io.cryptomargin.book.MarginParameters;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.Position;
import io.cryptomargin.book.UsdRates;
import io.cryptomargin.instrument.EuropeanOption;
import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.margin.MarginModel;
import io.cryptomargin.margin.PortfolioMarginCalculator;
import io.cryptomargin.market.MarketShift;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.pricing.ExpiryPolicy;
import io.cryptomargin.pricing.InstrumentPricer;
import io.cryptomargin.pricing.PricingInputs;
import io.cryptomargin.scenario.Scenario;
import io.cryptomargin.scenario.ScenarioRole;
import io.cryptomargin.scenario.ScenarioSet;
import io.cryptomargin.scenario.Span16Definition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The peer of the cached-array margin (benchmark item 3): portfolio margin by full revaluation, as
 * a notebook user would write it without risk arrays. For each coin of the book and each of its
 * scenarios, the market is shifted ({@link MarketSnapshot#shifted}) and every leg repriced with the
 * engine's {@link InstrumentPricer} in the shifted market; the scenario P&amp;L is summed over the
 * legs and the worst taken. Then the same charges as {@link PortfolioMarginCalculator}: calendar
 * spread on composite deltas by expiry tier, short option minimum, net option value, BTC/ETH
 * inter-commodity credit, initial factor. Legs are revalued one by one (no netting of repeated
 * instruments, no caching): that is the cost the arrays remove.
 *
 * <p>{@code MarginAgreementTest} checks that it gives the engine's maintenance and initial margins.
 */
public final class FullRevaluationMargin {
  private FullRevaluationMargin() {}

  /**
   * Margins of a book.
   *
   * @param maintenanceUsd account maintenance margin, USD
   * @param initialUsd account initial margin, USD
   * @param scanningRisk scanning risk per commodity ({@code underlying/settlement})
   */
  public record Result(
      double maintenanceUsd, double initialUsd, Map<String, Double> scanningRisk) {}

  /** Margins a book by repricing every leg in every scenario of {@code model}. */
  public static Result margin(
      Portfolio portfolio,
      Map<String, Instrument> instruments,
      MarketSnapshot snapshot,
      MarginModel model) {
    MarginParameters parameters = model.parameters();
    Map<String, List<Position>> legsByCommodity = new TreeMap<>();
    for (Position leg : portfolio.positions()) {
      Instrument instrument = instruments.get(leg.instrument());
      legsByCommodity
          .computeIfAbsent(
              instrument.underlying() + "/" + instrument.settlementCurrency(),
              k -> new ArrayList<>())
          .add(leg);
    }
    List<Commodity> commodities = new ArrayList<>();
    for (Map.Entry<String, List<Position>> entry : legsByCommodity.entrySet()) {
      commodities.add(revalue(entry.getKey(), entry.getValue(), instruments, snapshot, model));
    }
    interCommodityCredits(commodities, parameters);
    UsdRates rates = UsdRates.fromSnapshot(snapshot);
    double maintenanceUsd = 0;
    double initialUsd = 0;
    Map<String, Double> scans = new LinkedHashMap<>();
    for (Commodity c : commodities) {
      // The mark-to-market basis: the requirement is the further loss; the options' value is in
      // equity.
      double risk = Math.max(c.scanningRisk + c.intraCharge - c.interCredit, c.shortOptionMinimum);
      double maintenance = Math.max(0.0, risk);
      double usdPerUnit = rates.usdPer(c.settlementCurrency);
      maintenanceUsd += maintenance * usdPerUnit;
      initialUsd += maintenance * parameters.initialToMaintenance() * usdPerUnit;
      scans.put(c.key, c.scanningRisk);
    }
    return new Result(maintenanceUsd, initialUsd, scans);
  }

  private static Commodity revalue(
      String key,
      List<Position> legs,
      Map<String, Instrument> instruments,
      MarketSnapshot snapshot,
      MarginModel model) {
    MarginParameters parameters = model.parameters();
    int n = legs.size();
    Instrument[] instrument = new Instrument[n];
    double[] quantity = new double[n];
    double[] baseValue = new double[n];
    double[] baseForward = new double[n];
    double[] baseVol = new double[n];
    for (int l = 0; l < n; l++) {
      instrument[l] = instruments.get(legs.get(l).instrument());
      quantity[l] = legs.get(l).quantity();
      PricingInputs in = InstrumentPricer.inputs(instrument[l], snapshot);
      // Each leg's one price: its mark where the snapshot has one, else the model value.
      baseValue[l] = InstrumentPricer.presentValue(instrument[l], snapshot);
      baseForward[l] = in.forward();
      baseVol[l] = in.vol();
    }
    Commodity c =
        new Commodity(key, instrument[0].underlying(), instrument[0].settlementCurrency());
    ScenarioSet set = model.scenarios().forUnderlying(c.underlying);
    double worst = Double.NEGATIVE_INFINITY;
    double[] deltaSum = new double[n];
    int deltaPoints = 0;
    double lastDeltaMove = Double.NaN;
    for (Scenario scenario : set.scenarios()) {
      // The clock is moved by hand: a shifted snapshot one day later would call an option expiring
      // within the look-ahead expired, where the scenario values it at expiry.
      MarketShift shift = set.shift(scenario);
      MarketSnapshot shifted =
          snapshot.shifted(c.underlying, new MarketShift(shift.priceMove(), shift.volShock(), 0));
      boolean deltaPoint =
          scenario.role() == ScenarioRole.REGULAR && scenario.priceMove() != lastDeltaMove;
      double loss = 0;
      for (int l = 0; l < n; l++) {
        PricingInputs in =
            InstrumentPricer.inputs(instrument[l], shifted, ExpiryPolicy.INTRINSIC_PAST_EXPIRY);
        double years = Math.max(in.years() - shift.lookAheadDays() / 365.0, 0.0);
        double value =
            InstrumentPricer.value(instrument[l], in.forward(), years, in.vol(), baseForward[l]);
        loss += quantity[l] * (baseValue[l] - value) * scenario.weight();
        if (deltaPoint) {
          deltaSum[l] += InstrumentPricer.delta(instrument[l], in.forward(), years, baseVol[l]);
        }
      }
      if (deltaPoint) {
        deltaPoints++;
        lastDeltaMove = scenario.priceMove();
      }
      worst = Math.max(worst, loss);
    }
    c.scanningRisk = Math.max(0.0, worst);
    Map<Instant, Double> deltaByExpiry =
        new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
    double shortCalls = 0;
    double shortPuts = 0;
    for (int l = 0; l < n; l++) {
      double delta = quantity[l] * deltaSum[l] / deltaPoints;
      c.netDelta += delta;
      deltaByExpiry.merge(instrument[l].expiry().orElse(null), delta, Double::sum);
      if (instrument[l] instanceof EuropeanOption option) {
        if (quantity[l] < 0 && option.putCall() == PutCall.CALL) {
          shortCalls -= quantity[l] * option.contractSize();
        } else if (quantity[l] < 0) {
          shortPuts -= quantity[l] * option.contractSize();
        }
        c.netOptionValue += quantity[l] * InstrumentPricer.presentValue(option, snapshot);
      }
    }
    c.price = snapshot.index(c.underlying);
    double priceInSettlement = c.settlementCurrency.equals(c.underlying) ? 1.0 : c.price;
    double matched = parameters.matchedCalendarDelta(deltaByExpiry, snapshot.asOf());
    c.intraCharge =
        matched == 0 || parameters.intraSpreadRate() == 0
            ? 0.0
            : parameters.intraSpreadRate() * matched * priceInSettlement;
    // CME's form: rate × PSR × price × coins of short options.
    double psr =
        model.scenarios() instanceof Span16Definition span
            ? span.parameters(c.underlying).priceScanRange()
            : 1.0;
    c.shortOptionMinimum =
        parameters.shortOptionMinimumRate()
            * psr
            * Math.max(shortCalls, shortPuts)
            * priceInSettlement;
    return c;
  }

  /** BTC/ETH credit: opposite net deltas form spreads in the ratio of their USD notionals. */
  private static void interCommodityCredits(
      List<Commodity> commodities, MarginParameters parameters) {
    for (Commodity c : commodities) {
      c.remainingDelta = c.netDelta;
    }
    for (InterCommodityPair pair : parameters.interCommodityCredits()) {
      for (Commodity a : commodities) {
        for (Commodity b : commodities) {
          if (!a.underlying.equals(pair.first())
              || !b.underlying.equals(pair.second())
              || a.remainingDelta * b.remainingDelta >= 0
              || a.scanningRisk == 0
              || b.scanningRisk == 0) {
            continue;
          }
          double spreadUsd =
              Math.min(Math.abs(a.remainingDelta) * a.price, Math.abs(b.remainingDelta) * b.price);
          double spreadA = spreadUsd / a.price;
          double spreadB = spreadUsd / b.price;
          a.interCredit += pair.creditRate() * spreadA * a.scanningRisk / Math.abs(a.netDelta);
          b.interCredit += pair.creditRate() * spreadB * b.scanningRisk / Math.abs(b.netDelta);
          a.remainingDelta -= Math.signum(a.remainingDelta) * spreadA;
          b.remainingDelta -= Math.signum(b.remainingDelta) * spreadB;
        }
      }
    }
  }

  private static final class Commodity {
    final String key;
    final String underlying;
    final String settlementCurrency;
    double price;
    double scanningRisk;
    double netDelta;
    double remainingDelta;
    double intraCharge;
    double interCredit;
    double shortOptionMinimum;
    double netOptionValue;

    Commodity(String key, String underlying, String settlementCurrency) {
      this.key = key;
      this.underlying = underlying;
      this.settlementCurrency = settlementCurrency;
    }
  }
}
