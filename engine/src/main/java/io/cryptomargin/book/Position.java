package io.cryptomargin.book;

import io.cryptomargin.validation.Problems;

/**
 * A holding of one instrument.
 *
 * @param instrument instrument name
 * @param quantity contracts held, negative when short
 */
public record Position(String instrument, double quantity) {
  public Position {
    Problems problems = new Problems();
    if (instrument == null || instrument.isBlank()) {
      problems.add("instrument", "is required");
    }
    problems.requireFinite("quantity", quantity);
    problems.throwIfAny();
  }

  /** The same position scaled by a factor. */
  public Position scaled(double factor) {
    return new Position(instrument, quantity * factor);
  }
}
