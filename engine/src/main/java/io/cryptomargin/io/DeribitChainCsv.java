package io.cryptomargin.io;

import io.cryptomargin.instrument.DeribitNames;
import io.cryptomargin.instrument.EuropeanOption;
import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.validation.InputRange;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Deribit option chain saved as CSV (one row per instrument as returned by Deribit's {@code
 * public/ticker}, e.g. the chains of the demo and of the tests).
 *
 * <p>Columns used: {@code instrument_name}, {@code timestamp} (ms since the epoch), {@code
 * underlying_price} (the forward the option is priced on, USD), {@code index_price} (USD), {@code
 * mark_price} (coin per option for inverse options, USD-like for linear ones; USD per coin for
 * futures) and {@code mark_iv} (percent; options only). Other columns are ignored.
 *
 * <p>The snapshot: asOf = the latest {@code timestamp}; per underlying the index of the latest row;
 * per expiry the forward of its latest row and a smile of out-of-the-money mark IVs; one mark per
 * instrument with its price, IV, forward and observation time.
 */
public final class DeribitChainCsv {
  private static final List<String> REQUIRED =
      List.of(
          "instrument_name",
          "timestamp",
          "underlying_price",
          "index_price",
          "mark_price",
          "mark_iv");

  private DeribitChainCsv() {}

  /**
   * Reads a chain file; the snapshot id is the file name without its extension.
   *
   * @throws ValidationException listing every problem of the file
   */
  public static MarketSnapshot read(Path file) {
    String name = file.getFileName().toString();
    String id = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
    return parse(Json.readFile(file), id, name);
  }

  /**
   * Parses chain CSV text.
   *
   * @param id the snapshot id to give the result
   * @param source how error messages name the input (e.g. the file name)
   * @throws ValidationException listing every problem: malformed CSV, missing columns, bad names,
   *     bad numbers (with their line, instrument and column)
   */
  public static MarketSnapshot parse(String text, String id, String source) {
    Problems problems = new Problems();
    // Every check below runs whatever the earlier ones found, so the file's problems come in one
    // list.
    List<Csv.Row> rows = Csv.parse(text, source, problems);
    if (rows.isEmpty()) {
      problems.add(source, "is empty: expected a header row and one row per instrument");
      problems.throwIfAny();
    }
    Map<String, Integer> columns = new HashMap<>();
    List<String> header = rows.get(0).fields();
    for (int c = 0; c < header.size(); c++) {
      columns.putIfAbsent(header.get(c).trim(), c);
    }
    boolean allColumns = true;
    for (String column : REQUIRED) {
      if (!columns.containsKey(column)) {
        problems.add(source, "missing column '" + column + "'");
        allColumns = false;
      }
    }
    if (rows.size() == 1) {
      problems.add(source, "has a header but no rows");
    }
    DeribitChain chain = new DeribitChain();
    // Without instrument names the rows cannot be told apart: the missing column is the problem.
    if (columns.containsKey("instrument_name")) {
      for (Csv.Row row : rows.subList(1, rows.size())) {
        readRow(row, columns, header.size(), source, chain, problems);
      }
    }
    MarketSnapshot snapshot = null;
    if (allColumns) {
      snapshot = chain.build(id, source, problems);
    } else {
      chain.checkExpiries(problems);
    }
    problems.throwIfAny();
    return snapshot;
  }

  private static void readRow(
      Csv.Row row,
      Map<String, Integer> columns,
      int width,
      String source,
      DeribitChain chain,
      Problems problems) {
    List<String> f = row.fields();
    String where = source + " line " + row.line();
    if (f.size() != width) {
      problems.add(where, "has " + f.size() + " fields, the header has " + width);
      return;
    }
    String name = f.get(columns.get("instrument_name")).trim();
    Instrument instrument = null;
    try {
      instrument = DeribitNames.parse(name);
    } catch (ValidationException e) {
      problems.addAll(where, e);
    }
    String at = instrument == null ? where : where + " (" + name + ")";
    int before = problems.count();
    Instant observedAt =
        columns.containsKey("timestamp")
            ? epochMillis(f.get(columns.get("timestamp")), at + ".timestamp", problems)
            : null;
    double forward = cell(f, columns, "underlying_price", at, problems, InputRange.PRICE_USD);
    double index = cell(f, columns, "index_price", at, problems, InputRange.PRICE_USD);
    double markPrice = cell(f, columns, "mark_price", at, problems, InputRange.MARK_PRICE);
    // An unreadable name still gets its numbers checked; only options have a mark IV to check.
    double markIvPercent =
        instrument instanceof EuropeanOption
            ? cell(f, columns, "mark_iv", at, problems, InputRange.VOLATILITY_PERCENT)
            : Double.NaN;
    if (instrument == null) {
      return;
    }
    chain.listed(instrument, observedAt, at);
    if (problems.count() > before
        || observedAt == null
        || REQUIRED.stream().anyMatch(c -> !columns.containsKey(c))) {
      return;
    }
    chain.index(instrument.underlying(), index, observedAt);
    if (instrument instanceof EuropeanOption option) {
      chain.option(option, markPrice, markIvPercent / 100.0, forward, observedAt);
    } else {
      chain.futureOrPerpetual(instrument, markPrice, observedAt);
    }
  }

  /**
   * A number from a column when the file has the column (its absence is reported once, not per
   * row).
   */
  private static double cell(
      List<String> f,
      Map<String, Integer> columns,
      String column,
      String at,
      Problems problems,
      InputRange range) {
    Integer c = columns.get(column);
    return c == null ? Double.NaN : Csv.number(f.get(c), at + "." + column, range, problems);
  }

  static Instant epochMillis(String text, String field, Problems problems) {
    try {
      return Json.epochMillis(Long.parseLong(text.trim()), field, problems);
    } catch (NumberFormatException e) {
      problems.add(field, "'" + text + "' is not a time in milliseconds since the epoch");
      return null;
    }
  }
}
