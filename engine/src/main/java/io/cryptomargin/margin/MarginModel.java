package io.cryptomargin.margin;

import io.cryptomargin.book.MarginParameters;
import io.cryptomargin.book.ModelProfile;
import io.cryptomargin.scenario.CryptoPmDefinition;
import io.cryptomargin.scenario.ScenarioSetDefinition;
import io.cryptomargin.scenario.TimsDefinition;
import io.cryptomargin.validation.ValidationException;
import java.util.Objects;

/**
 * A complete portfolio-margin model: its scenarios and its charges, under one id and version.
 *
 * @param scenarios the scenario set definition (its id and version name the model)
 * @param parameters the charges every model shares (qualification; SPAN's calendar, inter-commodity
 *     and short option terms, which crypto-pm and tims leave at zero)
 * @param description a sentence on where the model comes from
 * @param profile which venue's values at which date the parameters are
 * @param charges the model's own way from summed arrays to requirements; its kind must fit the
 *     scenarios ({@link SpanCharges} for span-16, {@link CryptoPmCharges} for crypto-pm, {@link
 *     TimsCharges} for tims)
 */
public record MarginModel(
    ScenarioSetDefinition scenarios,
    MarginParameters parameters,
    String description,
    ModelProfile profile,
    ModelCharges charges) {
  /**
   * A model with an unnamed profile and the default charges of its kind (Deribit 2024, CME, FINRA).
   */
  public MarginModel(
      ScenarioSetDefinition scenarios, MarginParameters parameters, String description) {
    this(scenarios, parameters, description, ModelProfile.UNNAMED, defaultCharges(scenarios));
  }

  public MarginModel {
    Objects.requireNonNull(scenarios, "scenarios");
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(charges, "charges");
    profile = profile == null ? ModelProfile.UNNAMED : profile;
    description = description == null ? "" : description;
    if (defaultCharges(scenarios).getClass() != charges.getClass()) {
      throw ValidationException.of(
          "margin",
          "a "
              + scenarios.getClass().getSimpleName()
              + " model cannot take "
              + charges.getClass().getSimpleName());
    }
  }

  /** The charges a scenario set's kind has by default. */
  public static ModelCharges defaultCharges(ScenarioSetDefinition scenarios) {
    if (scenarios instanceof CryptoPmDefinition) {
      return CryptoPmCharges.DERIBIT_2024;
    }
    if (scenarios instanceof TimsDefinition) {
      return TimsCharges.DEFAULT;
    }
    return SpanCharges.DEFAULT;
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
