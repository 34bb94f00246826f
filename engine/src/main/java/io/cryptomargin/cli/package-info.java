/**
 * The command line ({@code ./cryptomargin}): picocli commands over the engine and {@code io}. Bad
 * input ends with {@code error: ...} listing every problem on stderr and exit code 2; usage errors
 * also exit 2; no stack trace unless {@code --debug}. Subcommands are listed in one place, {@link
 * io.cryptomargin.cli.CryptomarginCli}.
 */
package io.cryptomargin.cli;
