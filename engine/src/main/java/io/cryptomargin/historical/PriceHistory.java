package io.cryptomargin.historical;

import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Daily closes of one or more underlyings on their joint dates: a date is kept only when every coin
 * has a close on it, so every return is a joint move (diversification comes from the joint dates,
 * never from assumed correlations).
 *
 * @param source where the prices came from (a file path or {@code classpath:...}), for reports
 * @param dates the joint dates, strictly increasing
 * @param closes per coin (in the order given), closes on {@code dates}, USD per coin, all &gt; 0
 */
public record PriceHistory(String source, List<LocalDate> dates, Map<String, double[]> closes) {
  public PriceHistory {
    Problems problems = new Problems();
    source = source == null ? "" : source;
    dates = List.copyOf(dates);
    int dateCount = dates.size();
    Map<String, double[]> copied = new LinkedHashMap<>();
    if (closes == null || closes.isEmpty()) {
      problems.add("coins", "a price history needs at least one coin");
    } else {
      closes.forEach(
          (coin, series) -> {
            if (series.length != dateCount) {
              problems.add(coin, "has " + series.length + " closes for " + dateCount + " dates");
            }
            for (int i = 0; i < series.length; i++) {
              if (!(series[i] > 0) || !Double.isFinite(series[i])) {
                problems.add(
                    coin + "[" + i + "]", "a close must be a finite price > 0, was " + series[i]);
              }
            }
            copied.put(coin, series.clone());
          });
    }
    for (int i = 1; i < dates.size(); i++) {
      if (!dates.get(i).isAfter(dates.get(i - 1))) {
        problems.add(
            "dates[" + i + "]",
            "dates must be strictly increasing: " + dates.get(i) + " after " + dates.get(i - 1));
      }
    }
    problems.throwIfAny();
    closes = Collections.unmodifiableMap(copied);
  }

  /**
   * The joint history of several coins' dated closes: only dates on which every coin has a close.
   *
   * @throws ValidationException when the coins share fewer than two dates
   */
  public static PriceHistory joint(
      String source, Map<String, NavigableMap<LocalDate, Double>> byCoin) {
    if (byCoin.isEmpty()) {
      throw ValidationException.of("coins", "a price history needs at least one coin");
    }
    TreeSet<LocalDate> common = null;
    for (NavigableMap<LocalDate, Double> series : byCoin.values()) {
      if (common == null) {
        common = new TreeSet<>(series.keySet());
      } else {
        common.retainAll(series.keySet());
      }
    }
    if (common.size() < 2) {
      throw ValidationException.of(
          "dates",
          "the coins "
              + byCoin.keySet()
              + " share "
              + common.size()
              + " dates; at least two are needed for a return");
    }
    List<LocalDate> dates = new ArrayList<>(common);
    Map<String, double[]> closes = new LinkedHashMap<>();
    byCoin.forEach(
        (coin, series) -> closes.put(coin, dates.stream().mapToDouble(series::get).toArray()));
    return new PriceHistory(source, dates, closes);
  }

  /** The coins, in file order. */
  public List<String> coins() {
    return List.copyOf(closes.keySet());
  }

  /** Whether a coin has history. */
  public boolean has(String coin) {
    return closes.containsKey(coin);
  }

  /** Number of dates. */
  public int size() {
    return dates.size();
  }

  /**
   * The closes of a coin, USD per coin (a copy).
   *
   * @throws ValidationException naming the coin when it has no history: never a silent zero
   */
  public double[] closes(String coin) {
    return series(coin).clone();
  }

  /** The close of a coin on the i-th date, USD per coin. */
  public double close(String coin, int dateIndex) {
    return series(coin)[dateIndex];
  }

  /** Index of the last date on or before a date, or −1 when the history starts later. */
  public int indexOnOrBefore(LocalDate date) {
    int i = Collections.binarySearch(dates, date);
    return i >= 0 ? i : -i - 2;
  }

  /** The history up to and including a date (what was known at that day's close). */
  public PriceHistory upTo(LocalDate lastDate) {
    int end = indexOnOrBefore(lastDate) + 1;
    Map<String, double[]> cut = new LinkedHashMap<>();
    closes.forEach((coin, series) -> cut.put(coin, Arrays.copyOf(series, end)));
    return new PriceHistory(source, dates.subList(0, end), cut);
  }

  private double[] series(String coin) {
    double[] series = closes.get(coin);
    if (series == null) {
      throw ValidationException.of(
          coin,
          "no price history for "
              + coin
              + " in "
              + source
              + ": it has "
              + closes.keySet()
              + " (add a "
              + coin
              + " column to the history file)");
    }
    return series;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PriceHistory other)
        || !source.equals(other.source)
        || !dates.equals(other.dates)
        || !closes.keySet().equals(other.closes.keySet())) {
      return false;
    }
    return closes.entrySet().stream()
        .allMatch(e -> Arrays.equals(e.getValue(), other.closes.get(e.getKey())));
  }

  @Override
  public int hashCode() {
    int h = Objects.hash(source, dates, closes.keySet());
    for (double[] series : closes.values()) {
      h = 31 * h + Arrays.hashCode(series);
    }
    return h;
  }

  @Override
  public String toString() {
    return "PriceHistory["
        + source
        + " "
        + closes.keySet()
        + " "
        + (dates.isEmpty() ? "empty" : dates.get(0) + ".." + dates.get(dates.size() - 1))
        + ", "
        + dates.size()
        + " dates]";
  }
}
