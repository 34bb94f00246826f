package io.cryptomargin.cli;

import io.cryptomargin.instrument.PutCall;
import picocli.CommandLine.Option;

/**
 * The option terms the pricing commands share, in the pricers' order (forward, strike, years,
 * then type), with rate and settlement. A picocli mixin, so each command declares them once.
 */
final class OptionTerms {
  @Option(names = "--forward", required = true, description = "Forward, USD per coin.")
  double forward;

  @Option(names = "--strike", required = true, description = "Strike, USD per coin.")
  double strike;

  @Option(names = "--years", required = true, description = "Time to expiry, years of 365 days.")
  double years;

  @Option(names = "--rate", defaultValue = "0",
      description = "Continuously compounded rate, annual fraction (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--type", required = true, description = "call or put.")
  PutCall type;

  @Option(names = "--inverse", description = "Coin-settled (Deribit style): prices in coin = USD price / forward.")
  boolean inverse;
}
