package io.cryptomargin.validation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Bad input, with every problem found in it. Thrown instead of failing on the first problem so a
 * user can fix a file in one pass.
 */
public final class ValidationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final transient List<Problem> problems;

  /**
   * @param problems at least one problem
   */
  public ValidationException(List<Problem> problems) {
    super(describe(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ValidationException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** A single problem. */
  public static ValidationException of(String field, String message) {
    return new ValidationException(List.of(new Problem(field, message)));
  }

  /** Every problem found, in the order found. */
  public List<Problem> problems() {
    return problems;
  }

  private static String describe(List<Problem> problems) {
    if (problems.size() == 1) {
      return problems.get(0).toString();
    }
    return problems.size()
        + " problems:\n"
        + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
  }
}
