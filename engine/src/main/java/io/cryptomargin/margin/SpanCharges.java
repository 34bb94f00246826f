package io.cryptomargin.margin;

import io.cryptomargin.book.MarginParameters;
import io.cryptomargin.validation.Problems;

/**
 * The SPAN-specific part of {@code span-16} beyond {@link MarginParameters} (METHODOLOGY 3). Its
 * short option minimum is {@link MarginParameters#shortOptionMinimumRate()} in CME's form: rate ×
 * PSR × underlying price × coins per short option.
 *
 * @param hedgerInitialToMaintenance initial = maintenance × this for a hedger or member account
 *     (CME: 1.0); a speculator's factor is {@link MarginParameters#initialToMaintenance()} (CME:
 *     1.1)
 */
public record SpanCharges(double hedgerInitialToMaintenance) implements ModelCharges {
  /** CME's hedger factor. */
  public static final SpanCharges DEFAULT = new SpanCharges(1.0);

  public SpanCharges {
    Problems problems = new Problems();
    if (!(hedgerInitialToMaintenance >= 1) || !Double.isFinite(hedgerInitialToMaintenance)) {
      problems.add(
          "hedgerInitialToMaintenance",
          "must be a finite factor >= 1, was " + hedgerInitialToMaintenance);
    }
    problems.throwIfAny();
  }
}
