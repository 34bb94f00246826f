package io.cryptomargin.notebooks.kernel;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.util.StringStyler;
import io.github.spencerpark.jupyter.kernel.util.TextColor;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import jdk.jshell.SourceCodeAnalysis;

/**
 * The Jupyter kernel: cells are JShell snippets interleaved with IJava's line magics.
 *
 * <p>The last expression of a cell becomes its {@code execute_result}, rendered by the base
 * kernel's renderer (images as {@code image/png}). Compile errors, incomplete input and exceptions
 * thrown by the cell are thrown from {@link #eval(String)}, which the base kernel publishes as
 * Jupyter errors, so a headless {@code nbconvert --execute} fails on them.
 */
public class JavaKernel extends BaseKernel {

  private static final String SESSION_INIT_RESOURCE = "session-init.jshell";
  private static final Pattern DISPLAY_CALL = Pattern.compile("^\\s*display\\s*\\(");

  private static volatile JavaKernel current;

  private final SnippetEvaluator evaluator;
  private final LineMagics magics;
  private final LanguageInfo languageInfo;
  private final StringStyler sourceStyler;
  private boolean sessionInitialized;

  /** Creates a kernel whose {@code %maven} runs the Maven named by the environment. */
  public JavaKernel() {
    this(MavenResolver.fromEnvironment());
  }

  /**
   * Creates a kernel.
   *
   * @param mavenResolver what {@code %maven} uses
   */
  public JavaKernel(MavenResolver mavenResolver) {
    this.evaluator = new SnippetEvaluator();
    this.magics = new LineMagics(evaluator::addToClasspath, mavenResolver);
    this.languageInfo =
        new LanguageInfo.Builder("Java")
            .version(Runtime.version().toString())
            .mimetype("text/x-java-source")
            .fileExtension(".java")
            .pygments("java")
            .codemirror("java")
            .build();
    this.sourceStyler =
        new StringStyler.Builder()
            .addPrimaryStyle(TextColor.BOLD_BLACK_FG)
            .addSecondaryStyle(TextColor.BOLD_RED_FG)
            .addHighlightStyle(TextColor.BOLD_BLACK_FG)
            .addHighlightStyle(TextColor.RED_BG)
            .withLinePrefix(TextColor.BOLD_BLACK_FG + "|   ")
            .build();
    current = this;
  }

  /**
   * The kernel the notebook's {@link Display} calls go to.
   *
   * @return the running kernel
   * @throws IllegalStateException when no kernel runs in this JVM
   */
  static JavaKernel current() {
    JavaKernel kernel = current;
    if (kernel == null) {
      throw new IllegalStateException("No notebook kernel is running in this JVM");
    }
    return kernel;
  }

  @Override
  public LanguageInfo getLanguageInfo() {
    return languageInfo;
  }

  @Override
  public String getBanner() {
    return "Java " + Runtime.version() + " :: cryptomargin IJava-compatible kernel";
  }

  @Override
  public List<LanguageInfo.Help> getHelpLinks() {
    return List.of(
        new LanguageInfo.Help(
            "Java tutorial",
            "https://docs.oracle.com/javase/tutorial/java/nutsandbolts/index.html"));
  }

  /**
   * Adds a jar or class directory to the session.
   *
   * @param path absolute path
   */
  public void addToClasspath(String path) {
    evaluator.addToClasspath(path);
  }

  @Override
  public DisplayData eval(String cell) throws Exception {
    initializeSession();
    SnippetEvaluator.SnippetValue last = null;
    StringBuilder pendingCode = new StringBuilder();
    for (String line : cell.split("\\R", -1)) {
      if (line.strip().startsWith("%") && evaluator.isComplete(pendingCode.toString())) {
        if (!pendingCode.toString().isBlank()) {
          evaluator.evaluate(pendingCode.toString());
        }
        pendingCode.setLength(0);
        magics.run(line);
        last = null;
      } else {
        pendingCode.append(line).append('\n');
      }
    }
    if (!pendingCode.toString().isBlank()) {
      last = evaluator.evaluate(pendingCode.toString());
    }
    return toDisplayData(last);
  }

  private DisplayData toDisplayData(SnippetEvaluator.SnippetValue last) {
    if (last == null || last.value() == null) {
      return null;
    }
    // display(...) already showed its object; echoing its generated id would only add noise.
    if (last.value() instanceof String && DISPLAY_CALL.matcher(last.source()).find()) {
      return null;
    }
    if (last.value() instanceof DisplayData data) {
      return data;
    }
    return getRenderer().render(last.value());
  }

  private void initializeSession() throws Exception {
    if (sessionInitialized) {
      return;
    }
    sessionInitialized = true;
    // The compiler needs the kernel's own classes for the Display static import; when started
    // with java -jar they are on java.class.path already, in tests they may not be.
    evaluator.addToClasspath(ownCodeLocation());
    evaluator.evaluate(readSessionInit());
  }

  private static String ownCodeLocation() throws URISyntaxException {
    return Path.of(JavaKernel.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toString();
  }

  private static String readSessionInit() throws IOException {
    try (InputStream in = JavaKernel.class.getResourceAsStream(SESSION_INIT_RESOURCE)) {
      if (in == null) {
        throw new IOException("missing resource " + SESSION_INIT_RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * Replaces an earlier display; a hook so that tests can observe it.
   *
   * @param id the display id
   * @param data the new content
   */
  public void updateDisplay(String id, DisplayData data) {
    getIO().display.updateDisplay(id, data);
  }

  @Override
  public List<String> formatError(Exception e) {
    if (e instanceof CompilationException compilation) {
      return formatCompilationError(compilation);
    }
    if (e instanceof IncompleteSourceException || e instanceof MagicException) {
      return List.of(errorStyler.secondary(e.getMessage()));
    }
    if (e instanceof UserCodeError && e.getCause() != null) {
      StringWriter trace = new StringWriter();
      e.getCause().printStackTrace(new PrintWriter(trace));
      return errorStyler.secondaryLines(trace.toString());
    }
    return super.formatError(e);
  }

  private List<String> formatCompilationError(CompilationException e) {
    List<String> lines = new ArrayList<>();
    for (CompilationException.Problem problem : e.problems()) {
      lines.addAll(
          sourceStyler.highlightSubstringLines(e.source(), problem.start(), problem.end()));
      for (String line : problem.message().split("\\R")) {
        if (!line.strip().startsWith("location:")) {
          lines.add(sourceStyler.secondary(line));
        }
      }
      lines.add("");
    }
    if (!e.unresolvedDependencies().isEmpty()) {
      lines.addAll(sourceStyler.primaryLines(e.source()));
      lines.add(sourceStyler.secondary("Unresolved dependencies:"));
      e.unresolvedDependencies().forEach(d -> lines.add(sourceStyler.secondary("   - " + d)));
    }
    return lines;
  }

  @Override
  public ReplacementOptions complete(String code, int at) {
    int[] anchor = new int[1];
    List<SourceCodeAnalysis.Suggestion> suggestions =
        evaluator.analysis().completionSuggestions(code, at, anchor);
    if (suggestions == null || suggestions.isEmpty()) {
      return null;
    }
    List<String> options =
        suggestions.stream()
            .sorted((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()))
            .map(SourceCodeAnalysis.Suggestion::continuation)
            .distinct()
            .toList();
    return new ReplacementOptions(options, anchor[0], at);
  }

  @Override
  public void interrupt() {
    evaluator.stop();
  }

  @Override
  public void onShutdown(boolean isRestarting) {
    evaluator.close();
    if (current == this) {
      current = null;
    }
  }
}
