package io.cryptomargin.backtest;

import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.Position;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A book held unchanged through the backtest.
 *
 * @param name a short name for tables and CSV columns
 * @param portfolio the positions (collateral plays no part in coverage)
 * @param contractSizes coins of the underlying per contract, by instrument name, put into every
 *     day's snapshot so every model and the realized loss read the same size (an instrument not
 *     named is one coin per contract, as Deribit's names read)
 */
public record BacktestBook(String name, Portfolio portfolio, Map<String, Double> contractSizes) {
  public BacktestBook {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(portfolio, "portfolio");
    contractSizes = Map.copyOf(Objects.requireNonNull(contractSizes, "contractSizes"));
  }

  /** A book whose every contract is one coin. */
  public BacktestBook(String name, Portfolio portfolio) {
    this(name, portfolio, Map.of());
  }

  /**
   * The default books: one coin of a linear perpetual, long and short, as two books. A perpetual
   * never expires, so it can be held through any history without rolling; at the index with no
   * funding, its daily P&amp;L is the coin's price change.
   */
  public static List<BacktestBook> defaults(String coin) {
    String perpetual = coin + "_USDC-PERPETUAL";
    return List.of(
        new BacktestBook(
            "long-1-" + coin,
            new Portfolio("long-1-" + coin, Map.of(), List.of(new Position(perpetual, 1)))),
        new BacktestBook(
            "short-1-" + coin,
            new Portfolio("short-1-" + coin, Map.of(), List.of(new Position(perpetual, -1)))));
  }
}
