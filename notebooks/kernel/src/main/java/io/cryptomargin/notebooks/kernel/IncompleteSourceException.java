package io.cryptomargin.notebooks.kernel;

/**
 * The cell ends in the middle of a statement or declaration (for example a missing closing brace).
 */
public final class IncompleteSourceException extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param incompleteSource the trailing source that could not be completed
   */
  public IncompleteSourceException(String incompleteSource) {
    // No stack trace: it would describe the kernel, not the cell (see CompilationException).
    super("incomplete input: " + incompleteSource, null, false, false);
  }
}
