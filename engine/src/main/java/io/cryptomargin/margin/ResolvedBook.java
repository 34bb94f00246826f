package io.cryptomargin.margin;

import io.cryptomargin.book.BookCheck;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.Position;
import io.cryptomargin.riskarray.RiskArrayMatrix;
import io.cryptomargin.riskarray.RiskArraySet;
import io.cryptomargin.validation.Problems;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A portfolio resolved against one {@link RiskArraySet}: repeated positions netted, every
 * instrument replaced by its row of the set's {@link RiskArrayMatrix}, holdings grouped by combined
 * commodity (sorted by underlying/settlement currency, first-seen order inside each). Made by
 * {@link PortfolioMarginCalculator#resolve}; margined, as often as needed, by {@link
 * PortfolioMarginCalculator#margin(ResolvedBook, io.cryptomargin.margin.MarginModel,
 * io.cryptomargin.book.UsdRates, java.time.Instant)}.
 *
 * <p>Immutable: its arrays are only ever read (by the margin, and by the read-only contribution
 * lists of its results), so one resolved book serves any number of threads.
 */
public final class ResolvedBook {
  private final Portfolio portfolio;
  private final RiskArraySet arrays;
  private final RiskArrayMatrix matrix;
  private final int[] rows;
  private final double[] quantities;
  private final int[] commodityStart;
  private final String[] commodityUnderlying;
  private final String[] commoditySettlement;

  private ResolvedBook(
      Portfolio portfolio,
      RiskArraySet arrays,
      int[] rows,
      double[] quantities,
      int[] commodityStart,
      String[] commodityUnderlying,
      String[] commoditySettlement) {
    this.portfolio = portfolio;
    this.arrays = arrays;
    this.matrix = arrays.matrix();
    this.rows = rows;
    this.quantities = quantities;
    this.commodityStart = commodityStart;
    this.commodityUnderlying = commodityUnderlying;
    this.commoditySettlement = commoditySettlement;
  }

  /**
   * Resolves a portfolio, adding a problem for every position whose instrument has no array (those
   * positions are left out of the returned book, which is then not to be margined).
   */
  static ResolvedBook resolve(Portfolio portfolio, RiskArraySet arrays, Problems problems) {
    RiskArrayMatrix matrix = arrays.matrix();
    List<Position> positions = portfolio.positions();
    // Netted by row: slotOfRow holds 1 + the holding of a row already seen (0: not yet), so
    // repeated positions are summed in position order with no map and no boxed quantity.
    int[] slotOfRow = new int[matrix.rowCount()];
    int[] netRows = new int[positions.size()];
    double[] netQuantities = new double[positions.size()];
    int net = 0;
    Set<String> missing = null;
    for (Position position : positions) {
      int row = matrix.row(position.instrument());
      if (row < 0) {
        if (missing == null) {
          missing = new LinkedHashSet<>();
        }
        missing.add(position.instrument());
        continue;
      }
      int slot = slotOfRow[row];
      if (slot == 0) {
        netRows[net] = row;
        netQuantities[net] = position.quantity();
        slotOfRow[row] = ++net;
      } else {
        netQuantities[slot - 1] += position.quantity();
      }
    }
    if (missing != null) {
      for (String instrument : missing) {
        problems.add(
            portfolio.positionPath(instrument) + ".instrument",
            BookCheck.noArray(instrument, arrays));
      }
    }
    int[] holdingsPerCommodity = new int[matrix.commodityCount()];
    for (int h = 0; h < net; h++) {
      holdingsPerCommodity[matrix.commodityIndex(netRows[h])]++;
    }
    Integer[] held =
        IntStream.range(0, holdingsPerCommodity.length)
            .filter(c -> holdingsPerCommodity[c] > 0)
            .boxed()
            .toArray(Integer[]::new);
    Arrays.sort(
        held,
        Comparator.comparing(
            c -> commodityKey(matrix.commodityUnderlying(c), matrix.commoditySettlement(c))));
    int[] commodityStart = new int[held.length + 1];
    int[] slotOfCommodity = new int[matrix.commodityCount()];
    String[] underlyings = new String[held.length];
    String[] settlements = new String[held.length];
    for (int b = 0; b < held.length; b++) {
      commodityStart[b + 1] = commodityStart[b] + holdingsPerCommodity[held[b]];
      slotOfCommodity[held[b]] = commodityStart[b];
      underlyings[b] = matrix.commodityUnderlying(held[b]);
      settlements[b] = matrix.commoditySettlement(held[b]);
    }
    int[] rows = new int[net];
    double[] quantities = new double[net];
    for (int h = 0; h < net; h++) {
      int slot = slotOfCommodity[matrix.commodityIndex(netRows[h])]++;
      rows[slot] = netRows[h];
      quantities[slot] = netQuantities[h];
    }
    return new ResolvedBook(
        portfolio, arrays, rows, quantities, commodityStart, underlyings, settlements);
  }

  /** The key commodities are ordered by, as results list them. */
  static String commodityKey(String underlying, String settlementCurrency) {
    return underlying + "/" + settlementCurrency;
  }

  /** The portfolio resolved (its collateral, mode and account type apply when it is margined). */
  public Portfolio portfolio() {
    return portfolio;
  }

  /** The arrays it was resolved against. */
  public RiskArraySet arrays() {
    return arrays;
  }

  /** Number of holdings: distinct instruments after netting. */
  public int holdingCount() {
    return rows.length;
  }

  /** Number of combined commodities held. */
  public int commodityCount() {
    return commodityUnderlying.length;
  }

  RiskArrayMatrix matrix() {
    return matrix;
  }

  int row(int holding) {
    return rows[holding];
  }

  int[] rows() {
    return rows;
  }

  double[] quantities() {
    return quantities;
  }

  /** First holding of commodity {@code c}; {@code commodityStart(c + 1)} ends it. */
  int commodityStart(int c) {
    return commodityStart[c];
  }

  String commodityUnderlying(int c) {
    return commodityUnderlying[c];
  }

  String commoditySettlement(int c) {
    return commoditySettlement[c];
  }

  @Override
  public String toString() {
    return "ResolvedBook["
        + portfolio.account()
        + ", "
        + rows.length
        + " holdings in "
        + String.join(", ", commodityUnderlying)
        + " against "
        + arrays.scenarioSetId()
        + " arrays of "
        + arrays.snapshotId()
        + "]";
  }
}
