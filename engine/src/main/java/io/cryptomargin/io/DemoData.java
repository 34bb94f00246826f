package io.cryptomargin.io;

import io.cryptomargin.demo.Demo;
import io.cryptomargin.demo.DemoReport;
import io.cryptomargin.market.MarketSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The demo's bundled data, shipped in the engine jar: a stated market (BTC 70,000, ETH 3,500 with
 * their smiles) and a real Deribit BTC chain of 2020-05-14. Used by {@code ./cryptomargin demo} and
 * the notebooks, so both read the same data the same way.
 */
public final class DemoData {
  /** The stated demo market (snapshot JSON). */
  public static final String MARKET = "/demo/demo-market.json";

  /** The real Deribit chain (CSV). */
  public static final String CHAIN = "/demo/deribit/btc_options_2020-05-14.csv";

  private DemoData() {}

  /** The stated demo market. */
  public static MarketSnapshot market() {
    return SnapshotJson.parse(resource(MARKET), "built-in:" + MARKET);
  }

  /** The Deribit chain of 2020-05-14. */
  public static MarketSnapshot deribitChain() {
    return DeribitChainCsv.parse(resource(CHAIN), "btc_options_2020-05-14", "built-in:" + CHAIN);
  }

  /** The portfolio models the demo compares by default, in column order. */
  public static final List<String> PORTFOLIO_MODELS = List.of("crypto-pm", "span-16", "tims");

  /**
   * The whole demo with portfolio-margin models (built-in ids or model files), against both rules
   * models.
   */
  public static DemoReport run(List<String> models) {
    return Demo.run(
        market(),
        deribitChain(),
        models.stream().map(MarginModelFiles::load).toList(),
        RulesParametersJson.BUILT_IN.stream().map(RulesParametersJson::load).toList());
  }

  private static String resource(String path) {
    try (InputStream in = DemoData.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(
            "the demo data " + path + " is missing from the engine jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the demo data " + path, e);
    }
  }
}
