package io.cryptomargin.book;

import io.cryptomargin.riskarray.RiskArrayMatrix;
import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * Each holding's loss in one scenario, as an unmodifiable list computed when read: margining a book
 * builds this one object, not a {@link PositionContribution} per holding, which only a report
 * reads.
 *
 * <p>The list reads the rows and quantities it is given; the caller hands over arrays it never
 * changes again.
 */
public final class ContributionsInScenario extends AbstractList<PositionContribution>
    implements RandomAccess {
  private final RiskArrayMatrix matrix;
  private final int[] rows;
  private final double[] quantities;
  private final int from;
  private final int to;
  private final int scenario;

  /**
   * The holdings {@code rows[from..to)} with their quantities, in one scenario.
   *
   * @param matrix the arrays the rows point into
   * @param rows matrix rows, one per holding
   * @param quantities contracts per holding, parallel to {@code rows}
   * @param from first holding (inclusive)
   * @param to last holding (exclusive)
   * @param scenario 0-based scenario index (the binding one)
   */
  public ContributionsInScenario(
      RiskArrayMatrix matrix, int[] rows, double[] quantities, int from, int to, int scenario) {
    this.matrix = Objects.requireNonNull(matrix, "matrix");
    Objects.checkFromToIndex(from, to, Math.min(rows.length, quantities.length));
    Objects.checkIndex(scenario, matrix.scenarioCount());
    this.rows = rows;
    this.quantities = quantities;
    this.from = from;
    this.to = to;
    this.scenario = scenario;
  }

  @Override
  public PositionContribution get(int index) {
    Objects.checkIndex(index, to - from);
    int row = rows[from + index];
    double quantity = quantities[from + index];
    return new PositionContribution(
        matrix.instrument(row), quantity, quantity * matrix.loss(row, scenario));
  }

  @Override
  public int size() {
    return to - from;
  }
}
