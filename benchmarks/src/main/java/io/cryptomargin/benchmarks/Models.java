package io.cryptomargin.benchmarks;

import io.cryptomargin.io.MarginModelFiles;
import io.cryptomargin.io.ModelFiles;
import io.cryptomargin.margin.MarginModel;
import io.cryptomargin.scenario.ScenarioSetDefinition;

/**
 * The shipped portfolio-margin models, read by the engine's own loaders from the parameter files in
 * its jar ({@code models/span-16.json}, {@code models/crypto-pm.json}, {@code models/tims.json}),
 * so every benchmark runs the parameters the CLI and the function use.
 */
public final class Models {
  /** Id of CME SPAN's 16 scenarios. */
  public static final String SPAN_16 = "span-16";

  /** Id of the Deribit-style grid (27 regular + 8 extended scenarios). */
  public static final String CRYPTO_PM = "crypto-pm";

  /** Id of US customer portfolio margin's ten points (FINRA 4210(g), Cboe/OCC TIMS). */
  public static final String TIMS = "tims";

  private Models() {}

  /** The scenario set of a shipped model. */
  public static ScenarioSetDefinition scenarioSet(String id) {
    return ModelFiles.scenarioSet(id);
  }

  /** A shipped model: its scenarios and its charges. */
  public static MarginModel margin(String id) {
    return MarginModelFiles.load(id);
  }
}
