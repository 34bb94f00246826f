package io.cryptomargin.historical;

import io.cryptomargin.validation.Problems;
import java.time.LocalDate;

/**
 * Dates whose returns are always scenarios (e.g. 2020-03-09 to 2020-03-16, the COVID crash).
 *
 * @param from first date, inclusive
 * @param to last date, inclusive
 */
public record StressPeriod(LocalDate from, LocalDate to) {
  public StressPeriod {
    Problems problems = new Problems();
    if (from == null || to == null) {
      problems.add(from == null ? "from" : "to", "a stress period needs from and to dates");
    } else if (to.isBefore(from)) {
      problems.add("to", to + " is before from " + from);
    }
    problems.throwIfAny();
  }

  /** Whether a date is in the period. */
  public boolean contains(LocalDate date) {
    return !date.isBefore(from) && !date.isAfter(to);
  }
}
