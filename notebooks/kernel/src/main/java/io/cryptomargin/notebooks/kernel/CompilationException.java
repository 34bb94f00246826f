package io.cryptomargin.notebooks.kernel;

import java.util.List;

/**
 * A snippet of a cell did not compile; reported to Jupyter as an error so that a headless run
 * fails.
 */
public final class CompilationException extends Exception {

  private static final long serialVersionUID = 1L;

  /** One compiler diagnostic, with its position inside {@link #source()}. */
  public record Problem(String message, int start, int end) {}

  private final String source;
  private final transient List<Problem> problems;
  private final transient List<String> unresolvedDependencies;

  /**
   * Creates the exception for one rejected snippet.
   *
   * @param source the snippet's source as JShell saw it
   * @param problems the compiler's diagnostics for the snippet
   * @param unresolvedDependencies names the snippet refers to that are not defined yet
   */
  public CompilationException(
      String source, List<Problem> problems, List<String> unresolvedDependencies) {
    // No stack trace: Jupyter's execute reply sends it as the traceback, and the kernel's own
    // frames would hide the compiler's message in nbconvert's failure report.
    super(summary(problems, unresolvedDependencies), null, false, false);
    this.source = source;
    this.problems = List.copyOf(problems);
    this.unresolvedDependencies = List.copyOf(unresolvedDependencies);
  }

  private static String summary(List<Problem> problems, List<String> unresolvedDependencies) {
    StringBuilder summary = new StringBuilder();
    for (Problem problem : problems) {
      for (String line : problem.message().split("\\R")) {
        // The location is shown by highlighting the source; repeating it only adds noise.
        if (!line.strip().startsWith("location:")) {
          summary.append(summary.length() == 0 ? "" : "\n").append(line);
        }
      }
    }
    if (!unresolvedDependencies.isEmpty()) {
      summary
          .append(summary.length() == 0 ? "" : "\n")
          .append("unresolved: ")
          .append(String.join(", ", unresolvedDependencies));
    }
    return summary.length() == 0 ? "snippet was rejected by the compiler" : summary.toString();
  }

  /**
   * @return the source of the rejected snippet
   */
  public String source() {
    return source;
  }

  /**
   * @return the compiler diagnostics
   */
  public List<Problem> problems() {
    return problems;
  }

  /**
   * @return the undefined names the snippet depends on
   */
  public List<String> unresolvedDependencies() {
    return unresolvedDependencies;
  }
}
