package io.cryptomargin.validation;

import java.time.Instant;
import java.util.Locale;

/**
 * The ranges every number read from outside the engine must lie in (files, request bodies,
 * command-line options), checked where it is read, so that a value a double can hold but no account
 * can have ({@code 1e308} BTC, a quantity of {@code -1.8e308}) is refused with its field instead of
 * overflowing into an infinite, NaN or silently dropped figure further in.
 *
 * <p>The bounds are generous for real books and markets and small enough that products of them
 * (quantity × price × contract size, collateral × index, their sums over a book) stay far inside
 * the range of a double: the largest is about 1e9 × 1e9 × 1e6 = 1e24. The table in {@code
 * docs/input-limits.md} is this list in words.
 */
public enum InputRange {
  /** A position's quantity, contracts (negative = short). */
  QUANTITY(-1e9, 1e9, "contracts"),
  /** A collateral amount, in its currency (USD, a stablecoin or a coin). */
  COLLATERAL(0, 1e12, "units of its currency"),
  /** An index, forward, strike or underlying price, USD per coin. */
  PRICE_USD(1e-8, 1e9, "USD per coin"),
  /**
   * A venue's mark price of a contract (0 for a worthless option), settlement currency per coin.
   */
  MARK_PRICE(0, 1e9, "settlement currency"),
  /** A volatility, annual fraction (0.55 = 55 %). */
  VOLATILITY(1e-4, 10, "annual fraction"),
  /** A volatility in percent, as Deribit's {@code mark_iv} column gives it. */
  VOLATILITY_PERCENT(1e-2, 1000, "percent a year"),
  /** A time to expiry, years of 365 days. */
  YEARS(0, 50, "years"),
  /** A continuously compounded interest rate, annual fraction. */
  RATE(-1, 1, "annual fraction"),
  /** A contract size, coins of the underlying per contract. */
  CONTRACT_SIZE(1e-8, 1e6, "coins per contract"),
  /** A loss, value or price of one contract in a supplied risk array, settlement currency. */
  CONTRACT_AMOUNT(-1e12, 1e12, "settlement currency per contract"),
  /** A delta of one contract, coins of the underlying. */
  CONTRACT_DELTA(-1e9, 1e9, "coins per contract"),
  /** Any other number of a parameter or model file: only its magnitude is bounded here. */
  ANY_FIGURE(-1e15, 1e15, "");

  /** The earliest time an input may name (snapshot times, expiries, observations). */
  public static final Instant EARLIEST_TIME = Instant.parse("1970-01-01T00:00:00Z");

  /**
   * The latest time an input may name: later dates are typos or overflow attempts, not expiries.
   */
  public static final Instant LATEST_TIME = Instant.parse("2200-01-01T00:00:00Z");

  /**
   * The longest id or name an input may hold (account ids, snapshot ids, instrument names),
   * characters.
   */
  public static final int MAX_ID_LENGTH = 256;

  private final double low;
  private final double high;
  private final String unit;

  InputRange(double low, double high, String unit) {
    this.low = low;
    this.high = high;
    this.unit = unit;
  }

  /** The smallest value allowed. */
  public double low() {
    return low;
  }

  /** The largest value allowed. */
  public double high() {
    return high;
  }

  /** Whether a value is finite and within the range. */
  public boolean contains(double value) {
    return Double.isFinite(value) && value >= low && value <= high;
  }

  /**
   * Records a problem at the field unless the value is finite and in range.
   *
   * @return whether the value was in range
   */
  public boolean check(String field, double value, Problems problems) {
    if (contains(value)) {
      return true;
    }
    problems.add(field, describe(value));
    return false;
  }

  /** The message for a value outside the range. */
  public String describe(double value) {
    String was =
        Double.isNaN(value)
            ? "not a number"
            : Double.isInfinite(value) ? "beyond the range of a double" : String.valueOf(value);
    String units = unit.isEmpty() ? "" : " " + unit;
    // Ranges that start at or above zero keep the wording of a sign check, which is what most bad
    // values fail.
    String range =
        low > 0
            ? "> 0 (from " + format(low) + " to " + format(high) + units + ")"
            : low == 0
                ? ">= 0 (at most " + format(high) + units + ")"
                : "from " + format(low) + " to " + format(high) + units;
    return "must be a finite number " + range + ", was " + was;
  }

  /**
   * Records a problem at the field unless the time lies from {@link #EARLIEST_TIME} to {@link
   * #LATEST_TIME}.
   *
   * @return whether the time was in range
   */
  public static boolean checkTime(String field, Instant time, Problems problems) {
    if (!time.isBefore(EARLIEST_TIME) && !time.isAfter(LATEST_TIME)) {
      return true;
    }
    problems.add(
        field, "must be a time from " + EARLIEST_TIME + " to " + LATEST_TIME + ", was " + time);
    return false;
  }

  /**
   * Records a problem at the field when a text is longer than {@link #MAX_ID_LENGTH}.
   *
   * @return whether the text was short enough
   */
  public static boolean checkIdLength(String field, String text, Problems problems) {
    if (text.length() <= MAX_ID_LENGTH) {
      return true;
    }
    problems.add(field, "must be at most " + MAX_ID_LENGTH + " characters, was " + text.length());
    return false;
  }

  private static String format(double x) {
    if (x == Math.rint(x) && Math.abs(x) < 1e6) {
      return String.format(Locale.ROOT, "%.0f", x);
    }
    return String.format(Locale.ROOT, "%.0e", x)
        .replace("e+0", "e")
        .replace("e-0", "e-")
        .replace("e+", "e");
  }
}
