package io.cryptomargin.cli;

import io.cryptomargin.validation.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * {@code cryptomargin}: the engine's command line. Run {@code ./cryptomargin --help}.
 *
 * <p>To add a command (margin, compare, demo, backtest, ...): write a picocli {@code @Command}
 * class with {@code mixinStandardHelpOptions = true} that prints to {@code
 * spec.commandLine().getOut()} and throws {@link ValidationException} for bad input, then add it to
 * {@link #SUBCOMMANDS}.
 */
@Command(
    name = "cryptomargin",
    mixinStandardHelpOptions = true,
    versionProvider = CryptomarginCli.Version.class,
    description =
        "Portfolio margin for crypto derivatives: each command's --help has its options and an example.",
    footer = {
      "",
      "Worked example, from the repository root: a short put spread on Deribit's BTC",
      "chain of 2020-05-14, margined under crypto-pm, then beside rules-based margin:",
      "  chain=engine/src/main/resources/demo/deribit/btc_options_2020-05-14.csv",
      "  ./cryptomargin margin --portfolio docs/examples/put-spread-book.json \\",
      "    --market $chain --model crypto-pm",
      "  ./cryptomargin compare --portfolio docs/examples/put-spread-book.json \\",
      "    --market $chain",
      "",
      "Units: prices in USD per coin (inverse options in coin per option), vols as",
      "annual fractions, time in years of 365 days. Exit codes: 0 ok, 1 unexpected",
      "failure, 2 bad input or usage. Reference: docs/cli.md."
    })
public final class CryptomarginCli implements Runnable {
  /** Every subcommand, in the order help lists them. Register new commands here. */
  static final Class<?>[] SUBCOMMANDS = {
    PriceCommand.class,
    ImpliedVolCommand.class,
    RiskArraysCommand.class,
    ValidateMarketCommand.class,
    MarginCommand.class,
    CompareCommand.class,
    DemoCommand.class,
    BacktestCommand.class,
  };

  /**
   * The top-level help's line per command (the command's own --help says the rest). A command
   * missing here is listed with its description.
   */
  private static final Map<String, String> SUMMARIES =
      Map.of(
          "price", "Black-76 price and greeks of one option",
          "implied-vol", "The implied volatility of an option price",
          "risk-arrays", "Risk arrays of every instrument of a market file",
          "validate-market", "A market's options repriced, against the venue's marks",
          "margin", "The margin of a book under one model, every charge shown",
          "compare", "Rules-based and portfolio margin of a book, side by side",
          "demo", "Every model on built-in books: no input needed",
          "backtest", "Each model's requirement against the next day's real loss");

  /** Exit code for bad input (a {@link ValidationException}) and usage errors. */
  public static final int EXIT_BAD_INPUT = 2;

  /** Exit code for anything unexpected (a bug): reported without a stack trace unless --debug. */
  public static final int EXIT_FAILURE = 1;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean debug;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The configured command line, for {@link #main} and for tests (which set their own out/err). */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new CryptomarginCli());
    for (Class<?> command : SUBCOMMANDS) {
      cli.addSubcommand(command);
    }
    cli.getHelpSectionMap()
        .put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, CryptomarginCli::commandList);
    CommandLine margin = cli.getSubcommands().get("margin");
    List<String> footer =
        new java.util.ArrayList<>(List.of(margin.getCommandSpec().usageMessage().footer()));
    footer.addAll(MarginCommand.profileLines());
    margin.getCommandSpec().usageMessage().footer(footer.toArray(new String[0]));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(CryptomarginCli::handle);
    cli.setExecutionStrategy(CryptomarginCli::executeGuarded);
    return cli;
  }

  /**
   * Runs the command, turning an {@link Error} that escapes it (out of memory, stack overflow) into
   * the failure exit code with a one-line message: picocli lets errors through its exception
   * handler, and a stack trace of a JVM error tells a user nothing. Inputs are bounded ({@link
   * io.cryptomargin.validation.InputRange}, {@link io.cryptomargin.io.StrictJson}) so that no input
   * should get here.
   */
  static int executeGuarded(ParseResult parseResult) {
    try {
      return new CommandLine.RunLast().execute(parseResult);
    } catch (StackOverflowError | OutOfMemoryError e) {
      PrintWriter err = parseResult.commandSpec().commandLine().getErr();
      String what = e instanceof StackOverflowError ? "ran out of stack" : "ran out of memory";
      err.println(
          "error: unexpected failure (please report it with the input): the computation " + what);
      err.flush();
      return EXIT_FAILURE;
    }
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  private static int handle(Exception e, CommandLine command, ParseResult parseResult) {
    PrintWriter err = command.getErr();
    if (e instanceof ValidationException v) {
      err.println("error: " + v.getMessage());
    } else {
      err.println("error: unexpected failure (please report it): " + e);
    }
    if (debugRequested(parseResult)) {
      e.printStackTrace(err);
    } else if (!(e instanceof ValidationException)) {
      err.println("run again with --debug for the stack trace");
    }
    err.flush();
    return e instanceof ValidationException ? EXIT_BAD_INPUT : EXIT_FAILURE;
  }

  private static boolean debugRequested(ParseResult parseResult) {
    for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }

  private static String commandList(Help help) {
    StringBuilder list = new StringBuilder();
    help.subcommands()
        .forEach(
            (name, command) ->
                list.append(
                    String.format(
                        "  %-16s %s%n",
                        name,
                        SUMMARIES.getOrDefault(
                            name,
                            String.join(
                                " ", command.commandSpec().usageMessage().description())))));
    return list.toString();
  }

  /** The version from the jar's Maven metadata, or "development build" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = "development build";
      try (InputStream in =
          CryptomarginCli.class.getResourceAsStream(
              "/META-INF/maven/io.cryptomargin/cryptomargin-engine/pom.properties")) {
        if (in != null) {
          Properties p = new Properties();
          p.load(in);
          version = p.getProperty("version", version);
        }
      } catch (IOException ignored) {
        // The version is informational; a missing one must not stop the command.
      }
      return new String[] {"cryptomargin " + version, "Java " + System.getProperty("java.version")};
    }
  }
}
