package io.cryptomargin.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One run of the command line in this JVM, as a user would type it.
 *
 * @param code the exit code (0 ok, 2 bad input or usage)
 * @param out what it printed on standard output
 * @param err what it printed on standard error
 */
record CliRun(int code, String out, String err) {
  /** Runs {@code cryptomargin args...} and captures both streams. */
  static CliRun of(String... args) {
    CommandLine cli = CryptomarginCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
