package io.cryptomargin.book;

import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.riskarray.RiskArray;
import io.cryptomargin.riskarray.RiskArraySet;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * USD value of one unit of each currency: 1 for USD, USDC and USDT, the index for a coin.
 *
 * @param coinPrices USD per coin, by coin
 */
public record UsdRates(Map<String, Double> coinPrices) {
  public UsdRates {
    coinPrices = Collections.unmodifiableMap(new TreeMap<>(coinPrices));
  }

  /** The indices of a snapshot. */
  public static UsdRates fromSnapshot(MarketSnapshot snapshot) {
    Map<String, Double> prices = new TreeMap<>();
    snapshot.underlyings().forEach((coin, market) -> prices.put(coin, market.indexPrice()));
    return new UsdRates(prices);
  }

  /** The underlying prices carried by supplied risk arrays (where they have one). */
  public static UsdRates fromRiskArrays(RiskArraySet arrays) {
    Map<String, Double> prices = new TreeMap<>();
    for (RiskArray array : arrays.arrays().values()) {
      if (!Double.isNaN(array.underlyingPrice())) {
        prices.putIfAbsent(array.underlying(), array.underlyingPrice());
      }
    }
    return new UsdRates(prices);
  }

  /**
   * USD per unit of a currency.
   *
   * @throws ValidationException naming the currency when its price is unknown
   */
  public double usdPer(String currency) {
    if (Instrument.isUsdLike(currency)) {
      return 1.0;
    }
    Double price = coinPrices.get(currency);
    if (price == null) {
      throw ValidationException.of(
          currency, "no USD price for " + currency + ": the market has " + coinPrices.keySet());
    }
    return price;
  }

  /** Whether the USD price of a currency is known. */
  public boolean knows(String currency) {
    return Instrument.isUsdLike(currency) || coinPrices.containsKey(currency);
  }

  /**
   * The book's collateral valued in USD at these rates; every coin without a rate reported at once.
   */
  public double collateralValue(Portfolio portfolio) {
    Problems problems = new Problems();
    double total = 0;
    for (Map.Entry<String, Double> held : portfolio.collateral().entrySet()) {
      if (!knows(held.getKey())) {
        problems.add(
            "collateral." + held.getKey(), "no USD price for " + held.getKey() + " in the market");
        continue;
      }
      total += held.getValue() * usdPer(held.getKey());
    }
    problems.throwIfAny();
    return total;
  }
}
