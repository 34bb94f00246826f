package io.cryptomargin.validation;

import java.util.ArrayList;
import java.util.List;

/** Collects problems while an input is checked, then throws them all at once. */
public final class Problems {
  private final List<Problem> found = new ArrayList<>();

  /** Records a problem. */
  public Problems add(String field, String message) {
    found.add(new Problem(field, message));
    return this;
  }

  /** Records every problem of an exception thrown while checking a nested part. */
  public Problems addAll(String prefix, ValidationException nested) {
    for (Problem p : nested.problems()) {
      // A nested problem that already names the prefix (an instrument's own name) is not prefixed
      // again: "BTC-29FEB24: expired", never "BTC-29FEB24.BTC-29FEB24: expired".
      boolean named = p.field().equals(prefix) || p.field().startsWith(prefix + ".");
      String field =
          prefix.isEmpty() || named
              ? p.field()
              : p.field().isEmpty() ? prefix : prefix + "." + p.field();
      found.add(new Problem(field, p.message()));
    }
    return this;
  }

  /** Checks that a value is a finite number strictly above zero. */
  public Problems requirePositive(String field, double value) {
    if (!Double.isFinite(value) || value <= 0) {
      add(field, "must be a finite number > 0, was " + value);
    }
    return this;
  }

  /** Checks that a value is a finite number at or above zero. */
  public Problems requireNonNegative(String field, double value) {
    if (!Double.isFinite(value) || value < 0) {
      add(field, "must be a finite number >= 0, was " + value);
    }
    return this;
  }

  /** Checks that a value is a finite number. */
  public Problems requireFinite(String field, double value) {
    if (!Double.isFinite(value)) {
      add(field, "must be a finite number, was " + value);
    }
    return this;
  }

  /** Whether a problem was already recorded for a field (lets a later check skip a repeat). */
  public boolean hasProblemAt(String field) {
    return found.stream().anyMatch(p -> p.field().equals(field));
  }

  /** How many problems were found so far (lets a reader skip a record whose fields were bad). */
  public int count() {
    return found.size();
  }

  /** Whether nothing was found. */
  public boolean isEmpty() {
    return found.isEmpty();
  }

  /** Throws a {@link ValidationException} with every problem found, if any. */
  public void throwIfAny() {
    if (!found.isEmpty()) {
      throw new ValidationException(found);
    }
  }
}
