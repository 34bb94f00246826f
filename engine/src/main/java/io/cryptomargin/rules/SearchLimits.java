package io.cryptomargin.rules;

import io.cryptomargin.validation.Problems;

/**
 * Bounds on the strategy search of one underlying: when one is reached the search keeps the best
 * pairing it has found (never above the legs charged alone) and the result says it stopped early.
 *
 * @param nodeBudget pairings the search may visit, &gt;= 1
 * @param maxCandidates candidate strategies it may consider (the nearest strikes first), &gt;= 1
 * @param timeBudgetMillis wall-clock milliseconds it may run, &gt;= 1 (a safety net: the node
 *     budget normally binds first, and then the result does not depend on the machine)
 */
public record SearchLimits(long nodeBudget, int maxCandidates, long timeBudgetMillis) {
  /** The shipped limits: 200,000 nodes, 5,000 candidates, 2 seconds. */
  public static final SearchLimits DEFAULT = new SearchLimits(200_000, 5_000, 2_000);

  public SearchLimits {
    Problems problems = new Problems();
    if (nodeBudget < 1) {
      problems.add("nodeBudget", "must be at least 1, was " + nodeBudget);
    }
    if (maxCandidates < 1) {
      problems.add("maxCandidates", "must be at least 1, was " + maxCandidates);
    }
    if (timeBudgetMillis < 1) {
      problems.add("timeBudgetMillis", "must be at least 1, was " + timeBudgetMillis);
    }
    problems.throwIfAny();
  }
}
