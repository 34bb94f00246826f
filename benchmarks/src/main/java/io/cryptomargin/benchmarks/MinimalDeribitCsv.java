package io.cryptomargin.benchmarks;

import io.cryptomargin.instrument.DeribitNames;
import io.cryptomargin.instrument.EuropeanOption;
import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.market.Mark;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.market.UnderlyingMarket;
import io.cryptomargin.market.VolSurface;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Just enough of a Deribit chain CSV reader to build the chain benchmark's snapshot. The engine's
 * own loader ({@code io.cryptomargin.io.DeribitChainCsv}) was being written when this module was;
 * switch to it once it exists so the benchmark and the CLI read the chain the same way.
 *
 * <p>The snapshot: time = the last row's read time; BTC index = mean {@code index_price}; one
 * forward per expiry = mean {@code underlying_price} of its rows; every option's mark carries its
 * mark price (BTC) and mark IV, so each option is valued at Deribit's vol. The surface is a flat
 * median IV, used by nothing while every option has a mark IV.
 */
public final class MinimalDeribitCsv {
  private static final String BUNDLED_CHAIN = "btc_options_2020-05-14.csv";

  private MinimalDeribitCsv() {}

  /** The bundled chain of 2020-05-14 (310 BTC options, 7 expiries). */
  public static OptionUniverse btc20200514() {
    try (InputStream in = MinimalDeribitCsv.class.getResourceAsStream(BUNDLED_CHAIN)) {
      if (in == null) {
        throw new IllegalStateException("resource " + BUNDLED_CHAIN + " is missing from the benchmarks jar");
      }
      return read(OptionUniverse.DERIBIT_CHAIN, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a chain in the format of {@code shared/data/deribit/*.csv}. */
  public static OptionUniverse read(String name, InputStream csv) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8));
    List<String> header = splitCsvLine(reader.readLine());
    Map<String, Integer> column = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      column.put(header.get(i), i);
    }
    List<EuropeanOption> options = new ArrayList<>();
    Map<String, Mark> marks = new LinkedHashMap<>();
    Map<Instant, double[]> forwardSums = new TreeMap<>();
    List<Double> vols = new ArrayList<>();
    double indexSum = 0;
    long lastRead = Long.MIN_VALUE;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      if (line.isBlank()) {
        continue;
      }
      List<String> row = splitCsvLine(line);
      Instrument instrument = DeribitNames.parse(row.get(column.get("instrument_name")));
      if (!(instrument instanceof EuropeanOption option)) {
        throw new IllegalArgumentException("not an option: " + instrument.name());
      }
      double forward = Double.parseDouble(row.get(column.get("underlying_price")));
      double markPrice = Double.parseDouble(row.get(column.get("mark_price")));
      double markVol = Double.parseDouble(row.get(column.get("mark_iv"))) / 100;
      long readAt = Long.parseLong(row.get(column.get("timestamp")));
      indexSum += Double.parseDouble(row.get(column.get("index_price")));
      lastRead = Math.max(lastRead, readAt);
      double[] sum = forwardSums.computeIfAbsent(option.expiryTime(), e -> new double[2]);
      sum[0] += forward;
      sum[1]++;
      vols.add(markVol);
      options.add(option);
      marks.put(option.name(), new Mark(OptionalDouble.of(markPrice), OptionalDouble.of(markVol),
          OptionalDouble.of(forward), Optional.of(Instant.ofEpochMilli(readAt))));
    }
    TreeMap<Instant, Double> forwards = new TreeMap<>();
    forwardSums.forEach((expiry, sum) -> forwards.put(expiry, sum[0] / sum[1]));
    double[] sortedVols = vols.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double medianVol = sortedVols[sortedVols.length / 2];
    UnderlyingMarket btc = new UnderlyingMarket(indexSum / options.size(), forwards, VolSurface.flat(medianVol));
    MarketSnapshot snapshot = new MarketSnapshot(name, Instant.ofEpochMilli(lastRead), Map.of("BTC", btc), marks);
    return new OptionUniverse(name, snapshot, options);
  }

  /** Splits one CSV line on commas outside double quotes (the chain's dict and list columns are quoted). */
  static List<String> splitCsvLine(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == ',' && !quoted) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
