package io.cryptomargin.function.testing;

import io.cryptomargin.function.store.DynamoDbRiskArrayStore;
import io.cryptomargin.function.store.SnapshotPointerStore;
import io.cryptomargin.io.ModelFiles;
import io.cryptomargin.io.SnapshotJson;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.riskarray.RiskArray;
import io.cryptomargin.riskarray.RiskArrayCalculator;
import io.cryptomargin.riskarray.RiskArraySet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares what the function stored with what the engine computes itself. A bean, so engine
 * classes are loaded by Quarkus's class loader only: test classes that name engine types directly
 * get them from the JVM's application loader too, and the handler thread then fails with a
 * LinkageError.
 */
@ApplicationScoped
public class EngineReference {
  @Inject
  DynamoDbRiskArrayStore arrays;

  @Inject
  SnapshotPointerStore pointers;

  /** Every difference between the stored current arrays and the engine's, as text; empty when equal. */
  public List<String> differences(Path snapshotFile, String scenarioSetId) {
    MarketSnapshot snapshot = SnapshotJson.read(snapshotFile);
    RiskArraySet expected = RiskArrayCalculator.computeAll(snapshot, ModelFiles.scenarioSet(scenarioSetId));
    List<String> differences = new ArrayList<>();
    for (RiskArray array : expected.arrays().values()) {
      Map<String, RiskArray> stored = arrays.getAll(pointers.currentKey(scenarioSetId, array.underlying()),
          List.of(array.instrument()));
      if (!array.equals(stored.get(array.instrument()))) {
        differences.add(scenarioSetId + " " + array.instrument() + ": expected " + array + " but stored "
            + stored.get(array.instrument()));
      }
    }
    if (expected.arrays().isEmpty()) {
      differences.add("the engine computed no arrays for " + snapshotFile);
    }
    return differences;
  }

  /** Number of instruments in a snapshot file. */
  public int instrumentCount(Path snapshotFile) {
    return SnapshotJson.read(snapshotFile).marks().size();
  }

  /** Parameter version of a built-in scenario set. */
  public String parameterVersion(String scenarioSetId) {
    return ModelFiles.scenarioSet(scenarioSetId).version();
  }
}
