package io.cryptomargin.notebooks.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks {@code .ipynb} files for {@code run-notebooks.sh}: that committed notebooks carry no
 * outputs, and that executed notebooks produced the outputs they promise.
 *
 * <p>A notebook promises outputs in its metadata, e.g. {@code "cryptomargin": {"required_outputs":
 * ["image/png", "text/html"]}}; a chart that silently stopped rendering then fails the build
 * instead of shipping an empty report.
 */
public final class NotebookInspector {

  /** Notebook metadata key holding this project's settings. */
  public static final String METADATA_KEY = "cryptomargin";

  /** Key under {@link #METADATA_KEY} listing MIME types the executed notebook must contain. */
  public static final String REQUIRED_OUTPUTS_KEY = "required_outputs";

  private NotebookInspector() {}

  /**
   * Command line: {@code check-stripped NOTEBOOK...} or {@code check-outputs EXECUTED.ipynb
   * RENDERED.html}.
   *
   * @param args the command and its files
   * @throws IOException when a file cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      usage();
    }
    List<String> problems =
        switch (args[0]) {
          case "check-stripped" -> {
            List<String> all = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
              all.addAll(outputProblemsOfCommitted(Path.of(args[i])));
            }
            yield all;
          }
          case "check-outputs" -> {
            if (args.length != 3) {
              usage();
            }
            yield problemsOfExecuted(
                Path.of(args[1]), Files.readString(Path.of(args[2]), StandardCharsets.UTF_8));
          }
          default -> {
            usage();
            yield List.of();
          }
        };
    problems.forEach(System.err::println);
    System.exit(problems.isEmpty() ? 0 : 1);
  }

  private static void usage() {
    System.err.println("usage: NotebookInspector check-stripped NOTEBOOK.ipynb...");
    System.err.println("       NotebookInspector check-outputs EXECUTED.ipynb RENDERED.html");
    System.exit(2);
  }

  /**
   * Finds code cells that still carry outputs or an execution count.
   *
   * @param notebook a notebook as committed
   * @return one line per offending cell, empty when the notebook is clean
   * @throws IOException when the file cannot be read
   */
  public static List<String> outputProblemsOfCommitted(Path notebook) throws IOException {
    List<String> problems = new ArrayList<>();
    JsonArray cells = read(notebook).getAsJsonArray("cells");
    for (int i = 0; i < cells.size(); i++) {
      JsonObject cell = cells.get(i).getAsJsonObject();
      if (!"code".equals(cell.get("cell_type").getAsString())) {
        continue;
      }
      JsonArray outputs = cell.getAsJsonArray("outputs");
      JsonElement count = cell.get("execution_count");
      if ((outputs != null && outputs.size() > 0) || (count != null && !count.isJsonNull())) {
        problems.add(
            notebook.getFileName()
                + ": code cell "
                + (i + 1)
                + " has outputs;"
                + " commit notebooks stripped (notebooks/run-notebooks.sh --strip)");
      }
    }
    return problems;
  }

  /**
   * Checks an executed notebook: no error outputs, and every MIME type the notebook's metadata
   * requires is present (images also embedded in the rendered HTML).
   *
   * @param executed the notebook written by {@code nbconvert --execute}
   * @param renderedHtml the HTML rendered from it
   * @return one line per problem, empty when all is well
   * @throws IOException when the notebook cannot be read
   */
  public static List<String> problemsOfExecuted(Path executed, String renderedHtml)
      throws IOException {
    JsonObject notebook = read(executed);
    Set<String> produced = new LinkedHashSet<>();
    List<String> problems = new ArrayList<>();
    for (JsonElement cellElement : notebook.getAsJsonArray("cells")) {
      JsonArray outputs = cellElement.getAsJsonObject().getAsJsonArray("outputs");
      if (outputs == null) {
        continue;
      }
      for (JsonElement outputElement : outputs) {
        JsonObject output = outputElement.getAsJsonObject();
        String type = output.get("output_type").getAsString();
        if (type.equals("error")) {
          problems.add(
              executed.getFileName() + ": a cell failed with " + output.get("ename").getAsString());
        }
        JsonObject data = output.getAsJsonObject("data");
        if (data != null) {
          produced.addAll(data.keySet());
        }
      }
    }
    for (String required : requiredOutputs(notebook)) {
      if (!produced.contains(required)) {
        problems.add(
            executed.getFileName()
                + ": no "
                + required
                + " output, but the notebook's metadata "
                + METADATA_KEY
                + "."
                + REQUIRED_OUTPUTS_KEY
                + " requires one (produced: "
                + produced
                + ")");
      } else if (required.startsWith("image/")
          && !renderedHtml.contains("data:" + required + ";base64,")) {
        problems.add(
            executed.getFileName()
                + ": the rendered HTML does not embed the "
                + required
                + " output");
      }
    }
    return problems;
  }

  private static List<String> requiredOutputs(JsonObject notebook) {
    JsonObject metadata = notebook.getAsJsonObject("metadata");
    JsonObject settings = metadata == null ? null : metadata.getAsJsonObject(METADATA_KEY);
    JsonArray required = settings == null ? null : settings.getAsJsonArray(REQUIRED_OUTPUTS_KEY);
    List<String> types = new ArrayList<>();
    if (required != null) {
      required.forEach(e -> types.add(e.getAsString()));
    }
    return types;
  }

  private static JsonObject read(Path notebook) throws IOException {
    try (Reader reader = Files.newBufferedReader(notebook, StandardCharsets.UTF_8)) {
      return new JsonParser().parse(reader).getAsJsonObject();
    }
  }
}
