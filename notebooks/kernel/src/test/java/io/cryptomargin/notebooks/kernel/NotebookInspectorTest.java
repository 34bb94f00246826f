package io.cryptomargin.notebooks.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookInspectorTest {

  private static final String REQUIRES_PNG_AND_HTML =
      "\"metadata\": {\"cryptomargin\": {\"required_outputs\": [\"image/png\", \"text/html\"]}}";

  @Test
  void outputProblemsOfCommitted_strippedNotebook_none(@TempDir Path dir) throws IOException {
    Path notebook = write(dir, "clean.ipynb", notebook("{}", codeCell("null", "[]")));

    assertThat(NotebookInspector.outputProblemsOfCommitted(notebook)).isEmpty();
  }

  @Test
  void outputProblemsOfCommitted_cellWithOutputs_namesNotebookAndCell(@TempDir Path dir)
      throws IOException {
    Path notebook =
        write(
            dir,
            "dirty.ipynb",
            notebook(
                "{}",
                codeCell("null", "[]"),
                codeCell(
                    "3",
                    "[{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": \"x\"}]")));

    assertThat(NotebookInspector.outputProblemsOfCommitted(notebook))
        .singleElement()
        .asString()
        .contains("dirty.ipynb")
        .contains("code cell 2")
        .contains("--strip");
  }

  @Test
  void problemsOfExecuted_requiredOutputsPresent_none(@TempDir Path dir) throws IOException {
    Path notebook =
        write(
            dir,
            "ok.ipynb",
            "{"
                + REQUIRES_PNG_AND_HTML
                + ", \"cells\": ["
                + codeCell(
                    "1", "[" + displayData("image/png") + ", " + displayData("text/html") + "]")
                + "]}");

    List<String> problems =
        NotebookInspector.problemsOfExecuted(notebook, "<img src=\"data:image/png;base64,AAAA\">");

    assertThat(problems).isEmpty();
  }

  @Test
  void problemsOfExecuted_chartMissing_reportsTheMissingType(@TempDir Path dir) throws IOException {
    Path notebook =
        write(
            dir,
            "nochart.ipynb",
            "{"
                + REQUIRES_PNG_AND_HTML
                + ", \"cells\": ["
                + codeCell("1", "[" + displayData("text/html") + "]")
                + "]}");

    assertThat(NotebookInspector.problemsOfExecuted(notebook, ""))
        .singleElement()
        .asString()
        .contains("no image/png output");
  }

  @Test
  void problemsOfExecuted_imageNotEmbeddedInHtml_reported(@TempDir Path dir) throws IOException {
    Path notebook =
        write(
            dir,
            "noembed.ipynb",
            "{"
                + REQUIRES_PNG_AND_HTML
                + ", \"cells\": ["
                + codeCell(
                    "1", "[" + displayData("image/png") + ", " + displayData("text/html") + "]")
                + "]}");

    assertThat(NotebookInspector.problemsOfExecuted(notebook, "<html></html>"))
        .singleElement()
        .asString()
        .contains("does not embed");
  }

  @Test
  void problemsOfExecuted_errorOutput_reported(@TempDir Path dir) throws IOException {
    Path notebook =
        write(
            dir,
            "err.ipynb",
            notebook(
                "{}",
                codeCell(
                    "1",
                    "[{\"output_type\": \"error\", \"ename\": \"ArithmeticException\", \"evalue\": \"/ by zero\", \"traceback\": []}]")));

    assertThat(NotebookInspector.problemsOfExecuted(notebook, ""))
        .singleElement()
        .asString()
        .contains("ArithmeticException");
  }

  private static String notebook(String metadata, String... cells) {
    return "{\"metadata\": "
        + metadata
        + ", \"nbformat\": 4, \"nbformat_minor\": 5, \"cells\": ["
        + String.join(", ", cells)
        + "]}";
  }

  private static String codeCell(String executionCount, String outputs) {
    return "{\"cell_type\": \"code\", \"execution_count\": "
        + executionCount
        + ", \"metadata\": {}, \"outputs\": "
        + outputs
        + ", \"source\": \"1+1\"}";
  }

  private static String displayData(String mimeType) {
    return "{\"output_type\": \"display_data\", \"metadata\": {}, \"data\": {\""
        + mimeType
        + "\": \"x\"}}";
  }

  private static Path write(Path dir, String name, String json) throws IOException {
    return Files.writeString(dir.resolve(name), json);
  }
}
