package io.cryptomargin.backtest;

/** Which requirement is compared with the loss. */
public enum RequirementLevel {
  /** The maintenance margin: each model's risk measure itself. */
  MAINTENANCE,
  /** The initial margin: maintenance × the model's initial factor (a buffer on top). */
  INITIAL
}
