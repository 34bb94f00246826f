package io.cryptomargin.demo;

/**
 * What a demo row holds, which decides what a reader (and the shape test) expects of it. Every row
 * but a {@link #TOTAL} or an {@link #INCREMENT} is margined alone.
 */
public enum RowRole {
  /** A structure whose loss is capped by its own legs (spreads, condors, calendars). */
  DEFINED_RISK,
  /** A position offset by another (a hedged straddle, a covered call). */
  HEDGED,
  /** A single position of a book (spot, one option), margined alone. */
  POSITION,
  /** A whole book. */
  TOTAL,
  /** The row above less the same coins held with no positions: what the positions add. */
  INCREMENT
}
