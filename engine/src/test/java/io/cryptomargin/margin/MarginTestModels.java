package io.cryptomargin.margin;

import io.cryptomargin.scenario.CryptoPmDefinition;
import io.cryptomargin.scenario.CryptoPmParameters;
import io.cryptomargin.scenario.Span16Definition;
import io.cryptomargin.scenario.Span16Parameters;
import io.cryptomargin.scenario.TermScaledVolShock;
import java.util.List;
import java.util.Map;

/** The METHODOLOGY's default models, built in code so margin tests do not depend on the file loaders. */
final class MarginTestModels {
  private MarginTestModels() {}

  static final List<InterCommodityPair> BTC_ETH = List.of(new InterCommodityPair("BTC", "ETH", 0.5));

  static MarginParameters parameters(double initialFactor, List<InterCommodityPair> pairs) {
    return new MarginParameters(initialFactor, 0.01, List.of(7.0, 30.0, 90.0, 180.0), 0.01, pairs, 100_000);
  }

  static Span16Definition span16() {
    return new Span16Definition("span-16", "test", 1, 0.01, new Span16Parameters(0.25, 0.25, 2, 0.35),
        Map.of("BTC", new Span16Parameters(0.15, 0.25, 2, 0.35), "ETH", new Span16Parameters(0.20, 0.25, 2, 0.35)));
  }

  static CryptoPmDefinition cryptoPm() {
    List<Double> extended = List.of(-0.66, -0.33, 0.5, 1.0, 2.0, 3.0, 4.0, 5.0);
    CryptoPmParameters crypto = new CryptoPmParameters(0.16, 9, extended, 0.16);
    return new CryptoPmDefinition("crypto-pm", "test", 0, new TermScaledVolShock(0.5, 0.25, 0.3, 0.13, 30, 0.01, 1),
        new CryptoPmParameters(0.24, 9, extended, 0.16), Map.of("BTC", crypto, "ETH", crypto));
  }

  static MarginModel span16Model(List<InterCommodityPair> pairs) {
    return new MarginModel(span16(), parameters(1.1, pairs), "test");
  }

  static MarginModel cryptoPmModel(List<InterCommodityPair> pairs) {
    return new MarginModel(cryptoPm(), parameters(1.3, pairs), "test");
  }
}
