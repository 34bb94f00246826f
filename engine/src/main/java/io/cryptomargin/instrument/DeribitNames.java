package io.cryptomargin.instrument;

import io.cryptomargin.validation.InputRange;
import io.cryptomargin.validation.ValidationException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and formats Deribit instrument names.
 *
 * <ul>
 *   <li>{@code BTC-PERPETUAL}: inverse perpetual; {@code BTC_USDC-PERPETUAL}: linear perpetual
 *   <li>{@code BTC_USDC}: spot pair
 *   <li>{@code BTC-26JUN20}: inverse future; {@code BTC_USDC-26JUN20}: linear future
 *   <li>{@code BTC-22MAY20-9250-P}: inverse option; {@code BTC_USDC-27DEC24-100000-C}: linear
 *       option
 * </ul>
 *
 * Strikes may use {@code d} as the decimal point ({@code XRP_USDC-30JUN23-0d625-C}). Expiries are
 * 08:00 UTC on the named day, Deribit's expiry time. Contract size is 1 coin (Deribit states
 * amounts in coins) unless given.
 */
public final class DeribitNames {
  /** Deribit's daily expiry time. */
  public static final LocalTime EXPIRY_TIME_UTC = LocalTime.of(8, 0);

  private static final Pattern BASE = Pattern.compile("([A-Z0-9]+)(?:_(USDC|USDT|USD))?");
  private static final Pattern DATE = Pattern.compile("(\\d{1,2})([A-Z]{3})(\\d{2})");
  private static final Pattern STRIKE = Pattern.compile("\\d+(?:d\\d+)?(?:\\.\\d+)?");

  /**
   * DDMMMYY, strict: an impossible day (31APR24, 30FEB23) is an error, never moved to the month's
   * last day as the default (smart) resolver does. 'uu' is the proleptic year (years 2000-2099),
   * which STRICT needs ('yy' is a year of era and would want an era).
   */
  private static final DateTimeFormatter DAY_MONTH_YEAR =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendPattern("d")
          .appendPattern("MMM")
          .appendPattern("uu")
          .toFormatter(Locale.ENGLISH)
          .withResolverStyle(ResolverStyle.STRICT);

  private DeribitNames() {}

  /**
   * Parses a Deribit name.
   *
   * @throws ValidationException naming the instrument and what is wrong with it
   */
  public static Instrument parse(String name) {
    return parse(name, 1.0);
  }

  /**
   * Parses a Deribit name for a contract of another size than Deribit's 1 coin.
   *
   * @param contractSize coins of the underlying per contract (spot pairs are always 1)
   * @throws ValidationException naming the instrument and what is wrong with it
   */
  public static Instrument parse(String name, double contractSize) {
    if (!(contractSize > 0 && Double.isFinite(contractSize))) {
      throw ValidationException.of(
          "contractSize", "must be a finite number > 0 (coins per contract), was " + contractSize);
    }
    if (name == null || name.isBlank()) {
      throw ValidationException.of("instrument", "an instrument name is required");
    }
    if (name.length() > InputRange.MAX_ID_LENGTH) {
      throw ValidationException.of(
          "instrument",
          "an instrument name has at most "
              + InputRange.MAX_ID_LENGTH
              + " characters, this one "
              + name.length());
    }
    String[] parts = name.trim().split("-", -1);
    Matcher base = BASE.matcher(parts[0]);
    if (!base.matches()) {
      throw malformed(name, "'" + parts[0] + "' is not a coin or COIN_USDC-style pair");
    }
    String coin = base.group(1);
    String quote = base.group(2);
    boolean linear = quote != null;
    Settlement settlement = linear ? Settlement.LINEAR : Settlement.INVERSE;
    String currency = linear ? quote : coin;
    switch (parts.length) {
      case 1:
        if (!linear) {
          throw malformed(name, "a spot pair needs a quote currency, e.g. " + coin + "_USDC");
        }
        return new Spot(name, coin, quote);
      case 2:
        if (parts[1].equals("PERPETUAL")) {
          return new Perpetual(name, coin, settlement, currency, contractSize);
        }
        return new Future(name, coin, expiry(name, parts[1]), settlement, currency, contractSize);
      case 4:
        Instant expiry = expiry(name, parts[1]);
        double strike = strike(name, parts[2]);
        PutCall putCall =
            switch (parts[3]) {
              case "C" -> PutCall.CALL;
              case "P" -> PutCall.PUT;
              default ->
                  throw malformed(name, "option type must be C or P, was '" + parts[3] + "'");
            };
        return new EuropeanOption(
            name, coin, expiry, strike, putCall, settlement, currency, contractSize);
      default:
        throw malformed(
            name, "expected COIN[_QUOTE], COIN-PERPETUAL, COIN-DDMMMYY or COIN-DDMMMYY-STRIKE-C|P");
    }
  }

  /** The Deribit date code of an expiry, e.g. {@code 26JUN20}. */
  public static String dateCode(Instant expiry) {
    LocalDate date = expiry.atZone(ZoneOffset.UTC).toLocalDate();
    return date.getDayOfMonth()
        + date.getMonth().name().substring(0, 3)
        + String.format("%02d", date.getYear() % 100);
  }

  /** The 08:00 UTC expiry instant of a date. */
  public static Instant expiryOn(LocalDate date) {
    return date.atTime(EXPIRY_TIME_UTC).toInstant(ZoneOffset.UTC);
  }

  /**
   * A Deribit-style option name for the given terms (strike printed without a needless fraction).
   */
  public static String optionName(
      String coin, String quote, Instant expiry, double strike, PutCall putCall) {
    String base = quote == null ? coin : coin + "_" + quote;
    String strikeText =
        strike == Math.rint(strike)
            ? Long.toString((long) strike)
            : Double.toString(strike).replace('.', 'd');
    return base
        + "-"
        + dateCode(expiry)
        + "-"
        + strikeText
        + "-"
        + (putCall == PutCall.CALL ? "C" : "P");
  }

  private static Instant expiry(String name, String code) {
    if (!DATE.matcher(code).matches()) {
      throw malformed(name, "'" + code + "' is not a DDMMMYY expiry (e.g. 26JUN20)");
    }
    try {
      return expiryOn(LocalDate.parse(code, DAY_MONTH_YEAR));
    } catch (DateTimeParseException e) {
      throw malformed(name, "'" + code + "' is not a date on the calendar");
    }
  }

  private static double strike(String name, String text) {
    if (!STRIKE.matcher(text).matches()) {
      throw malformed(name, "strike '" + text + "' is not a number");
    }
    double strike = Double.parseDouble(text.replace('d', '.'));
    if (!(strike > 0)) {
      throw malformed(name, "strike must be > 0");
    }
    if (!InputRange.PRICE_USD.contains(strike)) {
      throw malformed(name, "strike " + InputRange.PRICE_USD.describe(strike));
    }
    return strike;
  }

  private static ValidationException malformed(String name, String why) {
    return ValidationException.of("instrument", "malformed instrument name '" + name + "': " + why);
  }
}
