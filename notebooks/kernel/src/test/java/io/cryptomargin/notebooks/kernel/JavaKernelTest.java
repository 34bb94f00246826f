package io.cryptomargin.notebooks.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.imageio.ImageIO;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaKernelTest {

  /** A kernel whose displays are collected instead of sent to a Jupyter front end. */
  static final class RecordingKernel extends JavaKernel {
    final List<DisplayData> displayed = new ArrayList<>();

    RecordingKernel() {
      super(new MavenResolver("false", null));
    }

    @Override
    public void display(DisplayData data) {
      displayed.add(data);
    }
  }

  // One kernel for the class: starting JShell costs about a second.
  private static RecordingKernel kernel;

  @BeforeAll
  static void startKernel() {
    kernel = new RecordingKernel();
  }

  @AfterAll
  static void stopKernel() {
    kernel.onShutdown(false);
  }

  @BeforeEach
  void forgetDisplays() {
    kernel.displayed.clear();
  }

  @Test
  void eval_expression_returnsItsValueAsPlainText() throws Exception {
    DisplayData result = kernel.eval("6 * 7");

    assertThat(result.getData(MIMEType.TEXT_PLAIN)).isEqualTo("42");
  }

  @Test
  void eval_statementsThenExpression_returnsLastValue() throws Exception {
    DisplayData result =
        kernel.eval(
            """
                int base = 40;
                int bump() { return 2; }
                base + bump()
                """);

    assertThat(result.getData(MIMEType.TEXT_PLAIN)).isEqualTo("42");
  }

  @Test
  void eval_onlyStatements_returnsNoResult() throws Exception {
    assertThat(
            kernel.eval(
                "var list = new ArrayList<String>();\nlist.add(\"x\");\nSystem.out.print(\"\");"))
        .isNull();
  }

  @Test
  void eval_declarationsInEarlierCell_visibleInLaterCell() throws Exception {
    kernel.eval("record Point(int x, int y) {}\nvar p = new Point(3, 4);");

    DisplayData result = kernel.eval("p.x() * p.y()");

    assertThat(result.getData(MIMEType.TEXT_PLAIN)).isEqualTo("12");
  }

  @Test
  void eval_printingCell_writesToStandardOut() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      kernel.eval("System.out.println(\"hello from the cell\");\nprintf(\"%d%n\", 7);");
    } finally {
      System.setOut(original);
    }

    assertThat(captured.toString(StandardCharsets.UTF_8))
        .contains("hello from the cell")
        .contains("7");
  }

  @Test
  void eval_compileError_throwsCompilationExceptionWithDiagnostic() {
    assertThatThrownBy(() -> kernel.eval("int broken = undefinedName + 1;"))
        .isInstanceOf(CompilationException.class)
        .hasMessageContaining("cannot find symbol")
        .hasMessageContaining("undefinedName");
  }

  @Test
  void formatError_compileError_highlightsTheSourceAndMessage() {
    CompilationException error = catchException("String s = 42;");

    List<String> traceback = kernel.formatError(error);

    assertThat(String.join("\n", traceback)).contains("String s = ").contains("incompatible types");
  }

  @Test
  void eval_runtimeException_throwsTheUsersExceptionWithSnippetFrames() {
    assertThatThrownBy(() -> kernel.eval("int zero = 0;\nint boom = 1 / zero;"))
        .isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("/ by zero")
        .satisfies(
            e ->
                assertThat(e.getStackTrace())
                    .allSatisfy(f -> assertThat(f.getClassName()).startsWith("REPL.")));
  }

  @Test
  void eval_thrownError_reportedAsUserCodeErrorNamingIt() {
    assertThatThrownBy(() -> kernel.eval("throw new AssertionError(\"invariant broken\");"))
        .isInstanceOf(UserCodeError.class)
        .hasMessageContaining("java.lang.AssertionError: invariant broken");
  }

  @Test
  void eval_unclosedBlock_throwsIncompleteSourceException() {
    assertThatThrownBy(() -> kernel.eval("void f() {\n  int x = 1;\n"))
        .isInstanceOf(IncompleteSourceException.class);
  }

  @Test
  void eval_moduloOnContinuationLine_isCodeNotMagic() throws Exception {
    DisplayData result = kernel.eval("int remainder = 17\n  % 5;\nremainder");

    assertThat(result.getData(MIMEType.TEXT_PLAIN)).isEqualTo("2");
  }

  @Test
  void eval_unknownMagic_throwsMagicException() {
    assertThatThrownBy(() -> kernel.eval("%nosuchmagic foo"))
        .isInstanceOf(MagicException.class)
        .hasMessageContaining("unknown line magic %nosuchmagic");
  }

  @Test
  void eval_jarsMagicWithBuiltJar_makesItsClassUsable(@TempDir Path dir) throws Exception {
    Path jar =
        buildJar(
            dir,
            "greeting.Greeter",
            "package greeting; public class Greeter { public static String hello() { return \"hi from jar\"; } }");

    DisplayData result = kernel.eval("%jars " + dir + "/*.jar\ngreeting.Greeter.hello()");

    assertThat(jar).exists();
    assertThat(result.getData(MIMEType.TEXT_PLAIN)).isEqualTo("hi from jar");
  }

  @Test
  void eval_jarsMagicWithRelativeParentGlob_resolvesFromWorkingDirectory(@TempDir Path dir)
      throws Exception {
    buildJar(
        dir,
        "relative.Marker",
        "package relative; public class Marker { public static int id() { return 7; } }");
    Path relativeDir = Path.of("").toAbsolutePath().relativize(dir);
    assertThat(relativeDir.toString()).startsWith("..");

    DisplayData result =
        kernel.eval("%jars " + relativeDir + "/relative-*.jar\nrelative.Marker.id()");

    assertThat(result.getData(MIMEType.TEXT_PLAIN)).isEqualTo("7");
  }

  @Test
  void eval_classpathMagicWithJar_makesItsClassUsable(@TempDir Path dir) throws Exception {
    Path jar =
        buildJar(
            dir,
            "answer.Answer",
            "package answer; public class Answer { public static int get() { return 42; } }");
    kernel.eval("%classpath " + jar);

    DisplayData result = kernel.eval("answer.Answer.get()");

    assertThat(result.getData(MIMEType.TEXT_PLAIN)).isEqualTo("42");
  }

  @Test
  void eval_jarsMagicMatchingNothing_throwsMagicExceptionNamingThePattern(@TempDir Path dir) {
    assertThatThrownBy(() -> kernel.eval("%jars " + dir + "/missing-*.jar"))
        .isInstanceOf(MagicException.class)
        .hasMessageContaining("nothing matches")
        .hasMessageContaining("missing-*.jar");
  }

  @Test
  void eval_bufferedImageAsLastExpression_rendersImagePng() throws Exception {
    DisplayData result =
        kernel.eval(
            """
                var image = new java.awt.image.BufferedImage(8, 6, java.awt.image.BufferedImage.TYPE_INT_RGB);
                image
                """);

    assertIsPng(result, 8, 6);
  }

  @Test
  void display_bufferedImage_publishesImagePng() throws Exception {
    DisplayData result =
        kernel.eval(
            """
                var chart = new java.awt.image.BufferedImage(10, 5, java.awt.image.BufferedImage.TYPE_INT_ARGB);
                display(chart);
                """);

    assertThat(result).as("display(...) does not echo its id").isNull();
    assertThat(kernel.displayed).hasSize(1);
    assertIsPng(kernel.displayed.get(0), 10, 5);
  }

  @Test
  void display_htmlString_publishesTextHtml() throws Exception {
    kernel.eval("display(\"<table><tr><td>BTC</td></tr></table>\", \"text/html\");");

    assertThat(kernel.displayed).hasSize(1);
    assertThat(kernel.displayed.get(0).getData(MIMEType.TEXT_HTML))
        .isEqualTo("<table><tr><td>BTC</td></tr></table>");
  }

  @Test
  void render_htmlAsLastExpression_returnsTextHtml() throws Exception {
    DisplayData result = kernel.eval("render(\"<b>bold</b>\", \"text/html\")");

    assertThat(result.getData(MIMEType.TEXT_HTML)).isEqualTo("<b>bold</b>");
    assertThat(kernel.displayed).isEmpty();
  }

  private static CompilationException catchException(String code) {
    try {
      kernel.eval(code);
    } catch (CompilationException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError("expected a compilation error, got " + e, e);
    }
    throw new AssertionError("expected a compilation error for: " + code);
  }

  private static void assertIsPng(DisplayData data, int width, int height) throws IOException {
    Object png = data.getData(MIMEType.IMAGE_PNG);
    assertThat(png).isInstanceOf(String.class);
    var image =
        ImageIO.read(new ByteArrayInputStream(Base64.getMimeDecoder().decode((String) png)));
    assertThat(image.getWidth()).isEqualTo(width);
    assertThat(image.getHeight()).isEqualTo(height);
  }

  /** Compiles one class into a jar, the way a module's build would. */
  static Path buildJar(Path dir, String className, String source) throws IOException {
    Path sources = Files.createDirectories(dir.resolve("src"));
    Path sourceFile =
        sources.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
    Files.writeString(sourceFile, source);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    int status = compiler.run(null, null, null, "-d", classes.toString(), sourceFile.toString());
    assertThat(status).as("javac exit status").isZero();

    Path jar = dir.resolve(className.replace('.', '-') + ".jar");
    String entryName = className.replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry(entryName));
      out.write(Files.readAllBytes(classes.resolve(entryName)));
      out.closeEntry();
    }
    return jar;
  }
}
