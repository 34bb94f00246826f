package io.cryptomargin.scenario;

import java.util.List;

/** A named, versioned recipe that gives every underlying its scenario set. */
public sealed interface ScenarioSetDefinition
    permits Span16Definition, CryptoPmDefinition, TimsDefinition {
  /** The id, e.g. {@code span-16}. */
  String id();

  /** The parameter version, recorded in every result. */
  String version();

  /**
   * The scenarios for an underlying (defaults where the underlying has no parameters of its own).
   */
  ScenarioSet forUnderlying(String underlying);

  /**
   * The scenario labels, true for every underlying: where the coins' moves differ (crypto-pm's
   * ranges), a label names each coin with parameters of its own and the defaults as "other coins"
   * ({@code BTC/ETH -16%, other coins -24%, vol up}). They depend on the parameters only, so every
   * risk-array set of one parameter version has the same labels, whichever coins it holds.
   */
  List<String> labels();

  /** Number of scenarios, the same for every underlying. */
  int scenarioCount();
}
