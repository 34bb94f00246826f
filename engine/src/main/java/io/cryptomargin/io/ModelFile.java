package io.cryptomargin.io;

import io.cryptomargin.book.ModelProfile;
import io.cryptomargin.scenario.ScenarioSetDefinition;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One parsed model parameter file ({@code models/span-16.json}, {@code models/crypto-pm.json} or a
 * user's file).
 *
 * @param id the model id, recorded in every result
 * @param version the parameter version, recorded in every result
 * @param description what the model is, in words
 * @param scenarioSet the scenario definition built from the file's {@code scenarioSet} part
 * @param margin the file's {@code margin} part as plain Java values (maps, lists, strings, numbers
 *     as {@code Integer}/{@code Long}/{@code Double}, booleans), empty when absent; it is the
 *     margin layer's to interpret, so no Jackson type leaves this package
 * @param source where it was read from ({@code built-in:span-16} or a file path)
 * @param profile which venue's values at which date the file holds
 * @param provenance per parameter path (e.g. {@code scenarioSet.underlyings.BTC.priceRange}), its
 *     tag, source and date
 */
public record ModelFile(
    String id,
    String version,
    String description,
    ScenarioSetDefinition scenarioSet,
    Map<String, Object> margin,
    String source,
    ModelProfile profile,
    Map<String, ParameterSource> provenance) {
  /** A file with no profile and no provenance. */
  public ModelFile(
      String id,
      String version,
      String description,
      ScenarioSetDefinition scenarioSet,
      Map<String, Object> margin,
      String source) {
    this(id, version, description, scenarioSet, margin, source, ModelProfile.UNNAMED, Map.of());
  }

  public ModelFile {
    profile = profile == null ? ModelProfile.UNNAMED : profile;
    provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(scenarioSet, "scenarioSet");
    description = description == null ? "" : description;
    margin = Collections.unmodifiableMap(new LinkedHashMap<>(margin));
  }
}
