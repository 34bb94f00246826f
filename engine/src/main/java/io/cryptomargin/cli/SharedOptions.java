package io.cryptomargin.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options several commands take with the same name, description and default, as picocli mixins. */
final class SharedOptions {
  private SharedOptions() {}

  /** {@code --format table|json}. */
  static final class TableOrJsonFormat {
    @Option(
        names = "--format",
        paramLabel = "<format>",
        defaultValue = "table",
        description = "table or json (default ${DEFAULT-VALUE}).")
    Formats.TableOrJson value;

    /** Whether JSON was asked for rather than a table. */
    boolean json() {
      return value == Formats.TableOrJson.JSON;
    }
  }

  /** {@code --portfolio}, required. */
  static final class PortfolioFile {
    @Option(
        names = "--portfolio",
        paramLabel = "<portfolio>",
        required = true,
        description = "Portfolio JSON file.")
    Path path;
  }

  /** {@code --market}, required, in any market format. */
  static final class MarketFile {
    @Option(
        names = "--market",
        paramLabel = "<market>",
        required = true,
        description = "Market file (format detected from its content).")
    Path path;
  }
}
