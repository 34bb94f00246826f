package io.cryptomargin.notebooks.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs snippets inside the kernel's JVM, like IJava's execution control.
 *
 * <p>In-process execution is what lets a snippet hand live objects (a {@code BufferedImage}, a
 * chart) to the kernel's renderer instead of their {@code toString()}. JShell only transports
 * strings, so {@link #invoke(Method)} returns a key under which the real value waits to be taken
 * with {@link #takeResult(String)}; the thrown {@link Throwable} is kept the same way so the kernel
 * can report the user's real exception rather than JShell's string copy of it.
 */
final class InProcessExecutionControl extends DirectExecutionControl {

  private static final Object NULL_RESULT = new Object();

  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "notebook-cell");
            thread.setDaemon(true);
            return thread;
          });
  private final Map<String, Object> results = new ConcurrentHashMap<>();
  private volatile Future<Object> runningCell;
  private volatile Throwable lastUserThrowable;

  @Override
  protected String invoke(Method doitMethod) throws Exception {
    Object value = execute(doitMethod);
    String key = UUID.randomUUID().toString();
    results.put(key, value == null ? NULL_RESULT : value);
    return key;
  }

  private Object execute(Method doitMethod) throws Exception {
    ClassLoader snippetLoader = doitMethod.getDeclaringClass().getClassLoader();
    // A separate thread so that an interrupt request can cancel the cell without killing the
    // kernel.
    runningCell =
        executor.submit(
            () -> {
              // Libraries loaded with %jars/%maven find their resources and services through this
              // loader.
              Thread.currentThread().setContextClassLoader(snippetLoader);
              return doitMethod.invoke(null);
            });
    try {
      return runningCell.get();
    } catch (CancellationException e) {
      throw new StoppedException();
    } catch (InterruptedException e) {
      runningCell.cancel(true);
      Thread.currentThread().interrupt();
      throw new StoppedException();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof InvocationTargetException invocationFailure) {
        lastUserThrowable = invocationFailure.getCause();
        // DirectExecutionControl turns this into JShell's EvalException or unresolved-reference
        // report.
        throw invocationFailure;
      }
      throw new InternalException(String.valueOf(cause));
    }
  }

  /**
   * Removes and returns the value that the snippet behind {@code key} produced.
   *
   * @param key the string JShell reported as the snippet's value
   * @return the value; null when the snippet's value was null or the key is unknown, which {@link
   *     #hasResult(String)} tells apart
   */
  Object takeResult(String key) {
    Object value = results.remove(key);
    return value == NULL_RESULT ? null : value;
  }

  /**
   * Tells whether {@code key} names a value this control produced.
   *
   * @param key the string JShell reported as the snippet's value
   * @return true when {@link #takeResult(String)} would consume something
   */
  boolean hasResult(String key) {
    return key != null && results.containsKey(key);
  }

  /**
   * Returns and forgets the throwable of the last failed snippet.
   *
   * @return the throwable, or null when no snippet failed since the last call
   */
  Throwable takeLastUserThrowable() {
    Throwable throwable = lastUserThrowable;
    lastUserThrowable = null;
    return throwable;
  }

  @Override
  public void stop() {
    Future<Object> cell = runningCell;
    if (cell != null) {
      cell.cancel(true);
    }
  }

  @Override
  public void close() {
    super.close();
    executor.shutdownNow();
  }

  /** Hands JShell an already-built control: the kernel keeps its own reference to take results. */
  static final class Provider implements ExecutionControlProvider {
    private final InProcessExecutionControl control;

    Provider(InProcessExecutionControl control) {
      this.control = control;
    }

    @Override
    public String name() {
      return "cryptomargin-in-process";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
      return control;
    }
  }
}
