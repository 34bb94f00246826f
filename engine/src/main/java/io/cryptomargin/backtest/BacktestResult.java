package io.cryptomargin.backtest;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A coverage backtest's day-by-day series and per-model summary.
 *
 * @param historySource where the prices came from
 * @param days the days margined, in order (each day's loss is from its close to the next close)
 * @param coins the coins of the history
 * @param closes [coin][day] close on each day, USD
 * @param books book names
 * @param models model ids
 * @param realizedLossUsd [book][day] loss from the day's close to the next, USD (gain negative)
 * @param requirementUsd [model][book][day] requirement at the day's close, USD (NaN: not margined)
 * @param coverage per model and book, models outer
 * @param level the requirement compared
 * @param expectedRate the breach rate a calibrated model shows
 */
public record BacktestResult(
    String historySource,
    List<LocalDate> days,
    List<String> coins,
    double[][] closes,
    List<String> books,
    List<String> models,
    double[][] realizedLossUsd,
    double[][][] requirementUsd,
    List<ModelCoverage> coverage,
    RequirementLevel level,
    double expectedRate) {
  public BacktestResult {
    days = List.copyOf(days);
    coins = List.copyOf(coins);
    books = List.copyOf(books);
    models = List.copyOf(models);
    coverage = List.copyOf(coverage);
    closes = deepCopy(closes);
    realizedLossUsd = deepCopy(realizedLossUsd);
    double[][][] copy = new double[requirementUsd.length][][];
    for (int m = 0; m < copy.length; m++) {
      copy[m] = deepCopy(requirementUsd[m]);
    }
    requirementUsd = copy;
  }

  @Override
  public double[][] closes() {
    return deepCopy(closes);
  }

  @Override
  public double[][] realizedLossUsd() {
    return deepCopy(realizedLossUsd);
  }

  @Override
  public double[][][] requirementUsd() {
    double[][][] copy = new double[requirementUsd.length][][];
    for (int m = 0; m < copy.length; m++) {
      copy[m] = deepCopy(requirementUsd[m]);
    }
    return copy;
  }

  /** The coverage of a model on a book. */
  public ModelCoverage coverage(String model, String book) {
    return coverage.stream()
        .filter(c -> c.model().equals(model) && c.book().equals(book))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no result for " + model + " on " + book));
  }

  /**
   * The chart-ready CSV: one row per day with each coin's close, each book's realized next-day
   * loss, and per model and book the requirement and a 0/1 breach flag. Columns: {@code
   * date,close_BTC,loss_<book>,req_<model>_<book>,breach_<model>_<book>,...}.
   */
  public String toCsv() {
    StringBuilder out = new StringBuilder("date");
    coins.forEach(c -> out.append(",close_").append(c));
    books.forEach(b -> out.append(",loss_").append(b));
    for (String m : models) {
      for (String b : books) {
        out.append(",req_")
            .append(m)
            .append('_')
            .append(b)
            .append(",breach_")
            .append(m)
            .append('_')
            .append(b);
      }
    }
    out.append('\n');
    for (int d = 0; d < days.size(); d++) {
      out.append(days.get(d));
      for (double[] series : closes) {
        out.append(',').append(num(series[d]));
      }
      for (double[] loss : realizedLossUsd) {
        out.append(',').append(num(loss[d]));
      }
      for (int m = 0; m < models.size(); m++) {
        for (int b = 0; b < books.size(); b++) {
          double requirement = requirementUsd[m][b][d];
          boolean breach = !Double.isNaN(requirement) && realizedLossUsd[b][d] > requirement;
          out.append(',')
              .append(Double.isNaN(requirement) ? "" : num(requirement))
              .append(',')
              .append(Double.isNaN(requirement) ? "" : breach ? "1" : "0");
        }
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String num(double x) {
    return String.format(Locale.ROOT, "%.6f", x).replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  private static double[][] deepCopy(double[][] a) {
    double[][] copy = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      copy[i] = a[i].clone();
    }
    return copy;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BacktestResult r
        && historySource.equals(r.historySource)
        && days.equals(r.days)
        && coins.equals(r.coins)
        && Arrays.deepEquals(closes, r.closes)
        && books.equals(r.books)
        && models.equals(r.models)
        && Arrays.deepEquals(realizedLossUsd, r.realizedLossUsd)
        && Arrays.deepEquals(requirementUsd, r.requirementUsd)
        && coverage.equals(r.coverage)
        && level == r.level
        && Double.compare(expectedRate, r.expectedRate) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(historySource, days, coins, books, models, coverage, level, expectedRate)
            * 31
        + Arrays.deepHashCode(requirementUsd);
  }

  @Override
  public String toString() {
    return "BacktestResult["
        + historySource
        + " "
        + (days.isEmpty() ? "no days" : days.get(0) + ".." + days.get(days.size() - 1))
        + " models="
        + models
        + " books="
        + books
        + "]";
  }
}
