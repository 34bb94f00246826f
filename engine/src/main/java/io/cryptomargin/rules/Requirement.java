package io.cryptomargin.rules;

import io.cryptomargin.validation.Problems;

/**
 * An initial and a maintenance margin, in one currency (the contract's settlement currency).
 *
 * @param initial initial margin, &gt;= 0
 * @param maintenance maintenance margin, &gt;= 0
 */
public record Requirement(double initial, double maintenance) {
  /** No margin. */
  public static final Requirement ZERO = new Requirement(0, 0);

  public Requirement {
    Problems problems = new Problems();
    problems.requireNonNegative("initial", initial);
    problems.requireNonNegative("maintenance", maintenance);
    problems.throwIfAny();
  }

  /** This requirement times a non-negative quantity. */
  public Requirement times(double quantity) {
    return new Requirement(initial * quantity, maintenance * quantity);
  }

  /** The sum of two requirements in the same currency. */
  public Requirement plus(Requirement other) {
    return new Requirement(initial + other.initial, maintenance + other.maintenance);
  }
}
