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
 */
public record Scenario(int number, String label, double priceMove, VolDirection volDirection, double weight,
    ScenarioRole role) {
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
    if (volDirection == null || role == null) {
      problems.add("", "vol direction and role are required");
    }
    problems.throwIfAny();
  }
}
