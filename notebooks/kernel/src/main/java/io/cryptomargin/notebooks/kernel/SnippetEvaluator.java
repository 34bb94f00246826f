package io.cryptomargin.notebooks.kernel;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

/** Evaluates cell source in one JShell session, snippet by snippet, like IJava's code evaluator. */
final class SnippetEvaluator implements AutoCloseable {

  /**
   * The value of the last snippet of a cell.
   *
   * @param value the value (may be null)
   * @param source the snippet that produced it
   */
  record SnippetValue(Object value, String source) {}

  private final InProcessExecutionControl control;
  private final JShell shell;
  private final SourceCodeAnalysis analysis;

  SnippetEvaluator() {
    this.control = new InProcessExecutionControl();
    this.shell =
        JShell.builder()
            .executionEngine(new InProcessExecutionControl.Provider(control), Map.of())
            .build();
    this.analysis = shell.sourceCodeAnalysis();
  }

  /**
   * Makes a jar or class directory visible to both the compiler and the running snippets.
   *
   * @param path absolute path of a jar or directory
   */
  void addToClasspath(String path) {
    shell.addToClasspath(path);
  }

  /**
   * @return the JShell analysis, for completion in the notebook UI
   */
  SourceCodeAnalysis analysis() {
    return analysis;
  }

  /**
   * Evaluates every snippet of {@code code} in order.
   *
   * @param code one or more Java statements, expressions or declarations
   * @return the value of the last snippet when it is an expression, otherwise null
   * @throws CompilationException when a snippet does not compile (earlier snippets stay evaluated)
   * @throws IncompleteSourceException when the code ends inside a statement
   * @throws Exception the exception the user's code threw, or {@link UserCodeError}
   */
  SnippetValue evaluate(String code) throws Exception {
    SnippetValue last = null;
    SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(code);
    while (info.completeness().isComplete()) {
      last = evaluateSnippet(info.source());
      info = analysis.analyzeCompletion(info.remaining());
    }
    switch (info.completeness()) {
      case EMPTY:
        return last;
      case UNKNOWN:
        // Unparseable: let the compiler reject it so the author sees a real diagnostic.
        evaluateSnippet(info.remaining());
        throw new IncompleteSourceException(info.remaining().strip());
      default:
        throw new IncompleteSourceException(info.remaining().strip());
    }
  }

  /**
   * Tells whether {@code code} consists of terminated snippets only, so that a following line
   * starting with {@code %} is a magic and not the continuation of a modulo expression.
   *
   * @param code source collected so far
   * @return true when nothing is left open
   */
  boolean isComplete(String code) {
    SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(code);
    // COMPLETE_WITH_SEMI does not count: "int r = 17" may go on with "% 5;" on the next line.
    while (info.completeness() == SourceCodeAnalysis.Completeness.COMPLETE) {
      info = analysis.analyzeCompletion(info.remaining());
    }
    return info.completeness() == SourceCodeAnalysis.Completeness.EMPTY;
  }

  private SnippetValue evaluateSnippet(String source) throws Exception {
    List<SnippetEvent> events = shell.eval(source);
    SnippetValue value = null;
    // Take every stored result first so that a failure below cannot leak them.
    for (SnippetEvent event : events) {
      String key = event.value();
      if (!control.hasResult(key)) {
        continue;
      }
      Object result = control.takeResult(key);
      if (event.causeSnippet() == null && hasValue(event.snippet().subKind())) {
        value = new SnippetValue(result, event.snippet().source());
      }
    }
    for (SnippetEvent event : events) {
      if (event.causeSnippet() != null) {
        continue; // a dependent snippet that was merely recompiled
      }
      JShellException failure = event.exception();
      if (failure != null) {
        throw translate(event, failure);
      }
      if (!event.status().isDefined()) {
        throw compilationFailure(event.snippet());
      }
    }
    return value;
  }

  private static boolean hasValue(Snippet.SubKind subKind) {
    return subKind == Snippet.SubKind.VAR_VALUE_SUBKIND
        || subKind == Snippet.SubKind.OTHER_EXPRESSION_SUBKIND
        || subKind == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
  }

  private Exception translate(SnippetEvent event, JShellException failure) {
    if (failure instanceof UnresolvedReferenceException unresolved) {
      return compilationFailure(unresolved.getSnippet());
    }
    Throwable thrown = control.takeLastUserThrowable();
    if (failure instanceof EvalException evalFailure
        && thrown != null
        && thrown.getClass().getName().equals(evalFailure.getExceptionClassName())) {
      trimKernelFrames(thrown);
      return thrown instanceof Exception exception ? exception : new UserCodeError(thrown);
    }
    return failure;
  }

  private CompilationException compilationFailure(Snippet snippet) {
    List<CompilationException.Problem> problems =
        shell
            .diagnostics(snippet)
            .map(
                d ->
                    new CompilationException.Problem(
                        d.getMessage(Locale.ROOT),
                        (int) d.getStartPosition(),
                        (int) d.getEndPosition()))
            .toList();
    List<String> unresolved =
        snippet instanceof DeclarationSnippet declaration
            ? shell.unresolvedDependencies(declaration).toList()
            : List.of();
    return new CompilationException(snippet.source(), problems, unresolved);
  }

  /**
   * Cuts the frames below the user's snippet (reflection, executor, JShell) from the trace; they
   * say nothing about the notebook and push the real cause off screen.
   */
  private static void trimKernelFrames(Throwable thrown) {
    StackTraceElement[] frames = thrown.getStackTrace();
    int lastSnippetFrame = -1;
    for (int i = 0; i < frames.length; i++) {
      if (frames[i].getClassName().startsWith("REPL.")) {
        lastSnippetFrame = i;
      }
    }
    if (lastSnippetFrame >= 0) {
      thrown.setStackTrace(Arrays.copyOf(frames, lastSnippetFrame + 1));
    }
  }

  /** Cancels the running cell, if any (Jupyter's interrupt). */
  void stop() {
    shell.stop();
  }

  @Override
  public void close() {
    shell.close();
  }
}
