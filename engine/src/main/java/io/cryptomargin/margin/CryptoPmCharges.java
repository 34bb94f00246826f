package io.cryptomargin.margin;

import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.validation.Problems;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Deribit's 2024 risk-matrix margin (METHODOLOGY 2b): IM = worst cell (extended cells dampened) +
 * roll shock + delta shock + correlation contingency; MM = mmFactor × that. The delta shock and the
 * correlation contingency are unpublished: their parameters exist so a result can say they are off,
 * and any non-zero value is refused rather than guessed at.
 *
 * @param mmFactor MM = this × risk-matrix margin (0.8)
 * @param byCurrency parameters per currency (BTC, ETH)
 * @param usdLike parameters of USD-, USDC- and USDT-settled books (dampener 25,000, roll 0.01 ×
 *     index)
 * @param otherCoins parameters of any other coin
 * @param deltaShockRate the delta shock's rate: unpublished, must be 0 (off)
 * @param correlationContingencyRate the correlation contingency's rate: unpublished, must be 0
 *     (off)
 */
public record CryptoPmCharges(
    double mmFactor,
    Map<String, CurrencyRisk> byCurrency,
    CurrencyRisk usdLike,
    CurrencyRisk otherCoins,
    double deltaShockRate,
    double correlationContingencyRate)
    implements ModelCharges {
  /** Deribit's 2024 values (METHODOLOGY 2b defaults). */
  public static final CryptoPmCharges DERIBIT_2024 =
      new CryptoPmCharges(
          0.8,
          Map.of(
              "BTC",
              new CurrencyRisk(100_000, 0.01, 0.6, 20_000_000, 0.0),
              "ETH",
              new CurrencyRisk(200_000, 0.005, 0.6, 20_000_000, 0.0)),
          new CurrencyRisk(25_000, 0.01, 0.4, 1_000_000, 0.0),
          new CurrencyRisk(200_000, 0.005, 0.6, 20_000_000, 0.0),
          0.0,
          0.0);

  public CryptoPmCharges {
    Objects.requireNonNull(usdLike, "usdLike");
    Objects.requireNonNull(otherCoins, "otherCoins");
    byCurrency = java.util.Collections.unmodifiableMap(new TreeMap<>(byCurrency));
    Problems problems = new Problems();
    if (!(mmFactor > 0 && mmFactor <= 1)) {
      problems.add("mmFactor", "must be in (0, 1], was " + mmFactor);
    }
    if (deltaShockRate != 0) {
      problems.add(
          "deltaShockRate",
          "Deribit publishes no formula for the delta shock: it is off (0), was " + deltaShockRate);
    }
    if (correlationContingencyRate != 0) {
      problems.add(
          "correlationContingencyRate",
          "Deribit publishes no formula for the correlation contingency: "
              + "it is off (0), was "
              + correlationContingencyRate);
    }
    problems.throwIfAny();
  }

  /** The parameters of a currency (a settlement currency or a held coin). */
  public CurrencyRisk currency(String currency) {
    if (Instrument.isUsdLike(currency)) {
      return usdLike;
    }
    return byCurrency.getOrDefault(currency, otherCoins);
  }
}
