package io.cryptomargin.benchmarks;

import io.cryptomargin.scenario.CryptoPmDefinition;
import io.cryptomargin.scenario.CryptoPmParameters;
import io.cryptomargin.scenario.ScenarioSetDefinition;
import io.cryptomargin.scenario.Span16Definition;
import io.cryptomargin.scenario.Span16Parameters;
import io.cryptomargin.scenario.TermScaledVolShock;
import java.util.List;
import java.util.Map;

/**
 * The two scenario sets with METHODOLOGY.md's default parameters, built in code. Replace with
 * {@code io.cryptomargin.io.ModelFiles.scenarioSet(id)} once the parameter files exist, so the
 * benchmark always runs the shipped parameters.
 */
public final class ScenarioSets {
  /** Id of CME SPAN's 16 scenarios. */
  public static final String SPAN_16 = "span-16";
  /** Id of the Deribit-style grid (27 regular + 8 extended scenarios). */
  public static final String CRYPTO_PM = "crypto-pm";

  private ScenarioSets() {}

  /** A definition by id. */
  public static ScenarioSetDefinition named(String id) {
    return switch (id) {
      case SPAN_16 -> span16();
      case CRYPTO_PM -> cryptoPm();
      default -> throw new IllegalArgumentException("unknown scenario set '" + id + "': " + SPAN_16 + " or " + CRYPTO_PM);
    };
  }

  /** span-16: look-ahead 1 day, vol floor 1%, BTC PSR 15%, ETH 20%, others 25%; VSR 25%, X 2, C 0.35. */
  public static Span16Definition span16() {
    return new Span16Definition(SPAN_16, "methodology-defaults", 1, 0.01,
        new Span16Parameters(0.25, 0.25, 2, 0.35),
        Map.of("BTC", new Span16Parameters(0.15, 0.25, 2, 0.35), "ETH", new Span16Parameters(0.20, 0.25, 2, 0.35)));
  }

  /** crypto-pm: no look-ahead, ±16% in 9 steps (BTC, ETH; ±24% others), term-scaled vol, 8 extended moves. */
  public static CryptoPmDefinition cryptoPm() {
    List<Double> extended = List.of(-0.66, -0.33, 0.5, 1.0, 2.0, 3.0, 4.0, 5.0);
    CryptoPmParameters btcEth = new CryptoPmParameters(0.16, 9, extended, 0.16);
    return new CryptoPmDefinition(CRYPTO_PM, "methodology-defaults", 0,
        new TermScaledVolShock(0.5, 0.25, 0.3, 0.13, 30, 0.01, 1),
        new CryptoPmParameters(0.24, 9, extended, 0.16), Map.of("BTC", btcEth, "ETH", btcEth));
  }
}
