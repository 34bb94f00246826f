package io.cryptomargin.cli;

import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.validation.InputRange;
import io.cryptomargin.validation.Problems;
import picocli.CommandLine.Option;

/**
 * The option terms the pricing commands share, in the pricers' order (forward, strike, years, then
 * type), with rate and settlement. A picocli mixin, so each command declares them once.
 */
final class OptionTerms {
  @Option(names = "--forward", required = true, description = "Forward, USD per coin.")
  double forward;

  @Option(names = "--strike", required = true, description = "Strike, USD per coin.")
  double strike;

  @Option(names = "--years", required = true, description = "Time to expiry, years of 365 days.")
  double years;

  @Option(
      names = "--rate",
      defaultValue = "0",
      description = "Continuously compounded rate, annual fraction (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--type", required = true, description = "call or put.")
  PutCall type;

  @Option(
      names = "--inverse",
      description = "Coin-settled (Deribit style): prices in coin = USD price / forward.")
  boolean inverse;

  /**
   * Problems with the terms' ranges ({@link InputRange}), named by their options, for the command
   * to add its own to and throw: an extreme input is refused rather than priced into NaN or
   * infinity.
   */
  Problems check() {
    Problems problems = new Problems();
    InputRange.PRICE_USD.check("--forward", forward, problems);
    InputRange.PRICE_USD.check("--strike", strike, problems);
    InputRange.YEARS.check("--years", years, problems);
    InputRange.RATE.check("--rate", rate, problems);
    return problems;
  }
}
