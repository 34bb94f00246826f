package io.cryptomargin.notebooks.kernel;

/**
 * Carries a {@link Error} thrown by a cell (an {@code AssertionError}, a {@code
 * NoClassDefFoundError} after a missing {@code %jars}, ...): the Jupyter base kernel reports only
 * {@link Exception}s. Other exceptions thrown by a cell are reported as themselves.
 */
public final class UserCodeError extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * Wraps the error.
   *
   * @param error what the cell threw
   */
  public UserCodeError(Throwable error) {
    super(error.toString(), error, false, true);
    // The error's own (already trimmed) frames are what Jupyter should show as the traceback.
    setStackTrace(error.getStackTrace());
  }
}
