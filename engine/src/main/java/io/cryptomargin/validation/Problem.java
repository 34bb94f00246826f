package io.cryptomargin.validation;

import java.util.Objects;

/**
 * One thing wrong with an input.
 *
 * @param field where the problem is, as a path a user can find (e.g. {@code underlyings.BTC.index})
 * @param message what is wrong, in words
 */
public record Problem(String field, String message) {
  public Problem {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return field.isEmpty() ? message : field + ": " + message;
  }
}
