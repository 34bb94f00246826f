package io.cryptomargin.scenario;

/** Which way a scenario moves volatility. */
public enum VolDirection {
  UP,
  UNCHANGED,
  DOWN
}
