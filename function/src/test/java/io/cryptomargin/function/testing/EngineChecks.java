package io.cryptomargin.function.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What tests ask the engine, in plain types only. Test classes inject this interface, never {@link
 * EngineReference} itself: a test class loaded by JUnit's application class loader that names a
 * class touching engine types can drag engine classes into that loader, and the handler then fails
 * with a LinkageError (two copies of an engine class).
 */
public interface EngineChecks {
  List<String> differences(Path snapshotFile, String scenarioSetId);

  /**
   * The engine's margin of a book (plus trades) under any model the API serves, as JSON: the {@code
   * AccountMargin} of a scenario set, the rules-based result, or for {@code historical-var} the
   * engine's historical-var report ({@code account} = the margin, then the ES fields and {@code
   * worstScenarios}).
   */
  String margin(
      String portfolioJson, Path snapshotFile, String model, List<Map<String, Object>> whatIf);

  /**
   * The engine's comparison of the rules-based margin with a portfolio model (a scenario set or
   * historical-var).
   */
  String comparison(String portfolioJson, Path snapshotFile, String model);

  boolean storedArrayEqualsEngine(Path snapshotFile, String scenarioSetId, String instrument);

  boolean arrayStored(String scenarioSetId, String underlying, String instrument);

  int instrumentCount(Path snapshotFile);

  String parameterVersion(String scenarioSetId);
}
