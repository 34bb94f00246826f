package io.cryptomargin.io;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Paths of the test resources. */
public final class TestFiles {
  private TestFiles() {}

  /** Deribit's BTC chain of 2020-05-14 05:41–05:44 UTC (310 options). */
  public static Path chainMay14() {
    return resource("/deribit/btc_options_2020-05-14.csv");
  }

  /** Deribit's BTC chain of 2020-05-21 23:19–23:22 UTC (326 options). */
  public static Path chainMay22() {
    return resource("/deribit/btc_options_2020-05-22.csv");
  }

  /** A get_book_summary_by_currency response built from the 2020-05-14 chain. */
  public static Path bookSummaryMay14() {
    return resource("/deribit/book_summary_btc_2020-05-14.json");
  }

  static Path resource(String name) {
    try {
      return Path.of(TestFiles.class.getResource(name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource " + name, e);
    }
  }
}
