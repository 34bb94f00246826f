package io.cryptomargin.scenario;

/** A named, versioned recipe that gives every underlying its scenario set. */
public sealed interface ScenarioSetDefinition permits Span16Definition, CryptoPmDefinition {
  /** The id, e.g. {@code span-16}. */
  String id();

  /** The parameter version, recorded in every result. */
  String version();

  /** The scenarios for an underlying (defaults where the underlying has no parameters of its own). */
  ScenarioSet forUnderlying(String underlying);

  /** Number of scenarios, the same for every underlying. */
  int scenarioCount();
}
