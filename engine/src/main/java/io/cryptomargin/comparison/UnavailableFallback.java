package io.cryptomargin.comparison;

import io.cryptomargin.validation.Problem;
import io.cryptomargin.validation.ValidationException;
import java.util.List;
import java.util.Objects;

/**
 * The rules-based margin an account below the portfolio-margin minimum falls back to, when it
 * cannot be computed for this book (e.g. a short spot position, which has no standard margin): the
 * portfolio margin is still reported, with this in place of the applicable margin.
 *
 * @param model the model that would apply (always {@link AppliedModel#RULES_BASED})
 * @param computed always false: there is no figure
 * @param note why the fallback applies and why it could not be computed, in words
 * @param problems every reason the rules-based model rejected the book, with the field
 */
public record UnavailableFallback(
    AppliedModel model, boolean computed, String note, List<Problem> problems) {
  public UnavailableFallback {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(note, "note");
    problems = List.copyOf(problems);
  }

  /** The fallback of an account that does not qualify, from the rules-based model's rejection. */
  public static UnavailableFallback of(String whyFallback, ValidationException rejection) {
    return new UnavailableFallback(
        AppliedModel.RULES_BASED,
        false,
        whyFallback
            + "; the rules-based margin could not "
            + "be computed for this book, so no applicable margin is given (the portfolio margin above does not apply "
            + "to an account below the minimum)",
        rejection.problems());
  }
}
