package io.cryptomargin.margin;

import io.cryptomargin.book.MarginMode;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.UsdRates;
import io.cryptomargin.margin.PortfolioMarginCalculator.Aggregate;
import io.cryptomargin.margin.PortfolioMarginCalculator.CommodityBook;
import io.cryptomargin.scenario.CryptoPmDefinition;
import io.cryptomargin.scenario.Scenario;
import io.cryptomargin.scenario.ScenarioRole;
import io.cryptomargin.validation.Problems;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deribit's 2024 risk-matrix margin over a book's summed arrays (METHODOLOGY 2b). The arrays are
 * linear in quantity; everything non-linear happens here: the dampener on each (underlying,
 * settlement currency) extended vector after summing, the roll shock, cross mode's USD vectors with
 * coin balances and pnlOffset, and the worst cell.
 */
final class CryptoPmAggregation {
  /**
   * Each definition's scenarios per underlying, built once: building them formats every cell's
   * label, which cost more than the rest of a margin. Keyed by identity (a model is loaded once and
   * reused); bounded, since a notebook's parameter sweep makes a definition per point.
   */
  private static final Map<DefinitionOf, List<Scenario>> SCENARIOS = new ConcurrentHashMap<>();

  private static final int MAX_MEMOIZED = 256;

  private CryptoPmAggregation() {}

  /** A definition and an underlying, equal when the definition is the same object. */
  private record DefinitionOf(CryptoPmDefinition definition, String underlying) {
    @Override
    @SuppressWarnings("ReferenceEquality") // identity is the point: value equality hashes a model
    public boolean equals(Object o) {
      return o instanceof DefinitionOf other
          && definition == other.definition
          && underlying.equals(other.underlying);
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(definition) * 31 + underlying.hashCode();
    }
  }

  private static List<Scenario> scenarios(CryptoPmDefinition definition, String underlying) {
    DefinitionOf key = new DefinitionOf(definition, underlying);
    List<Scenario> scenarios = SCENARIOS.get(key);
    if (scenarios == null) {
      if (SCENARIOS.size() >= MAX_MEMOIZED) {
        SCENARIOS.clear();
      }
      scenarios = definition.forUnderlying(underlying).scenarios();
      SCENARIOS.put(key, scenarios);
    }
    return scenarios;
  }

  static Aggregate aggregate(
      List<CommodityBook> books,
      Portfolio portfolio,
      CryptoPmDefinition definition,
      CryptoPmCharges charges,
      UsdRates rates,
      List<String> labels,
      Problems problems) {
    boolean cross = portfolio.marginMode() == MarginMode.CROSS;
    int cells = labels.size();
    Map<String, double[]> dampenedByCurrency = new TreeMap<>();
    Map<String, double[]> undampenedByCurrency = new TreeMap<>();
    Map<String, Double> rollByCurrency = new TreeMap<>();
    boolean[] extended = new boolean[cells];
    for (CommodityBook book : books) {
      if (Double.isNaN(book.price) && (cross || book.inverse() || book.futuresCoins > 0)) {
        problems.add(
            "underlyingPrice." + book.underlying,
            "crypto-pm needs the price of "
                + book.underlying
                + " (USD vectors, dampener and roll shock): add underlyingPrice to the risk arrays or use a market snapshot");
        continue;
      }
      List<Scenario> scenarios = scenarios(definition, book.underlying);
      double range = definition.parameters(book.underlying).priceRange();
      CurrencyRisk risk = charges.currency(book.settlementCurrency);
      double[] vector =
          cross
              ? usdVector(book, scenarios, portfolio.collateral(), problems)
              : book.scenarioLoss.clone();
      // The vector's unit: USD in cross mode, else the settlement currency (a coin book's D at the
      // index).
      double usdPerUnit = cross ? 1.0 : book.usdPerSettlement();
      double dampener = risk.dampenerUsd() / usdPerUnit;
      double[] undampened = vector.clone();
      for (int k = 0; k < cells; k++) {
        Scenario scenario = scenarios.get(k);
        if (scenario.role() != ScenarioRole.EXTREME) {
          continue;
        }
        extended[k] = true;
        double allowance = (Math.abs(scenario.priceMove()) / range - 1) * dampener;
        vector[k] = Math.max(0.0, vector[k] - allowance);
      }
      int binding = worstCell(vector, null);
      book.binding = binding;
      double toSettlement = usdPerUnit / book.usdPerSettlement();
      book.scanningRisk = Math.max(0.0, vector[binding]) * toSettlement;
      int tail = worstCell(undampened, extended);
      if (tail >= 0 && undampened[tail] > 0) {
        book.undampenedExtendedCell = tail;
        book.undampenedExtended = undampened[tail] * toSettlement;
      }
      // Roll shock: minAnnualisedMove × coins of futures and perpetuals; coin for a coin book, ×
      // index for USD(C).
      book.rollShock =
          risk.minAnnualisedMove() * book.futuresCoins * (book.inverse() ? 1.0 : book.price);
      book.risk = book.scanningRisk + book.rollShock;
      book.initial = book.risk;
      book.maintenance = charges.mmFactor() * book.risk;
      add(dampenedByCurrency, book.settlementCurrency, vector);
      add(undampenedByCurrency, book.settlementCurrency, undampened);
      rollByCurrency.merge(book.settlementCurrency, book.rollShock / toSettlement, Double::sum);
    }
    Aggregate account = new Aggregate();
    if (cross) {
      double[] total = offsetSum(dampenedByCurrency, charges, cells);
      double[] totalUndampened = offsetSum(undampenedByCurrency, charges, cells);
      int worst = worstCell(total, null);
      double roll = rollByCurrency.values().stream().mapToDouble(Double::doubleValue).sum();
      double riskMatrix = Math.max(0.0, total[worst]) + roll;
      account.initialUsd = riskMatrix;
      account.maintenanceUsd = charges.mmFactor() * riskMatrix;
      int tail = worstCell(totalUndampened, extended);
      if (tail >= 0 && totalUndampened[tail] > 0) {
        account.undampenedExtendedCell = tail;
        account.undampenedExtendedUsd = totalUndampened[tail];
      }
      account.notes.add(
          "crypto-pm cross margin: the worst cell of the currencies summed in USD is '"
              + labels.get(worst)
              + "'");
    } else {
      for (Map.Entry<String, double[]> currency : dampenedByCurrency.entrySet()) {
        double usd = rates.usdPer(currency.getKey());
        double[] vector = currency.getValue();
        double riskMatrix =
            Math.max(0.0, vector[worstCell(vector, null)]) + rollByCurrency.get(currency.getKey());
        account.initialUsd += riskMatrix * usd;
        account.maintenanceUsd += charges.mmFactor() * riskMatrix * usd;
        double[] undampened = undampenedByCurrency.get(currency.getKey());
        int tail = worstCell(undampened, extended);
        if (tail >= 0 && undampened[tail] * usd > account.undampenedExtendedUsd) {
          account.undampenedExtendedCell = tail;
          account.undampenedExtendedUsd = undampened[tail] * usd;
        }
      }
    }
    return account;
  }

  /**
   * A book's vector in USD (cross mode): a coin book's coin losses as USD P&amp;L (value × S(1+m)
   * less value × S; an extended cell, already converted to coin at the edge, back at the edge
   * price), and the coin balance of its currency as a position in it, weighted like any position.
   */
  private static double[] usdVector(
      CommodityBook book,
      List<Scenario> scenarios,
      Map<String, Double> collateral,
      Problems problems) {
    double[] usd = book.scenarioLoss.clone();
    if (!book.inverse()) {
      return usd;
    }
    double price = book.price;
    double value = book.positionsValue(problems);
    double balance = collateral.getOrDefault(book.underlying, 0.0);
    for (int k = 0; k < usd.length; k++) {
      Scenario scenario = scenarios.get(k);
      double move = scenario.priceMove();
      usd[k] =
          scenario.convertsAtEdge()
              ? usd[k] * price * (1 + scenario.edgeMove())
              : price * ((1 + move) * usd[k] - value * move);
      usd[k] -= balance * price * move * scenario.weight();
    }
    return usd;
  }

  /** Currencies summed cell by cell in USD, a currency's gain counting × its pnlOffset, capped. */
  private static double[] offsetSum(
      Map<String, double[]> byCurrency, CryptoPmCharges charges, int cells) {
    double[] total = new double[cells];
    for (Map.Entry<String, double[]> currency : byCurrency.entrySet()) {
      CurrencyRisk risk = charges.currency(currency.getKey());
      double[] vector = currency.getValue();
      for (int k = 0; k < cells; k++) {
        double loss = vector[k];
        total[k] +=
            loss >= 0 ? loss : Math.max(loss * risk.pnlOffset(), -risk.maxOffsetablePnlUsd());
      }
    }
    return total;
  }

  private static void add(Map<String, double[]> byCurrency, String currency, double[] vector) {
    double[] sum = byCurrency.computeIfAbsent(currency, c -> new double[vector.length]);
    for (int k = 0; k < vector.length; k++) {
      sum[k] += vector[k];
    }
  }

  /**
   * The first cell with the largest loss, among the marked cells when {@code only} is given (−1:
   * none).
   */
  private static int worstCell(double[] vector, boolean[] only) {
    int worst = -1;
    for (int k = 0; k < vector.length; k++) {
      if ((only == null || only[k]) && (worst < 0 || vector[k] > vector[worst])) {
        worst = k;
      }
    }
    return worst;
  }
}
