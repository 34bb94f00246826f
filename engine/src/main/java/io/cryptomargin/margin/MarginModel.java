package io.cryptomargin.margin;

import io.cryptomargin.scenario.ScenarioSetDefinition;
import java.util.Objects;

/**
 * A complete portfolio-margin model: its scenarios and its charges, under one id and version.
 *
 * @param scenarios the scenario set definition (its id and version name the model)
 * @param parameters the charges
 * @param description a sentence on where the model comes from
 */
public record MarginModel(ScenarioSetDefinition scenarios, MarginParameters parameters, String description) {
  public MarginModel {
    Objects.requireNonNull(scenarios, "scenarios");
    Objects.requireNonNull(parameters, "parameters");
    description = description == null ? "" : description;
  }

  /** The model id, e.g. {@code span-16}. */
  public String id() {
    return scenarios.id();
  }

  /** The parameter version. */
  public String version() {
    return scenarios.version();
  }
}
