package io.cryptomargin.book;

import io.cryptomargin.validation.ValidationException;
import java.util.Locale;

/**
 * How a crypto-pm account's currencies margin each other (METHODOLOGY 2b; Deribit's X:PM and S:PM).
 * Only {@code crypto-pm} reads it.
 */
public enum MarginMode {
  /**
   * X:PM: every currency's scenario vector in USD, coin balances a position in their own currency's
   * vector, the currencies summed cell by cell with their gains × pnlOffset.
   */
  CROSS,
  /**
   * S:PM: each settlement currency measured alone in its own coin; its balance has no P&amp;L
   * there.
   */
  SEGREGATED;

  /** The mode of a portfolio file's {@code marginMode} ({@code cross} or {@code segregated}). */
  public static MarginMode parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ValidationException.of(
          "marginMode", "unknown margin mode '" + text + "': cross or segregated");
    }
  }
}
