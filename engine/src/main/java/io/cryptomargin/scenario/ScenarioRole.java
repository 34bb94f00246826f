package io.cryptomargin.scenario;

/** Whether a scenario is part of the regular scan or an extreme move that counts only partly. */
public enum ScenarioRole {
  /** Within the scan range, weight 1: also where composite delta is measured. */
  REGULAR,
  /** Beyond the scan range (SPAN's extreme moves, crypto-pm's extended table), weight below 1. */
  EXTREME
}
