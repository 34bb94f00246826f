package io.cryptomargin.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptomargin.instrument.DeribitNames;
import io.cryptomargin.instrument.EuropeanOption;
import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.instrument.InstrumentKind;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.validation.InputRange;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Reads the response of Deribit's {@code public/get_book_summary_by_currency}: {@code
 * {"jsonrpc":"2.0","result":[{"instrument_name":..,"mark_price":..,...}],...}}.
 *
 * <p>Fields used per entry: {@code instrument_name}, {@code creation_timestamp} (ms since the
 * epoch), {@code mark_price} (options: coin per option when inverse, USD-like when linear; futures
 * and perpetuals: USD per coin), {@code mark_iv} (percent, options), {@code underlying_price} (the
 * forward an option is priced on, USD) and {@code estimated_delivery_price} (the index, USD). Other
 * fields ({@code volume}, {@code open_interest}, {@code bid_price}, {@code funding_8h}, ...) are
 * ignored, and so are spot pairs.
 *
 * <p>Options give marks, forwards and smiles as in {@link DeribitChainCsv}; futures give the
 * forward of their expiry (the latest observation of an expiry wins, whether from a future or an
 * option's {@code underlying_price}); futures and perpetuals get a mark holding their forward.
 */
public final class DeribitBookSummaryJson {
  private DeribitBookSummaryJson() {}

  /**
   * Reads a response file; the snapshot id is the file name without its extension.
   *
   * @throws ValidationException listing every problem of the file
   */
  public static MarketSnapshot read(Path file) {
    String name = file.getFileName().toString();
    String id = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
    return parse(Json.readFile(file), id, name);
  }

  /**
   * Parses a response.
   *
   * @param id the snapshot id to give the result
   * @param source how error messages name the input
   * @throws ValidationException listing every problem with its JSON path ({@code
   *     result[3].mark_iv})
   */
  public static MarketSnapshot parse(String text, String id, String source) {
    return fromTree(Json.parse(text, source), id, source);
  }

  static MarketSnapshot fromTree(JsonNode root, String id, String source) {
    Problems problems = new Problems();
    if (!root.isObject()) {
      throw ValidationException.of(source, "must be a JSON object with a \"result\" array");
    }
    JsonNode error = root.get("error");
    if (error != null && !error.isNull()) {
      throw ValidationException.of("error", "the response is a Deribit error: " + error);
    }
    JsonNode result = root.get("result");
    if (result == null || !result.isArray()) {
      throw ValidationException.of("result", "must be an array of book summaries");
    }
    DeribitChain chain = new DeribitChain();
    for (int i = 0; i < result.size(); i++) {
      readEntry(result.get(i), "result[" + i + "]", chain, problems);
    }
    // Built even after bad entries, so a missing index or an expired contract is in the same list.
    MarketSnapshot snapshot = chain.build(id, source, problems);
    problems.throwIfAny();
    return snapshot;
  }

  private static void readEntry(
      JsonNode entry, String path, DeribitChain chain, Problems problems) {
    if (!entry.isObject()) {
      problems.add(path, "must be an object, was " + Json.describe(entry));
      return;
    }
    String name = Json.text(entry, "instrument_name", path, problems, true);
    if (name == null) {
      return;
    }
    Instrument instrument;
    try {
      instrument = DeribitNames.parse(name);
    } catch (ValidationException e) {
      problems.addAll(path, e);
      return;
    }
    if (instrument.kind() == InstrumentKind.SPOT) {
      return;
    }
    int before = problems.count();
    Long millis = Json.integer(entry, "creation_timestamp", path, problems, true);
    Instant at =
        millis == null ? null : Json.epochMillis(millis, path + ".creation_timestamp", problems);
    chain.listed(instrument, at, path + " (" + name + ")");
    boolean isOption = instrument instanceof EuropeanOption;
    double markPrice =
        Json.number(
            entry,
            "mark_price",
            path,
            isOption ? InputRange.MARK_PRICE : InputRange.PRICE_USD,
            problems,
            true);
    double index =
        Json.number(entry, "estimated_delivery_price", path, InputRange.PRICE_USD, problems, false);
    double markIv =
        isOption
            ? Json.number(entry, "mark_iv", path, InputRange.VOLATILITY_PERCENT, problems, true)
            : Double.NaN;
    double forward =
        isOption
            ? Json.number(entry, "underlying_price", path, InputRange.PRICE_USD, problems, true)
            : Double.NaN;
    if (problems.count() > before) {
      return;
    }
    if (!Double.isNaN(index)) {
      chain.index(instrument.underlying(), index, at);
    }
    if (instrument instanceof EuropeanOption option) {
      chain.option(option, markPrice, markIv / 100.0, forward, at);
    } else {
      chain.futureOrPerpetual(instrument, markPrice, at);
    }
  }
}
