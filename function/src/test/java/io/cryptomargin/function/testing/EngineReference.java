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
 * Compares what the function stored with what the engine computes itself. A bean, so engine classes
 * are loaded by Quarkus's class loader only: test classes that name engine types directly get them
 * from the JVM's application loader too, and the handler thread then fails with a LinkageError.
 */
@ApplicationScoped
public class EngineReference implements EngineChecks {
  @Inject DynamoDbRiskArrayStore arrays;

  @Inject SnapshotPointerStore pointers;

  /**
   * Every difference between the stored current arrays and the engine's, as text; empty when equal.
   */
  public List<String> differences(Path snapshotFile, String scenarioSetId) {
    MarketSnapshot snapshot = SnapshotJson.read(snapshotFile);
    RiskArraySet expected =
        RiskArrayCalculator.computeAll(snapshot, ModelFiles.scenarioSet(scenarioSetId));
    List<String> differences = new ArrayList<>();
    for (RiskArray array : expected.arrays().values()) {
      Map<String, RiskArray> stored =
          arrays.getAll(
              pointers.currentKey(scenarioSetId, array.underlying()), List.of(array.instrument()));
      if (!array.equals(stored.get(array.instrument()))) {
        differences.add(
            scenarioSetId
                + " "
                + array.instrument()
                + ": expected "
                + array
                + " but stored "
                + stored.get(array.instrument()));
      }
    }
    if (expected.arrays().isEmpty()) {
      differences.add("the engine computed no arrays for " + snapshotFile);
    }
    return differences;
  }

  /**
   * The engine's own margin of a portfolio in a snapshot file, computed from scratch, as JSON: a
   * scenario set's {@code AccountMargin}, the {@code deribit-sm} or {@code strategy-based} result,
   * or for {@code historical-var} {@code HistoricalVarReport.plain} (the margin under {@code
   * account}).
   */
  public String margin(
      String portfolioJson, Path snapshotFile, String model, List<Map<String, Object>> whatIf) {
    io.cryptomargin.book.Portfolio portfolio =
        io.cryptomargin.io.PortfolioJson.parse(portfolioJson, "test");
    if (whatIf != null) {
      portfolio =
          portfolio.with(
              whatIf.stream()
                  .map(
                      t ->
                          new io.cryptomargin.book.Position(
                              (String) t.get("instrument"),
                              ((Number) t.get("quantity")).doubleValue()))
                  .toList());
    }
    MarketSnapshot snapshot = SnapshotJson.read(snapshotFile);
    return io.cryptomargin.io.ReportJson.write(
        switch (model) {
          case "deribit-sm", "strategy-based" ->
              io.cryptomargin.rules.RulesBasedMargin.compute(
                  portfolio, snapshot, io.cryptomargin.io.RulesParametersJson.load(model));
          case "historical-var" ->
              io.cryptomargin.report.HistoricalVarReport.plain(
                  historicalVar().margin(portfolio, snapshot));
          default ->
              io.cryptomargin.margin.PortfolioMargin.compute(
                  portfolio, snapshot, io.cryptomargin.io.MarginModelFiles.load(model));
        });
  }

  /**
   * The engine's own comparison (both rules models beside the model) of a portfolio in a snapshot
   * file.
   */
  public String comparison(String portfolioJson, Path snapshotFile, String model) {
    io.cryptomargin.book.Portfolio portfolio =
        io.cryptomargin.io.PortfolioJson.parse(portfolioJson, "test");
    MarketSnapshot snapshot = SnapshotJson.read(snapshotFile);
    List<io.cryptomargin.rules.RulesParameters> rules =
        io.cryptomargin.io.RulesParametersJson.BUILT_IN.stream()
            .map(io.cryptomargin.io.RulesParametersJson::load)
            .toList();
    if (model.equals("historical-var")) {
      return io.cryptomargin.io.ReportJson.write(
          io.cryptomargin.comparison.MarginComparison.of(
              rules.stream()
                  .map(r -> io.cryptomargin.rules.RulesBasedMargin.compute(portfolio, snapshot, r))
                  .toList(),
              historicalVar().margin(portfolio, snapshot).account()));
    }
    return io.cryptomargin.io.ReportJson.write(
        io.cryptomargin.comparison.MarginComparison.compute(
            portfolio, snapshot, io.cryptomargin.io.MarginModelFiles.load(model), rules));
  }

  private io.cryptomargin.historical.HistoricalVarModel historicalVar;

  /** The built-in historical-var model, loaded here independently of the function's own. */
  private synchronized io.cryptomargin.historical.HistoricalVarModel historicalVar() {
    if (historicalVar == null) {
      historicalVar = io.cryptomargin.io.HistoricalVarModelFiles.load("historical-var", null);
    }
    return historicalVar;
  }

  /**
   * Whether the current stored array of an instrument exists and equals the engine's, computed from
   * the snapshot file.
   */
  public boolean storedArrayEqualsEngine(
      Path snapshotFile, String scenarioSetId, String instrument) {
    MarketSnapshot snapshot = SnapshotJson.read(snapshotFile);
    RiskArray expected =
        RiskArrayCalculator.compute(
                snapshot,
                List.of(io.cryptomargin.instrument.DeribitNames.parse(instrument)),
                ModelFiles.scenarioSet(scenarioSetId))
            .get(instrument);
    RiskArray stored =
        arrays
            .getAll(pointers.currentKey(scenarioSetId, expected.underlying()), List.of(instrument))
            .get(instrument);
    return expected.equals(stored);
  }

  /** Whether any array of the instrument is stored under the current snapshot. */
  public boolean arrayStored(String scenarioSetId, String underlying, String instrument) {
    return !arrays
        .getAll(pointers.currentKey(scenarioSetId, underlying), List.of(instrument))
        .isEmpty();
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
