package io.cryptomargin.riskarray;

import io.cryptomargin.instrument.EuropeanOption;
import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.instrument.Settlement;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.market.VolShock;
import io.cryptomargin.pricing.ExpiryPolicy;
import io.cryptomargin.pricing.InstrumentPricer;
import io.cryptomargin.pricing.PricingInputs;
import io.cryptomargin.scenario.Scenario;
import io.cryptomargin.scenario.ScenarioRole;
import io.cryptomargin.scenario.ScenarioSet;
import io.cryptomargin.scenario.ScenarioSetDefinition;
import io.cryptomargin.scenario.VolDirection;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes risk arrays: for each instrument, each scenario's market move is applied to the
 * instrument's pricing inputs (forward, vol, time) and the instrument is fully revalued. This is
 * the only loop over instruments × scenarios; the pricer never sees a scenario.
 */
public final class RiskArrayCalculator {
  private static final VolDirection[] VOL_DIRECTIONS = VolDirection.values();

  private RiskArrayCalculator() {}

  /**
   * Arrays for every instrument the snapshot lists (the names of its marks).
   *
   * @throws ValidationException listing every instrument that cannot be arrayed, and why
   */
  public static RiskArraySet computeAll(MarketSnapshot snapshot, ScenarioSetDefinition definition) {
    List<Instrument> instruments = new ArrayList<>();
    Problems problems = new Problems();
    for (String name : snapshot.marks().keySet()) {
      try {
        instruments.add(snapshot.instrument(name));
      } catch (ValidationException e) {
        problems.addAll("marks." + name, e);
      }
    }
    problems.throwIfAny();
    return compute(snapshot, instruments, definition);
  }

  /**
   * Arrays for the given instruments.
   *
   * @throws ValidationException listing every instrument that cannot be arrayed (unknown
   *     underlying, expired, bad market data), never a partial result
   */
  public static RiskArraySet compute(
      MarketSnapshot snapshot,
      Collection<? extends Instrument> instruments,
      ScenarioSetDefinition definition) {
    Map<String, ScenarioSet> sets = new HashMap<>();
    Map<String, RiskArray> arrays = new LinkedHashMap<>();
    Problems problems = new Problems();
    for (Instrument instrument : instruments) {
      try {
        ScenarioSet set = sets.computeIfAbsent(instrument.underlying(), definition::forUnderlying);
        arrays.put(instrument.name(), compute(snapshot, instrument, set));
      } catch (ValidationException e) {
        problems.addAll(instrument.name(), e);
      }
    }
    problems.throwIfAny();
    List<String> labels = labels(definition);
    return new RiskArraySet(definition.id(), definition.version(), snapshot.id(), labels, arrays);
  }

  /**
   * Scenario labels of a definition, true for every coin it knows: where moves differ by coin
   * (crypto-pm's ranges), a label names each, the defaults as "other coins".
   */
  public static List<String> labels(ScenarioSetDefinition definition) {
    return definition.labels();
  }

  /**
   * The array of one instrument under one underlying's scenario set. Every loss starts from the
   * instrument's one price (METHODOLOGY 1a): its mark where the snapshot has one, else the model
   * value, the same price equity and net option value use.
   */
  // A three-value enum indexes a small array here, once per scenario of every instrument: an
  // EnumMap
  // would box on the path every risk array is computed on.
  @SuppressWarnings("EnumOrdinal")
  public static RiskArray compute(MarketSnapshot snapshot, Instrument instrument, ScenarioSet set) {
    // The snapshot is the market as observed: an expired contract cannot be arrayed. Scenarios that
    // look past an expiry are valued at intrinsic below (zero years left), decided here, not in
    // pricing.
    PricingInputs base = InstrumentPricer.inputs(instrument, snapshot, ExpiryPolicy.REJECT_EXPIRED);
    double modelValue =
        InstrumentPricer.value(
            instrument, base.forward(), base.years(), base.vol(), base.forward());
    double baseValue = InstrumentPricer.presentValue(instrument, snapshot, modelValue);
    boolean inverse = instrument.settlement() == Settlement.INVERSE;
    double laterYears = Math.max(base.years() - set.lookAheadDays() / 365.0, 0.0);
    double daysToExpiry = base.years() * 365.0;
    List<Scenario> scenarios = set.scenarios();
    // A shock depends on the direction, the base vol and the days to expiry only: work each of the
    // three out once per instrument, not once per scenario (the term-scaled one costs a Math.pow).
    double[] volByDirection = new double[VOL_DIRECTIONS.length];
    for (VolDirection direction : VOL_DIRECTIONS) {
      VolShock shock = set.volShock().forDirection(direction);
      volByDirection[direction.ordinal()] =
          base.vol() > 0 ? shock.shock(base.vol(), daysToExpiry) : 0.0;
    }
    double[] losses = new double[scenarios.size()];
    double deltaSum = 0;
    int deltaPoints = 0;
    double lastDeltaMove = Double.NaN;
    for (int i = 0; i < losses.length; i++) {
      Scenario scenario = scenarios.get(i);
      double move = scenario.priceMove();
      double forward = base.forward() * (1 + move);
      double vol = volByDirection[scenario.volDirection().ordinal()];
      double value = InstrumentPricer.value(instrument, forward, laterYears, vol, base.forward());
      if (inverse && scenario.convertsAtEdge()) {
        // USD P&L = value there × S(1+m) − value now × S, converted to coin at the edge S(1+e): S
        // cancels.
        losses[i] =
            (baseValue - value * (1 + move)) / (1 + scenario.edgeMove()) * scenario.weight();
      } else {
        losses[i] = (baseValue - value) * scenario.weight();
      }
      // Composite delta: the plain mean over the distinct regular price moves, at today's vol.
      if (scenario.role() == ScenarioRole.REGULAR && move != lastDeltaMove) {
        deltaSum += InstrumentPricer.delta(instrument, forward, laterYears, base.vol());
        deltaPoints++;
        lastDeltaMove = move;
      }
    }
    double compositeDelta =
        deltaPoints == 0
            ? InstrumentPricer.delta(instrument, base.forward(), base.years(), base.vol())
            : deltaSum / deltaPoints;
    PutCall putCall = instrument instanceof EuropeanOption option ? option.putCall() : null;
    return new RiskArray(
        instrument.name(),
        instrument.underlying(),
        instrument.settlementCurrency(),
        instrument.expiry().orElse(null),
        instrument.kind(),
        putCall,
        losses,
        compositeDelta,
        baseValue,
        snapshot.index(instrument.underlying()),
        instrument.contractSize());
  }
}
