package io.cryptomargin.notebooks.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point that Jupyter starts through the kernelspec: {@code java -jar kernel.jar
 * {connection_file}}.
 */
public final class KernelLauncher {

  /**
   * Environment variable with the java.util.logging level of the kernel process, e.g. {@code INFO}.
   */
  public static final String LOG_LEVEL_ENV = "CRYPTOMARGIN_KERNEL_LOG";

  private KernelLauncher() {}

  /**
   * Connects a new {@link JavaKernel} to the sockets described by the connection file and serves
   * requests until Jupyter shuts the kernel down.
   *
   * @param args exactly one argument, the path of the Jupyter connection file
   * @throws Exception when the connection file cannot be read or the sockets cannot be bound
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println(
          "usage: java -jar cryptomargin-notebooks-kernel-all.jar <connection-file>");
      System.exit(2);
    }
    // The base library logs every message at INFO under loggers outside any common hierarchy,
    // which buries real errors in nbconvert's output; only the root level reaches them all.
    String level = System.getenv(LOG_LEVEL_ENV);
    Logger.getLogger("")
        .setLevel(level == null || level.isBlank() ? Level.WARNING : Level.parse(level.strip()));

    String connectionJson = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
    JupyterConnection connection =
        new JupyterConnection(KernelConnectionProperties.parse(connectionJson));
    JavaKernel kernel = new JavaKernel();
    kernel.becomeHandlerForConnection(connection);
    connection.connect();
    connection.waitUntilClose();
  }
}
