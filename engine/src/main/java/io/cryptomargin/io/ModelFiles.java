package io.cryptomargin.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptomargin.book.ModelProfile;
import io.cryptomargin.scenario.CryptoPmDefinition;
import io.cryptomargin.scenario.CryptoPmParameters;
import io.cryptomargin.scenario.ScenarioSetDefinition;
import io.cryptomargin.scenario.Span16Definition;
import io.cryptomargin.scenario.Span16Parameters;
import io.cryptomargin.scenario.TermScaledVolShock;
import io.cryptomargin.scenario.TimsDefinition;
import io.cryptomargin.scenario.TimsParameters;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Model parameter files: one versioned JSON file per model, {@code
 * {"id":"span-16","version":"1.0.0","description":"...","scenarioSet":{...},"margin":{...}}}.
 *
 * <p>{@code scenarioSet} has a {@code type} ({@code span-16} or {@code crypto-pm}, required),
 * model-wide fields, {@code defaults} per underlying and {@code underlyings} whose entries may be
 * partial: each is merged field by field over {@code defaults}.
 *
 * <ul>
 *   <li>span-16: {@code lookAheadDays}, {@code volFloor}; per underlying {@code priceScanRange},
 *       {@code volScanRange}, {@code extremeMultiple}, {@code extremeCoverFraction}.
 *   <li>crypto-pm: {@code lookAheadDays}, {@code volShock} {up, down, powerShortDated,
 *       powerLongDated, pivotDays, floorVol, minDaysToExpiry}; per underlying {@code priceRange},
 *       {@code priceSteps}, {@code extendedMoves}, {@code extendedWeightNumerator}.
 * </ul>
 *
 * {@code margin} is read as plain values and handed over untouched (the margin layer checks it).
 * Any other key in the file or its {@code scenarioSet} is an error naming its path.
 */
public final class ModelFiles {
  /** The models shipped in {@code src/main/resources/models/}, by id. */
  public static final List<String> BUILT_IN = List.of("span-16", "crypto-pm", "tims");

  /**
   * Further built-in profiles of a model, by file name: {@code crypto-pm-2026-09} is crypto-pm with
   * Deribit's BTC values read in 2026-09 (its id stays {@code crypto-pm}, its version names the
   * profile).
   */
  public static final List<String> BUILT_IN_PROFILES = List.of("crypto-pm-2026-09");

  /** The tags a parameter's provenance may carry (METHODOLOGY 0). */
  public static final List<String> TAGS = List.of("D", "D-num", "T", "I", "P");

  private static final Set<String> TYPES = Set.of("span-16", "crypto-pm", "tims");
  private static final List<String> ROOT_KEYS =
      List.of("id", "version", "description", "profile", "scenarioSet", "margin", "provenance");
  private static final List<String> PROFILE_KEYS = List.of("name", "date", "source");
  private static final List<String> PROVENANCE_KEYS = List.of("tag", "source", "date", "note");
  private static final List<String> TIMS_KEYS = List.of("type", "defaults", "underlyings");
  private static final List<String> TIMS_PARAMETER_KEYS = List.of("upMove", "downMove");
  private static final List<String> SPAN16_KEYS =
      List.of("type", "lookAheadDays", "volFloor", "defaults", "underlyings");
  private static final List<String> SPAN16_PARAMETER_KEYS =
      List.of("priceScanRange", "volScanRange", "extremeMultiple", "extremeCoverFraction");
  private static final List<String> CRYPTO_PM_KEYS =
      List.of("type", "lookAheadDays", "defaults", "underlyings");
  private static final List<String> VOL_SHOCK_KEYS =
      List.of(
          "up",
          "down",
          "powerShortDated",
          "powerLongDated",
          "pivotDays",
          "floorVol",
          "minDaysToExpiry",
          "minVolShockUp");
  private static final List<String> CRYPTO_PM_PARAMETER_KEYS =
      List.of("priceRange", "priceSteps", "extendedMoves", "extendedFactor", "volShock");

  private ModelFiles() {}

  /**
   * The scenario definition of a built-in model id or a model file path.
   *
   * @throws ValidationException for an unknown id (listing the built-ins) or a bad file (every
   *     problem)
   */
  public static ScenarioSetDefinition scenarioSet(String idOrPath) {
    return load(idOrPath).scenarioSet();
  }

  /**
   * A built-in model ({@code span-16}, {@code crypto-pm}) or a model file.
   *
   * @throws ValidationException for an unknown id (listing the built-ins) or a bad file (every
   *     problem)
   */
  public static ModelFile load(String idOrPath) {
    if (idOrPath == null || idOrPath.isBlank()) {
      throw ValidationException.of(
          "model", "a model id or file is required; built-in models: " + BUILT_IN);
    }
    if (BUILT_IN.contains(idOrPath) || BUILT_IN_PROFILES.contains(idOrPath)) {
      return parse(Json.builtInModel(idOrPath), "built-in:" + idOrPath);
    }
    Path path = Path.of(idOrPath);
    if (!Files.isRegularFile(path)) {
      throw ValidationException.of(
          "model",
          "unknown model '"
              + idOrPath
              + "': not a built-in model "
              + BUILT_IN
              + " or profile "
              + BUILT_IN_PROFILES
              + " and no such file");
    }
    return read(path);
  }

  /** Reads a model file. */
  public static ModelFile read(Path file) {
    return parse(Json.readFile(file), file.toString());
  }

  /**
   * Parses a model file's text.
   *
   * @param source how error messages and {@link ModelFile#source()} name it
   * @throws ValidationException listing every problem with its JSON path
   */
  public static ModelFile parse(String text, String source) {
    JsonNode root = Json.parse(text, source);
    if (!root.isObject()) {
      throw ValidationException.of(
          source, "must be a JSON object with id, version and scenarioSet");
    }
    Problems problems = new Problems();
    Json.onlyKnownKeys(root, "", ROOT_KEYS, problems);
    String id = Json.text(root, "id", "", problems, true);
    String version = Json.text(root, "version", "", problems, true);
    String description = Json.text(root, "description", "", problems, false);
    JsonNode set = Json.object(root, "scenarioSet", "", problems, true);
    JsonNode margin = Json.object(root, "margin", "", problems, false);
    ModelProfile profile = profile(Json.object(root, "profile", "", problems, false), problems);
    Map<String, ParameterSource> provenance =
        provenance(Json.object(root, "provenance", "", problems, false), problems);
    ScenarioSetDefinition definition = null;
    if (set != null) {
      // Required: guessing the type from the file's id read a crypto-pm file named "my-span" as
      // span-16 and reported its keys as wrong instead of the missing type.
      String type = Json.text(set, "type", "scenarioSet", problems, false);
      if (type == null && (set.get("type") == null || set.get("type").isNull())) {
        problems.add("scenarioSet.type", "is required: one of " + BUILT_IN);
      } else if (type != null && !TYPES.contains(type)) {
        problems.add(
            "scenarioSet.type",
            "unknown scenario set type '" + type + "': known types are " + BUILT_IN);
      } else if (type != null) {
        String setId = id == null ? "" : id;
        String setVersion = version == null ? "" : version;
        definition =
            switch (type) {
              case "span-16" -> span16(setId, setVersion, set, problems);
              case "tims" -> tims(setId, setVersion, set, problems);
              default -> cryptoPm(setId, setVersion, set, problems);
            };
      }
    }
    problems.throwIfAny();
    Map<String, Object> marginValues = margin == null ? Map.of() : Json.toPlainMap(margin);
    return new ModelFile(
        id, version, description, definition, marginValues, source, profile, provenance);
  }

  private static ModelProfile profile(JsonNode node, Problems problems) {
    if (node == null) {
      return ModelProfile.UNNAMED;
    }
    Json.onlyKnownKeys(node, "profile", PROFILE_KEYS, problems);
    return new ModelProfile(
        Json.text(node, "name", "profile", problems, true),
        Json.text(node, "date", "profile", problems, true),
        Json.text(node, "source", "profile", problems, false));
  }

  /**
   * Per parameter path ({@code scenarioSet.underlyings.BTC.priceRange}): its tag, source and date.
   */
  private static Map<String, ParameterSource> provenance(JsonNode node, Problems problems) {
    Map<String, ParameterSource> out = new LinkedHashMap<>();
    if (node == null) {
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String at = "provenance." + e.getKey();
      if (!e.getValue().isObject()) {
        problems.add(at, "must be an object with tag, source and date");
        continue;
      }
      Json.onlyKnownKeys(e.getValue(), at, PROVENANCE_KEYS, problems);
      String tag = Json.text(e.getValue(), "tag", at, problems, true);
      String source = Json.text(e.getValue(), "source", at, problems, true);
      String date = Json.text(e.getValue(), "date", at, problems, true);
      String note = Json.text(e.getValue(), "note", at, problems, false);
      if (tag != null && !TAGS.contains(tag)) {
        problems.add(at + ".tag", "unknown tag '" + tag + "': one of " + TAGS);
      } else if (tag != null && source != null && date != null) {
        out.put(e.getKey(), new ParameterSource(tag, source, date, note == null ? "" : note));
      }
    }
    return out;
  }

  private static TimsDefinition tims(String id, String version, JsonNode set, Problems problems) {
    String path = "scenarioSet";
    int before = problems.count();
    Json.onlyKnownKeys(set, path, TIMS_KEYS, problems);
    JsonNode defaults = Json.object(set, "defaults", path, problems, true);
    TimsParameters base =
        defaults == null ? null : timsParameters(defaults, null, path + ".defaults", problems);
    Map<String, TimsParameters> byUnderlying = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : entries(set, path, problems)) {
      TimsParameters p =
          timsParameters(e.getValue(), defaults, path + ".underlyings." + e.getKey(), problems);
      if (p != null) {
        byUnderlying.put(e.getKey(), p);
      }
    }
    if (problems.count() > before || base == null) {
      return null;
    }
    return Json.construct(
        () -> new TimsDefinition(id, version, base, byUnderlying), path, problems);
  }

  private static TimsParameters timsParameters(
      JsonNode node, JsonNode defaults, String path, Problems problems) {
    if (!node.isObject()) {
      problems.add(path, "must be an object");
      return null;
    }
    Json.onlyKnownKeys(node, path, TIMS_PARAMETER_KEYS, problems);
    Set<String> unknown = new HashSet<>();
    double up = merged(node, defaults, "upMove", path, problems, unknown);
    double down = merged(node, defaults, "downMove", path, problems, unknown);
    return Json.construct(() -> new TimsParameters(up, down), path, problems, unknown);
  }

  // The readers below build every part they can, whatever other parts got wrong, so a file's
  // range problems come in the same list as its missing or malformed fields (not in a second
  // round).

  private static Span16Definition span16(
      String id, String version, JsonNode set, Problems problems) {
    String path = "scenarioSet";
    int before = problems.count();
    Json.onlyKnownKeys(set, path, SPAN16_KEYS, problems);
    double lookAhead = Json.nonNegative(set, "lookAheadDays", path, problems, true);
    double volFloor = Json.positive(set, "volFloor", path, problems, true);
    JsonNode defaults = Json.object(set, "defaults", path, problems, true);
    Span16Parameters base =
        defaults == null ? null : span16Parameters(defaults, null, path + ".defaults", problems);
    Map<String, Span16Parameters> byUnderlying = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : entries(set, path, problems)) {
      Span16Parameters p =
          span16Parameters(e.getValue(), defaults, path + ".underlyings." + e.getKey(), problems);
      if (p != null) {
        byUnderlying.put(e.getKey(), p);
      }
    }
    if (problems.count() > before || base == null) {
      return null;
    }
    return Json.construct(
        () -> new Span16Definition(id, version, lookAhead, volFloor, base, byUnderlying),
        path,
        problems);
  }

  private static Span16Parameters span16Parameters(
      JsonNode node, JsonNode defaults, String path, Problems problems) {
    if (!node.isObject()) {
      problems.add(path, "must be an object");
      return null;
    }
    Json.onlyKnownKeys(node, path, SPAN16_PARAMETER_KEYS, problems);
    Set<String> unknown = new HashSet<>();
    double psr = merged(node, defaults, "priceScanRange", path, problems, unknown);
    double vsr = merged(node, defaults, "volScanRange", path, problems, unknown);
    double x = merged(node, defaults, "extremeMultiple", path, problems, unknown);
    double c = merged(node, defaults, "extremeCoverFraction", path, problems, unknown);
    return Json.construct(() -> new Span16Parameters(psr, vsr, x, c), path, problems, unknown);
  }

  private static CryptoPmDefinition cryptoPm(
      String id, String version, JsonNode set, Problems problems) {
    String path = "scenarioSet";
    int before = problems.count();
    Json.onlyKnownKeys(set, path, CRYPTO_PM_KEYS, problems);
    double lookAhead = Json.nonNegative(set, "lookAheadDays", path, problems, true);
    JsonNode defaults = Json.object(set, "defaults", path, problems, true);
    CryptoPmParameters base =
        defaults == null ? null : cryptoPmParameters(defaults, null, path + ".defaults", problems);
    Map<String, CryptoPmParameters> byUnderlying = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : entries(set, path, problems)) {
      CryptoPmParameters p =
          cryptoPmParameters(e.getValue(), defaults, path + ".underlyings." + e.getKey(), problems);
      if (p != null) {
        byUnderlying.put(e.getKey(), p);
      }
    }
    if (base == null) {
      return null;
    }
    // Built even when other fields were bad: its own check (one grid length for every underlying)
    // belongs in the same list.
    CryptoPmDefinition definition =
        Json.construct(
            () -> new CryptoPmDefinition(id, version, lookAhead, base, byUnderlying),
            path,
            problems);
    return problems.count() > before ? null : definition;
  }

  /** An underlying's vol shock, each field its own or else the defaults' {@code volShock}'s. */
  private static TermScaledVolShock volShock(
      JsonNode node, JsonNode defaults, String path, Problems problems) {
    JsonNode own = node.get("volShock");
    JsonNode inherited = defaults == null ? null : defaults.get("volShock");
    if (own == null && inherited == null) {
      problems.add(path + ".volShock", "is required");
      return null;
    }
    JsonNode shock = own != null ? own : inherited;
    String p = path + ".volShock";
    if (!shock.isObject()) {
      problems.add(p, "must be an object");
      return null;
    }
    Json.onlyKnownKeys(shock, p, VOL_SHOCK_KEYS, problems);
    JsonNode fallback = own != null ? inherited : null;
    Set<String> unknown = new HashSet<>();
    double up = merged(shock, fallback, "up", p, problems, unknown);
    double down = merged(shock, fallback, "down", p, problems, unknown);
    double shortPower = merged(shock, fallback, "powerShortDated", p, problems, unknown);
    double longPower = merged(shock, fallback, "powerLongDated", p, problems, unknown);
    double pivot = merged(shock, fallback, "pivotDays", p, problems, unknown);
    double floor = merged(shock, fallback, "floorVol", p, problems, unknown);
    double minDte = merged(shock, fallback, "minDaysToExpiry", p, problems, unknown);
    double minUp = merged(shock, fallback, "minVolShockUp", p, problems, unknown);
    return Json.construct(
        () -> new TermScaledVolShock(up, down, shortPower, longPower, pivot, floor, minDte, minUp),
        p,
        problems,
        unknown);
  }

  private static CryptoPmParameters cryptoPmParameters(
      JsonNode node, JsonNode defaults, String path, Problems problems) {
    if (!node.isObject()) {
      problems.add(path, "must be an object");
      return null;
    }
    Json.onlyKnownKeys(node, path, CRYPTO_PM_PARAMETER_KEYS, problems);
    Set<String> unknown = new HashSet<>();
    double range = merged(node, defaults, "priceRange", path, problems, unknown);
    double steps = merged(node, defaults, "priceSteps", path, problems, unknown);
    double factor = merged(node, defaults, "extendedFactor", path, problems, unknown);
    TermScaledVolShock shock = volShock(node, defaults, path, problems);
    JsonNode movesNode =
        node.has("extendedMoves") || defaults == null
            ? node.get("extendedMoves")
            : defaults.get("extendedMoves");
    List<Double> moves = new ArrayList<>();
    if (movesNode == null && defaults != null) {
      unknown.add("extendedMoves");
    } else if (movesNode == null || !movesNode.isArray()) {
      problems.add(
          path + ".extendedMoves",
          movesNode == null ? "is required" : "must be an array of fractions");
    } else {
      for (int i = 0; i < movesNode.size(); i++) {
        moves.add(Json.asNumber(movesNode.get(i), path + ".extendedMoves[" + i + "]", problems));
      }
    }
    if (!Double.isNaN(steps) && steps != Math.rint(steps)) {
      problems.add(path + ".priceSteps", "must be a whole number, was " + steps);
    }
    if (Double.isNaN(steps)) {
      unknown.add("priceSteps");
    }
    // Built with a stand-in shock when the shock was bad, so the grid's own problems come in the
    // same list.
    TermScaledVolShock checked =
        shock != null ? shock : new TermScaledVolShock(0, 0, 0, 0, 1, 1, 1, 0);
    CryptoPmParameters parameters =
        Json.construct(
            () -> new CryptoPmParameters(range, (int) steps, moves, factor, checked),
            path,
            problems,
            unknown);
    return shock == null ? null : parameters;
  }

  /**
   * A field of a per-underlying entry, else of the defaults; NaN when absent or bad. A field absent
   * from both is reported for the defaults only (where it belongs), and added to {@code unknown} so
   * the constructor's check of the NaN is not reported either.
   *
   * @param defaults the defaults object, or null when reading the defaults themselves
   */
  private static double merged(
      JsonNode node,
      JsonNode defaults,
      String field,
      String path,
      Problems problems,
      Set<String> unknown) {
    if (node.has(field) || defaults == null) {
      double value = Json.number(node, field, path, problems, true);
      if (Double.isNaN(value)) {
        unknown.add(field);
      }
      return value;
    }
    double value = Json.number(defaults, field, path, new Problems(), false);
    if (Double.isNaN(value)) {
      unknown.add(field);
    }
    return value;
  }

  private static List<Map.Entry<String, JsonNode>> entries(
      JsonNode set, String path, Problems problems) {
    JsonNode unders = Json.object(set, "underlyings", path, problems, false);
    List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
    if (unders != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = unders.properties().iterator();
          it.hasNext(); ) {
        entries.add(it.next());
      }
    }
    return entries;
  }
}
