package io.cryptomargin.scenario;

import io.cryptomargin.validation.Problems;

/**
 * One market scenario.
 *
 * @param number 1-based position in its set
 * @param label a short description, e.g. {@code +1/3 PSR, vol up}
 * @param priceMove relative move of the underlying, fraction (−0.15 = −15%)
 * @param volDirection which way vol moves (the size comes from the set's vol shock)
 * @param weight fraction of the loss that counts, in (0, 1]
 * @param role regular scan point or extreme move
 * @param edgeMove for an extended cell whose coin-settled P&amp;L is converted to coin at the
 *     grid's edge price S·(1 + edgeMove) (crypto-pm: ±range, METHODOLOGY 2b), that edge move; NaN
 *     for every other scenario, whose coin-settled loss is the change of the contract's coin value
 */
public record Scenario(
    int number,
    String label,
    double priceMove,
    VolDirection volDirection,
    double weight,
    ScenarioRole role,
    double edgeMove) {
  /** A scenario whose coin-settled loss is the change of coin value (no edge conversion). */
  public Scenario(
      int number,
      String label,
      double priceMove,
      VolDirection volDirection,
      double weight,
      ScenarioRole role) {
    this(number, label, priceMove, volDirection, weight, role, Double.NaN);
  }

  public Scenario {
    Problems problems = new Problems();
    if (number < 1) {
      problems.add("number", "scenarios are numbered from 1");
    }
    if (!(priceMove > -1) || !Double.isFinite(priceMove)) {
      problems.add("priceMove", "must be a finite fraction above -1, was " + priceMove);
    }
    if (!(weight > 0 && weight <= 1)) {
      problems.add("weight", "must be in (0, 1], was " + weight);
    }
    if (!Double.isNaN(edgeMove) && !(edgeMove > -1 && Double.isFinite(edgeMove))) {
      problems.add("edgeMove", "must be a finite fraction above -1 or NaN (none), was " + edgeMove);
    }
    if (volDirection == null || role == null) {
      problems.add("", "vol direction and role are required");
    }
    problems.throwIfAny();
  }

  /** Whether a coin-settled loss in this scenario is converted to coin at the grid's edge price. */
  public boolean convertsAtEdge() {
    return !Double.isNaN(edgeMove);
  }
}
