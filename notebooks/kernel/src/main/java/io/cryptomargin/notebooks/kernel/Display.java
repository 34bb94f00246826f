package io.cryptomargin.notebooks.kernel;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.util.UUID;

/**
 * The display API a notebook sees, with IJava's names and signatures: the session imports these
 * methods statically, so {@code display(chartImage)} or {@code render(html, "text/html")} work the
 * same here and under a real IJava install.
 */
public final class Display {

  private Display() {}

  /**
   * Renders an object with the kernel's renderer without showing it; return it as a cell's last
   * expression to make it the cell's result.
   *
   * @param value the object, e.g. a {@code BufferedImage}
   * @return the rendered bundle
   */
  public static DisplayData render(Object value) {
    return JavaKernel.current().getRenderer().render(value);
  }

  /**
   * Renders an object as the given MIME types, e.g. {@code render(html, "text/html")}.
   *
   * @param value the object
   * @param as MIME types to render
   * @return the rendered bundle
   */
  public static DisplayData render(Object value, String... as) {
    return JavaKernel.current().getRenderer().renderAs(value, as);
  }

  /**
   * Shows an object in the cell's output now, in the richest form the renderer knows ({@code
   * image/png} for images).
   *
   * @param value the object
   * @return the display id, usable with {@link #updateDisplay(String, Object)}
   */
  public static String display(Object value) {
    return show(JavaKernel.current().getRenderer().render(value));
  }

  /**
   * Shows an object as the given MIME types, e.g. {@code display(htmlTable, "text/html")}.
   *
   * @param value the object
   * @param as MIME types to render
   * @return the display id
   */
  public static String display(Object value, String... as) {
    return show(JavaKernel.current().getRenderer().renderAs(value, as));
  }

  /**
   * Replaces an earlier display.
   *
   * @param id the id {@code display} returned
   * @param value the new object
   */
  public static void updateDisplay(String id, Object value) {
    JavaKernel kernel = JavaKernel.current();
    kernel.updateDisplay(id, kernel.getRenderer().render(value));
  }

  /**
   * Replaces an earlier display, rendering as the given MIME types.
   *
   * @param id the id {@code display} returned
   * @param value the new object
   * @param as MIME types to render
   */
  public static void updateDisplay(String id, Object value, String... as) {
    JavaKernel kernel = JavaKernel.current();
    kernel.updateDisplay(id, kernel.getRenderer().renderAs(value, as));
  }

  private static String show(DisplayData data) {
    if (!data.hasDisplayId()) {
      data.setDisplayId(UUID.randomUUID().toString());
    }
    JavaKernel.current().display(data);
    return data.getDisplayId();
  }
}
