package io.cryptomargin.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptomargin.instrument.DeribitNames;
import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.market.Mark;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.market.Smile;
import io.cryptomargin.market.UnderlyingMarket;
import io.cryptomargin.market.VolSurface;
import io.cryptomargin.validation.InputRange;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Our own market snapshot format, read and written:
 *
 * <pre>{@code
 * {"id": "optional id",
 *  "asOf": "2024-03-01T08:00:00Z",
 *  "underlyings": {
 *    "BTC": {"index": 70000, "flatVol": 0.55},
 *    "ETH": {"index": 3500, "flatVol": 0.6,
 *            "forwards": {"2024-03-29": 3510},
 *            "smiles": {"2024-03-29": [[3000, 0.65], [3500, 0.6], [4000, 0.62]]}}},
 *  "instruments": ["BTC-PERPETUAL", "ETH-29MAR24-3500-C", {"name": "ETH-PERPETUAL", "contractSize": 0.1}],
 *  "marks": {"ETH-29MAR24-3500-C": {"price": 0.05, "iv": 0.6, "forward": 3510,
 *                                   "observedAt": "2024-03-01T07:59:58Z"}}}
 * }</pre>
 *
 * Prices USD per coin, vols annual fractions, expiries dates (Deribit's 08:00 UTC) or full UTC
 * times. A missing forward is interpolated from the index. {@code instruments} names the snapshot's
 * instrument universe (stored as empty marks); an entry may be an object with the name and a {@code
 * contractSize}, in coins of the underlying per contract (linear and inverse alike; default 1,
 * Deribit's size); {@code marks} adds the venue's marks (price in the settlement currency). Every
 * mark or instrument name must be a Deribit name on a listed underlying. When an underlying has
 * both {@code flatVol} and {@code smiles} (as the issue's own example does), the smiles win
 * everywhere, at every strike and expiry, and {@code flatVol} is not used: it is the vol of an
 * underlying without smiles. A key not listed here is an error (a typo such as {@code flatvol}
 * would otherwise be ignored). Writing keeps every double exactly (shortest round-trip text).
 */
public final class SnapshotJson {
  private static final List<String> ROOT_KEYS =
      List.of("id", "asOf", "underlyings", "instruments", "marks");
  private static final List<String> UNDERLYING_KEYS =
      List.of("index", "flatVol", "forwards", "smiles");
  private static final List<String> INSTRUMENT_KEYS = List.of("name", "contractSize");
  private static final List<String> MARK_KEYS = List.of("price", "iv", "forward", "observedAt");

  private SnapshotJson() {}

  /**
   * Reads a snapshot file.
   *
   * @throws ValidationException listing every problem with its JSON path
   */
  public static MarketSnapshot read(Path file) {
    return parse(Json.readFile(file), file.getFileName().toString());
  }

  /**
   * Parses snapshot JSON.
   *
   * @param source how error messages name the input
   * @throws ValidationException listing every problem with its JSON path
   */
  public static MarketSnapshot parse(String text, String source) {
    return fromTree(Json.parse(text, source), source);
  }

  static MarketSnapshot fromTree(JsonNode root, String source) {
    if (!root.isObject()) {
      throw ValidationException.of(
          source, "must be a JSON object with \"asOf\" and \"underlyings\"");
    }
    Problems problems = new Problems();
    Json.onlyKnownKeys(root, "", ROOT_KEYS, problems);
    String id = Json.text(root, "id", "", problems, false);
    if (id != null && !InputRange.checkIdLength("id", id, problems)) {
      id = null;
    }
    String asOfText = Json.text(root, "asOf", "", problems, true);
    Instant asOf = asOfText == null ? null : Json.instant(asOfText, "asOf", problems);
    Map<String, UnderlyingMarket> underlyings = new TreeMap<>();
    JsonNode unders = Json.object(root, "underlyings", "", problems, true);
    if (unders != null) {
      if (unders.isEmpty()) {
        problems.add(
            "underlyings",
            "needs at least one underlying, e.g. {\"BTC\": {\"index\": 70000, \"flatVol\": 0.55}}");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = unders.properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        UnderlyingMarket market = underlying(e.getValue(), "underlyings." + e.getKey(), problems);
        if (market != null) {
          underlyings.put(e.getKey(), market);
        }
      }
    }
    Map<String, Mark> marks = new LinkedHashMap<>();
    Map<String, Double> contractSizes = new TreeMap<>();
    JsonNode instruments = root.get("instruments");
    if (instruments != null && !instruments.isNull()) {
      if (!instruments.isArray()) {
        problems.add("instruments", "must be an array of instrument names");
      } else {
        for (int i = 0; i < instruments.size(); i++) {
          JsonNode entry = instruments.get(i);
          String path = "instruments[" + i + "]";
          JsonNode name = entry;
          double contractSize = Double.NaN;
          if (entry.isObject()) {
            Json.onlyKnownKeys(entry, path, INSTRUMENT_KEYS, problems);
            name = entry.get("name");
            contractSize =
                Json.number(entry, "contractSize", path, InputRange.CONTRACT_SIZE, problems, false);
            if (name == null || name.isNull()) {
              problems.add(path + ".name", "is required");
              continue;
            }
            path = path + ".name";
          }
          if (!name.isTextual()) {
            problems.add(
                path,
                "must be an instrument name (or {\"name\": ..., \"contractSize\": ...}), was "
                    + Json.describe(name));
          } else if (checkName(name.textValue(), path, unders, asOf, problems)) {
            marks.put(name.textValue(), emptyMark());
            if (!Double.isNaN(contractSize)) {
              contractSizes.put(name.textValue(), contractSize);
            }
          }
        }
      }
    }
    JsonNode marksNode = Json.object(root, "marks", "", problems, false);
    if (marksNode != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = marksNode.properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String path = "marks." + e.getKey();
        boolean nameOk = checkName(e.getKey(), path, unders, asOf, problems);
        Mark mark = mark(e.getValue(), path, problems);
        if (nameOk && mark != null) {
          marks.put(e.getKey(), mark);
        }
      }
    }
    problems.throwIfAny();
    return new MarketSnapshot(id, asOf, underlyings, marks, Map.of(), contractSizes);
  }

  /** The snapshot as JSON text (every mark under {@code marks}, empty ones as {@code {}}). */
  public static String write(MarketSnapshot snapshot) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("id", snapshot.id());
    root.put("asOf", snapshot.asOf().toString());
    ObjectNode unders = root.putObject("underlyings");
    snapshot
        .underlyings()
        .forEach(
            (coin, market) -> {
              ObjectNode u = unders.putObject(coin);
              u.put("index", market.indexPrice());
              VolSurface surface = market.volSurface();
              if (!Double.isNaN(surface.flatVol())) {
                u.put("flatVol", surface.flatVol());
              }
              if (!market.forwards().isEmpty()) {
                ObjectNode forwards = u.putObject("forwards");
                market.forwards().forEach((expiry, f) -> forwards.put(Json.expiryText(expiry), f));
              }
              if (!surface.smiles().isEmpty()) {
                ObjectNode smiles = u.putObject("smiles");
                surface
                    .smiles()
                    .forEach(
                        (expiry, smile) -> {
                          ArrayNode points = smiles.putArray(Json.expiryText(expiry));
                          double[] strikes = smile.strikes();
                          double[] vols = smile.vols();
                          for (int i = 0; i < strikes.length; i++) {
                            points.addArray().add(strikes[i]).add(vols[i]);
                          }
                        });
              }
            });
    if (!snapshot.contractSizes().isEmpty()) {
      ArrayNode instruments = root.putArray("instruments");
      snapshot
          .contractSizes()
          .forEach(
              (name, size) -> instruments.addObject().put("name", name).put("contractSize", size));
    }
    if (!snapshot.marks().isEmpty()) {
      ObjectNode marks = root.putObject("marks");
      snapshot
          .marks()
          .forEach(
              (name, mark) -> {
                ObjectNode m = marks.putObject(name);
                mark.price().ifPresent(p -> m.put("price", p));
                mark.impliedVol().ifPresent(v -> m.put("iv", v));
                mark.forward().ifPresent(f -> m.put("forward", f));
                mark.observedAt().ifPresent(t -> m.put("observedAt", t.toString()));
              });
    }
    return Json.write(root);
  }

  /** Writes a snapshot file. */
  public static void write(MarketSnapshot snapshot, Path file) {
    Json.writeFile(file, write(snapshot));
  }

  private static UnderlyingMarket underlying(JsonNode node, String path, Problems problems) {
    if (!node.isObject()) {
      problems.add(path, "must be an object with \"index\" and \"flatVol\" or \"smiles\"");
      return null;
    }
    int before = problems.count();
    Json.onlyKnownKeys(node, path, UNDERLYING_KEYS, problems);
    double index = Json.number(node, "index", path, InputRange.PRICE_USD, problems, true);
    double flatVol = Json.number(node, "flatVol", path, InputRange.VOLATILITY, problems, false);
    TreeMap<Instant, Double> forwards = new TreeMap<>();
    JsonNode fwd = Json.object(node, "forwards", path, problems, false);
    if (fwd != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = fwd.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String p = path + ".forwards." + e.getKey();
        Instant expiry = Json.expiry(e.getKey(), p, problems);
        double f = Json.asNumber(e.getValue(), p, InputRange.PRICE_USD, problems);
        if (expiry != null) {
          forwards.put(expiry, f);
        }
      }
    }
    TreeMap<Instant, Smile> smiles = new TreeMap<>();
    JsonNode sm = Json.object(node, "smiles", path, problems, false);
    if (sm != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = sm.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String p = path + ".smiles." + e.getKey();
        Instant expiry = Json.expiry(e.getKey(), p, problems);
        Smile smile = smile(e.getValue(), p, problems);
        if (expiry != null && smile != null) {
          smiles.put(expiry, smile);
        }
      }
    }
    // Judged from the keys given, not from whether their values were good, so a missing vol is
    // reported together with the underlying's other problems rather than in a second round.
    boolean noFlatVol = absent(node, "flatVol");
    boolean noSmiles =
        absent(node, "smiles") || (node.get("smiles").isObject() && node.get("smiles").isEmpty());
    if (noFlatVol && noSmiles) {
      problems.add(path, "needs \"flatVol\" or \"smiles\" (a volatility)");
    }
    if (problems.count() > before) {
      return null;
    }
    try {
      return new UnderlyingMarket(index, forwards, new VolSurface(flatVol, smiles));
    } catch (ValidationException e) {
      problems.addAll(path, e);
      return null;
    }
  }

  private static Smile smile(JsonNode node, String path, Problems problems) {
    if (!node.isArray() || node.isEmpty()) {
      problems.add(path, "must be a non-empty array of [strike, vol] pairs");
      return null;
    }
    double[] strikes = new double[node.size()];
    double[] vols = new double[node.size()];
    // A value out of range is reported here, at its place in the file, and the smile is still built
    // from it so that its shape (strikes increasing) is checked in the same pass; only values that
    // are not numbers at all stop that.
    java.util.Set<String> reported = new java.util.HashSet<>();
    int before = problems.count();
    for (int i = 0; i < node.size(); i++) {
      JsonNode pair = node.get(i);
      String p = path + "[" + i + "]";
      if (!pair.isArray() || pair.size() != 2) {
        problems.add(p, "must be a [strike, vol] pair");
        continue;
      }
      strikes[i] = Json.asNumber(pair.get(0), p + "[0]", problems);
      vols[i] = Json.asNumber(pair.get(1), p + "[1]", problems);
      if (!Double.isNaN(strikes[i])
          && !InputRange.PRICE_USD.check(p + "[0]", strikes[i], problems)) {
        reported.add("strikes[" + i + "]");
      }
      if (!Double.isNaN(vols[i]) && !InputRange.VOLATILITY.check(p + "[1]", vols[i], problems)) {
        reported.add("vols[" + i + "]");
      }
    }
    if (problems.count() > before + reported.size()) {
      return null;
    }
    Smile smile = Json.construct(() -> new Smile(strikes, vols), path, problems, reported);
    return problems.count() > before ? null : smile;
  }

  private static Mark mark(JsonNode node, String path, Problems problems) {
    if (!node.isObject()) {
      problems.add(path, "must be an object with any of price, iv, forward, observedAt");
      return null;
    }
    int before = problems.count();
    Json.onlyKnownKeys(node, path, MARK_KEYS, problems);
    double price = Json.number(node, "price", path, InputRange.MARK_PRICE, problems, false);
    double iv = Json.number(node, "iv", path, InputRange.VOLATILITY, problems, false);
    double forward = Json.number(node, "forward", path, InputRange.PRICE_USD, problems, false);
    String observed = Json.text(node, "observedAt", path, problems, false);
    Instant observedAt =
        observed == null ? null : Json.instant(observed, path + ".observedAt", problems);
    if (problems.count() > before) {
      return null;
    }
    return new Mark(
        optional(price), optional(iv), optional(forward), Optional.ofNullable(observedAt));
  }

  private static boolean checkName(
      String name, String path, JsonNode underlyings, Instant asOf, Problems problems) {
    Instrument instrument;
    try {
      instrument = DeribitNames.parse(name);
    } catch (ValidationException e) {
      problems.addAll(path, e);
      return false;
    }
    boolean ok = true;
    if (underlyings != null && !underlyings.has(instrument.underlying())) {
      problems.add(
          path,
          "unknown underlying '"
              + instrument.underlying()
              + "': the snapshot's underlyings are "
              + fieldNames(underlyings));
      ok = false;
    }
    // An expired contract cannot be valued in this market: say so while loading, with the file's
    // other problems, instead of only when something prices it.
    if (asOf != null
        && instrument.expiry().isPresent()
        && !instrument.expiry().get().isAfter(asOf)) {
      problems.add(path, expired(instrument, asOf, path.contains(name)));
      ok = false;
    }
    return ok;
  }

  /** The message for an expired contract; names it unless the path already does. */
  static String expired(Instrument instrument, Instant asOf, boolean pathNamesIt) {
    return (pathNamesIt ? "" : instrument.name() + " ")
        + "expired: expiry "
        + instrument.expiry().orElseThrow()
        + " is not after the snapshot time "
        + asOf;
  }

  private static boolean absent(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull();
  }

  private static String fieldNames(JsonNode object) {
    StringBuilder names = new StringBuilder("[");
    object
        .fieldNames()
        .forEachRemaining(n -> names.append(names.length() > 1 ? ", " : "").append(n));
    return names.append("]").toString();
  }

  private static OptionalDouble optional(double value) {
    return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  private static Mark emptyMark() {
    return new Mark(
        OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty());
  }
}
