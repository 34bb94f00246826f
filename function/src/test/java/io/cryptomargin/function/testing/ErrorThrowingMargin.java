package io.cryptomargin.function.testing;

import io.cryptomargin.book.AccountMargin;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.function.config.FunctionConfig;
import io.cryptomargin.function.config.ScenarioSetCatalog;
import io.cryptomargin.function.margin.CachedMargin;
import io.cryptomargin.function.store.DynamoDbRiskArrayStore;
import io.cryptomargin.function.store.SnapshotPointer;
import io.cryptomargin.function.store.SnapshotPointerStore;
import io.cryptomargin.function.store.SnapshotStore;
import io.cryptomargin.riskarray.RiskArray;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The real cache-backed margin, except that a book holding a position of exactly {@value
 * #STACK_OVERFLOW} contracts throws a {@link StackOverflowError} and one of {@value #OUT_OF_MEMORY}
 * an {@link OutOfMemoryError}, as a pathological book did in the engine's strategy search: for
 * proving that no request's {@link Error} ends the instance. Selected only by {@link
 * HandlerProfiles.ApiWithErrors}.
 */
@Alternative
@Singleton
public class ErrorThrowingMargin extends CachedMargin {
  public static final double STACK_OVERFLOW = 777;
  public static final double OUT_OF_MEMORY = 888;

  @Inject
  public ErrorThrowingMargin(
      SnapshotPointerStore pointers,
      DynamoDbRiskArrayStore arrays,
      SnapshotStore snapshots,
      ScenarioSetCatalog catalog,
      FunctionConfig config) {
    super(pointers, arrays, snapshots, catalog, config);
  }

  @Override
  public AccountMargin margin(
      Portfolio portfolio,
      String modelId,
      SnapshotPointer pointer,
      Map<String, RiskArray> fetched) {
    if (portfolio.positions().stream().anyMatch(p -> p.quantity() == STACK_OVERFLOW)) {
      throw new StackOverflowError("a book the test made pathological");
    }
    if (portfolio.positions().stream().anyMatch(p -> p.quantity() == OUT_OF_MEMORY)) {
      throw new OutOfMemoryError("a book the test made pathological");
    }
    return super.margin(portfolio, modelId, pointer, fetched);
  }
}
