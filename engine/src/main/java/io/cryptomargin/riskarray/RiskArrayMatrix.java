package io.cryptomargin.riskarray;

import io.cryptomargin.instrument.InstrumentKind;
import io.cryptomargin.instrument.PutCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link RiskArraySet} laid out for margining many books: every instrument is a row number, its
 * losses one stretch of a single contiguous {@code double[]} (row × scenario count + scenario), and
 * what the charges read per instrument (delta, value, contract size, kind, expiry, commodity) is
 * held in parallel primitive arrays. Built once per set ({@link RiskArraySet#matrix()}); immutable,
 * so one matrix serves any number of threads.
 *
 * <p>Margining a book from it touches no hash table and no object per holding: a book is resolved
 * to row numbers once, then summed by a tight loop over consecutive doubles.
 */
public final class RiskArrayMatrix {
  /** {@link #putCall(int)} of an instrument that is not an option. */
  public static final int NOT_AN_OPTION = 0;

  /** {@link #putCall(int)} of a call. */
  public static final int CALL = 1;

  /** {@link #putCall(int)} of a put. */
  public static final int PUT = 2;

  private final int scenarioCount;
  private final RiskArray[] arrays;
  private final Map<String, Integer> rowByInstrument;
  private final double[] losses;
  private final double[] compositeDelta;
  private final double[] value;
  private final double[] underlyingPrice;
  private final double[] contractSize;
  private final byte[] putCall;
  private final boolean[] option;
  private final boolean[] futureOrPerpetual;
  private final boolean[] spot;
  private final int[] expiryIndex;
  private final Instant[] expiries;
  private final int[] commodityIndex;
  private final String[] commodityUnderlying;
  private final String[] commoditySettlement;

  RiskArrayMatrix(Map<String, RiskArray> byInstrument, int scenarioCount) {
    int rows = byInstrument.size();
    this.scenarioCount = scenarioCount;
    arrays = byInstrument.values().toArray(new RiskArray[0]);
    rowByInstrument = new HashMap<>(Math.max(16, rows * 2));
    losses = new double[Math.multiplyExact(rows, scenarioCount)];
    compositeDelta = new double[rows];
    value = new double[rows];
    underlyingPrice = new double[rows];
    contractSize = new double[rows];
    putCall = new byte[rows];
    option = new boolean[rows];
    futureOrPerpetual = new boolean[rows];
    spot = new boolean[rows];
    expiryIndex = new int[rows];
    commodityIndex = new int[rows];
    List<Instant> distinctExpiries = new ArrayList<>();
    Map<Instant, Integer> expiryByInstant = new HashMap<>();
    List<String> underlyings = new ArrayList<>();
    List<String> settlements = new ArrayList<>();
    Map<String, Integer> commodityByKey = new HashMap<>();
    for (int row = 0; row < rows; row++) {
      RiskArray array = arrays[row];
      rowByInstrument.put(array.instrument(), row);
      for (int s = 0; s < scenarioCount; s++) {
        losses[row * scenarioCount + s] = array.loss(s);
      }
      compositeDelta[row] = array.compositeDelta();
      value[row] = array.value();
      underlyingPrice[row] = array.underlyingPrice();
      contractSize[row] = array.contractSize();
      putCall[row] =
          (byte)
              (array.putCall() == PutCall.CALL
                  ? CALL
                  : array.putCall() == PutCall.PUT ? PUT : NOT_AN_OPTION);
      option[row] = array.isOption();
      futureOrPerpetual[row] =
          array.kind() == InstrumentKind.FUTURE || array.kind() == InstrumentKind.PERPETUAL;
      spot[row] = array.kind() == InstrumentKind.SPOT;
      // A HashMap takes the null expiry of undated contracts as a key like any other.
      Integer expiry = expiryByInstant.get(array.expiry());
      if (expiry == null) {
        expiry = distinctExpiries.size();
        expiryByInstant.put(array.expiry(), expiry);
        distinctExpiries.add(array.expiry());
      }
      expiryIndex[row] = expiry;
      String key = array.underlying() + "/" + array.settlementCurrency();
      Integer commodity = commodityByKey.get(key);
      if (commodity == null) {
        commodity = underlyings.size();
        commodityByKey.put(key, commodity);
        underlyings.add(array.underlying());
        settlements.add(array.settlementCurrency());
      }
      commodityIndex[row] = commodity;
    }
    expiries = distinctExpiries.toArray(new Instant[0]);
    commodityUnderlying = underlyings.toArray(new String[0]);
    commoditySettlement = settlements.toArray(new String[0]);
  }

  /** Number of instruments (rows). */
  public int rowCount() {
    return arrays.length;
  }

  /** Number of scenarios (losses per row). */
  public int scenarioCount() {
    return scenarioCount;
  }

  /** The row of an instrument, or −1 when the set has no array for it. */
  public int row(String instrument) {
    Integer row = rowByInstrument.get(instrument);
    return row == null ? -1 : row;
  }

  /** The risk array of a row. */
  public RiskArray array(int row) {
    return arrays[row];
  }

  /** The instrument name of a row. */
  public String instrument(int row) {
    return arrays[row].instrument();
  }

  /**
   * The loss of one long contract of a row in one scenario, settlement currency (loss &gt; 0); the
   * same number as {@code array(row).loss(scenario)}.
   */
  public double loss(int row, int scenario) {
    return losses[row * scenarioCount + scenario];
  }

  /**
   * Adds quantity × losses of the holdings {@code [from, to)} to {@code sum}, scenario by scenario:
   * the inner loop of every portfolio model, over consecutive doubles. Four holdings are added per
   * pass over {@code sum} (a quarter of its loads and stores); the sums are the same as adding the
   * holdings one by one up to rounding in the last bits.
   *
   * @param sum one entry per scenario, settlement currency
   * @param rows the holdings' rows
   * @param quantities contracts per holding (negative when short), parallel to {@code rows}
   * @param from first holding (inclusive)
   * @param to last holding (exclusive)
   */
  public void addLosses(double[] sum, int[] rows, double[] quantities, int from, int to) {
    int scenarios = scenarioCount;
    double[] table = losses;
    int h = from;
    for (; h + 3 < to; h += 4) {
      int base0 = rows[h] * scenarios;
      int base1 = rows[h + 1] * scenarios;
      int base2 = rows[h + 2] * scenarios;
      int base3 = rows[h + 3] * scenarios;
      double quantity0 = quantities[h];
      double quantity1 = quantities[h + 1];
      double quantity2 = quantities[h + 2];
      double quantity3 = quantities[h + 3];
      for (int s = 0; s < scenarios; s++) {
        sum[s] +=
            quantity0 * table[base0 + s]
                + quantity1 * table[base1 + s]
                + quantity2 * table[base2 + s]
                + quantity3 * table[base3 + s];
      }
    }
    for (; h < to; h++) {
      int base = rows[h] * scenarios;
      double quantity = quantities[h];
      for (int s = 0; s < scenarios; s++) {
        sum[s] += quantity * table[base + s];
      }
    }
  }

  /** Composite delta of a row, coins of underlying per contract. */
  public double compositeDelta(int row) {
    return compositeDelta[row];
  }

  /** Value of one contract of a row, settlement currency (NaN when unknown). */
  public double value(int row) {
    return value[row];
  }

  /** The underlying's index in the snapshot of a row, USD per coin (NaN when unknown). */
  public double underlyingPrice(int row) {
    return underlyingPrice[row];
  }

  /** Coins of the underlying per contract of a row. */
  public double contractSize(int row) {
    return contractSize[row];
  }

  /** {@link #CALL}, {@link #PUT} or {@link #NOT_AN_OPTION}. */
  public int putCall(int row) {
    return putCall[row];
  }

  /** Whether a row is an option ({@link RiskArray#isOption()}). */
  public boolean isOption(int row) {
    return option[row];
  }

  /** Whether a row is a future or a perpetual (crypto-pm's roll shock counts them). */
  public boolean isFutureOrPerpetual(int row) {
    return futureOrPerpetual[row];
  }

  /** Whether a row is a spot holding. */
  public boolean isSpot(int row) {
    return spot[row];
  }

  /** Number of distinct expiries of the set (undated contracts count as one, null expiry). */
  public int expiryCount() {
    return expiries.length;
  }

  /** The expiry number of a row, an index into {@link #expiry(int)}. */
  public int expiryIndex(int row) {
    return expiryIndex[row];
  }

  /** A distinct expiry by its number (null for undated contracts). */
  public Instant expiry(int expiryIndex) {
    return expiries[expiryIndex];
  }

  /** Number of distinct (underlying, settlement currency) commodities of the set. */
  public int commodityCount() {
    return commodityUnderlying.length;
  }

  /** The commodity number of a row. */
  public int commodityIndex(int row) {
    return commodityIndex[row];
  }

  /** The underlying of a commodity number. */
  public String commodityUnderlying(int commodity) {
    return commodityUnderlying[commodity];
  }

  /** The settlement currency of a commodity number. */
  public String commoditySettlement(int commodity) {
    return commoditySettlement[commodity];
  }

  @Override
  public String toString() {
    return "RiskArrayMatrix["
        + arrays.length
        + " rows × "
        + scenarioCount
        + " scenarios, commodities "
        + Arrays.toString(commodityUnderlying)
        + "]";
  }
}
