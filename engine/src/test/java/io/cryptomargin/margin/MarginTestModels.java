package io.cryptomargin.margin;

import io.cryptomargin.book.InterCommodityPair;
import io.cryptomargin.book.MarginParameters;
import io.cryptomargin.book.ModelProfile;
import io.cryptomargin.scenario.CryptoPmDefinition;
import io.cryptomargin.scenario.CryptoPmParameters;
import io.cryptomargin.scenario.Span16Definition;
import io.cryptomargin.scenario.Span16Parameters;
import io.cryptomargin.scenario.TermScaledVolShock;
import io.cryptomargin.scenario.TimsDefinition;
import io.cryptomargin.scenario.TimsParameters;
import java.util.List;
import java.util.Map;

/**
 * The METHODOLOGY's default models, built in code so margin tests do not depend on the file
 * loaders.
 */
final class MarginTestModels {
  private MarginTestModels() {}

  static final List<InterCommodityPair> BTC_ETH =
      List.of(new InterCommodityPair("BTC", "ETH", 0.5));

  static MarginParameters parameters(double initialFactor, List<InterCommodityPair> pairs) {
    return new MarginParameters(
        initialFactor, 0.01, List.of(7.0, 30.0, 90.0, 180.0), 0.01, pairs, 100_000);
  }

  static Span16Definition span16() {
    return new Span16Definition(
        "span-16",
        "test",
        1,
        0.01,
        new Span16Parameters(0.25, 0.25, 2, 0.35),
        Map.of(
            "BTC",
            new Span16Parameters(0.15, 0.25, 2, 0.35),
            "ETH",
            new Span16Parameters(0.20, 0.25, 2, 0.35)));
  }

  static final List<Double> EXTENDED = List.of(-0.66, -0.33, 0.5, 1.0, 2.0, 3.0, 4.0, 5.0);

  /**
   * METHODOLOGY 2b's defaults: BTC (Deribit API example 2024-06-17), ETH (2026-02-15 capture),
   * other coins.
   */
  static CryptoPmDefinition cryptoPm() {
    CryptoPmParameters btc =
        new CryptoPmParameters(
            0.16, 9, EXTENDED, 1, new TermScaledVolShock(0.5, 0.25, 0.3, 0.13, 30, 0.01, 1, 0.5));
    TermScaledVolShock ethShock = new TermScaledVolShock(0.4, 0.25, 0.3, 0.13, 30, 0.01, 1, 0.5);
    CryptoPmParameters eth = new CryptoPmParameters(0.18, 9, EXTENDED, 1, ethShock);
    return new CryptoPmDefinition(
        "crypto-pm",
        "test",
        0,
        new CryptoPmParameters(0.24, 9, EXTENDED, 1, ethShock),
        Map.of("BTC", btc, "ETH", eth));
  }

  static TimsDefinition tims() {
    return new TimsDefinition("tims", "test", new TimsParameters(0.15, 0.15), Map.of());
  }

  static MarginParameters qualificationOnly() {
    return new MarginParameters(1.0, 0.0, List.of(), 0.0, List.of(), 100_000);
  }

  static MarginModel span16Model(List<InterCommodityPair> pairs) {
    return new MarginModel(span16(), parameters(1.1, pairs), "test");
  }

  static MarginModel cryptoPmModel() {
    return new MarginModel(
        cryptoPm(),
        qualificationOnly(),
        "test",
        ModelProfile.UNNAMED,
        CryptoPmCharges.DERIBIT_2024);
  }

  /**
   * crypto-pm with no dampener (D = 0 for every currency): the requirement is then linear in
   * quantity.
   */
  static MarginModel cryptoPmModelWithoutDampener() {
    CurrencyRisk none = new CurrencyRisk(0, 0.01, 0.6, 20_000_000, 0);
    CryptoPmCharges charges =
        new CryptoPmCharges(0.8, Map.of("BTC", none, "ETH", none), none, none, 0, 0);
    return new MarginModel(cryptoPm(), qualificationOnly(), "test", ModelProfile.UNNAMED, charges);
  }

  static MarginModel timsModel() {
    return new MarginModel(
        tims(), qualificationOnly(), "test", ModelProfile.UNNAMED, TimsCharges.DEFAULT);
  }
}
