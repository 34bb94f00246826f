package io.cryptomargin.function.config;

import io.cryptomargin.io.ModelFiles;
import io.cryptomargin.scenario.ScenarioSetDefinition;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * The scenario-set definitions named by {@code cm.scenario-sets} (built-in model ids such as {@code
 * span-16}, or model file paths), loaded once per function instance through the engine's {@link
 * ModelFiles}, so the function and the CLI array a snapshot identically.
 */
@ApplicationScoped
public class ScenarioSetCatalog {
  private final List<ScenarioSetDefinition> definitions;

  @Inject
  public ScenarioSetCatalog(FunctionConfig config) {
    this(config.scenarioSets());
  }

  /**
   * The definitions of the given ids or paths, in order.
   *
   * @throws ValidationException listing every id that is unknown or whose file is bad
   */
  public ScenarioSetCatalog(List<String> idsOrPaths) {
    Problems problems = new Problems();
    List<ScenarioSetDefinition> found = new ArrayList<>();
    for (String idOrPath : idsOrPaths) {
      try {
        found.add(ModelFiles.scenarioSet(idOrPath.trim()));
      } catch (ValidationException e) {
        problems.addAll("cm.scenario-sets", e);
      }
    }
    if (found.isEmpty()) {
      problems.add("cm.scenario-sets", "at least one scenario set is required");
    }
    problems.throwIfAny();
    this.definitions = List.copyOf(found);
  }

  /** Every configured definition, in configuration order. */
  public List<ScenarioSetDefinition> definitions() {
    return definitions;
  }
}
