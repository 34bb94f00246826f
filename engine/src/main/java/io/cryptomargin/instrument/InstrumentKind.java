package io.cryptomargin.instrument;

/** The kinds of instrument the engine margins. */
public enum InstrumentKind {
  SPOT,
  FUTURE,
  PERPETUAL,
  OPTION
}
