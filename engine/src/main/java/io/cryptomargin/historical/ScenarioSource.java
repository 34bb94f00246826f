package io.cryptomargin.historical;

/** Why a dated scenario is in the set. */
public enum ScenarioSource {
  /** A date of the lookback window. */
  LOOKBACK,
  /** A date of a stress period, included whatever the window, with its raw (unfiltered) return. */
  STRESS
}
