package io.cryptomargin.io;

import io.cryptomargin.historical.PriceHistory;
import io.cryptomargin.validation.InputRange;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Daily price history files, in either of two CSV layouts (header row required, columns matched
 * case-insensitively, rows in any order):
 *
 * <ul>
 *   <li>candles of one coin, as {@code history/btc_usd_daily.csv}: a {@code timestamp} (or {@code
 *       date}) column and a {@code close} column; other columns (open, high, low, volume, ...) are
 *       ignored. The file does not name its coin: the caller does (BTC by default).
 *   <li>wide, several coins: {@code date,BTC,ETH,...}, one close per coin and day (USD per coin);
 *       an empty cell means no close that day, and the history keeps only the days every coin has.
 * </ul>
 *
 * Dates are UTC days: {@code 2020-03-12}, {@code 2020-03-12 00:00:00} or {@code
 * 2020-03-12T00:00:00Z} (only the day counts); each row's price is that day's close. Every problem
 * (bad date, duplicate day, non-positive or non-numeric price) is reported at once with its line.
 */
public final class PriceHistoryCsv {
  /** Prefix of a history shipped in the jar, e.g. {@code classpath:history/btc_usd_daily.csv}. */
  public static final String CLASSPATH = "classpath:";

  /** The shipped BTC/USD daily history, 2011-08-18 to 2025-09-24. */
  public static final String BUILT_IN_BTC = CLASSPATH + "history/btc_usd_daily.csv";

  private PriceHistoryCsv() {}

  /**
   * Reads a history file or a {@code classpath:} resource.
   *
   * @param candleCoin the coin a one-coin candle file describes (ignored for wide files)
   * @throws ValidationException listing every problem of the file
   */
  public static PriceHistory read(String pathOrResource, String candleCoin) {
    if (pathOrResource.startsWith(CLASSPATH)) {
      String name = pathOrResource.substring(CLASSPATH.length());
      try (InputStream in = PriceHistoryCsv.class.getResourceAsStream("/" + name)) {
        if (in == null) {
          throw ValidationException.of("history", "no history " + name + " in the jar");
        }
        return parse(
            new String(in.readAllBytes(), StandardCharsets.UTF_8), pathOrResource, candleCoin);
      } catch (IOException e) {
        throw ValidationException.of(
            "history", "cannot read " + pathOrResource + ": " + e.getMessage());
      }
    }
    return parse(Json.readFile(Path.of(pathOrResource)), pathOrResource, candleCoin);
  }

  /**
   * Parses history text.
   *
   * @param source names the file in messages and in the history
   * @param candleCoin the coin a one-coin candle file describes
   */
  public static PriceHistory parse(String text, String source, String candleCoin) {
    Problems problems = new Problems();
    List<Csv.Row> rows = Csv.parse(text, source, problems);
    problems.throwIfAny();
    if (rows.isEmpty()) {
      throw ValidationException.of(
          source, "is empty: expected a header row (timestamp,close,... or date,BTC,...)");
    }
    List<String> header = rows.get(0).fields().stream().map(f -> f.trim()).toList();
    List<String> lower = header.stream().map(f -> f.toLowerCase(Locale.ROOT)).toList();
    int dateColumn =
        lower.indexOf("timestamp") >= 0 ? lower.indexOf("timestamp") : lower.indexOf("date");
    if (dateColumn < 0) {
      throw ValidationException.of(
          source + " line 1", "needs a 'timestamp' or 'date' column, has " + header);
    }
    Map<String, Integer> priceColumns = new LinkedHashMap<>();
    int close = lower.indexOf("close");
    if (close >= 0) {
      if (candleCoin == null || candleCoin.isBlank()) {
        throw ValidationException.of(
            "coin", "a candle file (" + source + ") needs the coin it describes");
      }
      priceColumns.put(candleCoin, close);
    } else {
      for (int i = 0; i < header.size(); i++) {
        if (i != dateColumn && !header.get(i).isEmpty()) {
          priceColumns.put(header.get(i).toUpperCase(Locale.ROOT), i);
        }
      }
      if (priceColumns.isEmpty()) {
        throw ValidationException.of(
            source + " line 1", "needs a 'close' column or one column per coin, has " + header);
      }
    }
    Map<String, NavigableMap<LocalDate, Double>> byCoin = new LinkedHashMap<>();
    priceColumns.keySet().forEach(coin -> byCoin.put(coin, new TreeMap<>()));
    Map<LocalDate, Integer> seen = new TreeMap<>();
    for (Csv.Row row : rows.subList(1, rows.size())) {
      String at = source + " line " + row.line();
      List<String> fields = row.fields();
      if (fields.size() <= dateColumn) {
        problems.add(at, "has no date");
        continue;
      }
      LocalDate date = date(fields.get(dateColumn).trim(), at, problems);
      if (date == null) {
        continue;
      }
      Integer earlier = seen.put(date, row.line());
      if (earlier != null) {
        problems.add(at, "date " + date + " already on line " + earlier);
        continue;
      }
      priceColumns.forEach(
          (coin, column) -> {
            String cell = column < fields.size() ? fields.get(column).trim() : "";
            if (cell.isEmpty()) {
              return;
            }
            double price = Csv.number(cell, at + " " + coin, InputRange.PRICE_USD, problems);
            if (!Double.isNaN(price)) {
              byCoin.get(coin).put(date, price);
            }
          });
    }
    byCoin.forEach(
        (coin, series) -> {
          if (series.size() < 2) {
            problems.add(
                source, coin + " has " + series.size() + " closes; a return needs at least two");
          }
        });
    problems.throwIfAny();
    return PriceHistory.joint(source, byCoin);
  }

  private static LocalDate date(String text, String at, Problems problems) {
    try {
      LocalDate date = LocalDate.parse(text.length() >= 10 ? text.substring(0, 10) : text);
      return InputRange.checkTime(
              at, date.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), problems)
          ? date
          : null;
    } catch (DateTimeParseException e) {
      problems.add(at, "date must start with YYYY-MM-DD, was '" + text + "'");
      return null;
    }
  }

  /** Writes a wide history file ({@code date,BTC,...}), e.g. for a synthetic series. */
  public static String wide(PriceHistory history) {
    StringBuilder out = new StringBuilder("date");
    history.coins().forEach(c -> out.append(',').append(c));
    out.append('\n');
    List<double[]> columns = new ArrayList<>();
    history.coins().forEach(c -> columns.add(history.closes(c)));
    for (int i = 0; i < history.size(); i++) {
      out.append(history.dates().get(i));
      for (double[] column : columns) {
        out.append(',').append(column[i]);
      }
      out.append('\n');
    }
    return out.toString();
  }
}
