package io.cryptomargin.notebooks.kernel;

/**
 * A line magic ({@code %jars}, {@code %classpath}, {@code %maven}) was misused or could not do its
 * work.
 */
public class MagicException extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, phrased for the notebook author
   */
  public MagicException(String message) {
    // No stack trace: it would describe the kernel, not the cell (see CompilationException).
    super(message, null, false, false);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, phrased for the notebook author
   * @param cause the underlying failure
   */
  public MagicException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
