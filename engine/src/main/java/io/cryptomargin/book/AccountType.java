package io.cryptomargin.book;

import io.cryptomargin.validation.ValidationException;
import java.util.Locale;

/**
 * Who holds the account, as CME sets a SPAN initial margin from the maintenance margin: a
 * speculator's initial margin is 110% of maintenance, a hedger's or clearing member's 100% [D: CME
 * performance-bond advisories]. Only {@code span-16} reads it.
 */
public enum AccountType {
  SPECULATOR,
  HEDGER,
  MEMBER;

  /**
   * The account type of a portfolio file's {@code accountType} ({@code speculator}, {@code hedger},
   * {@code member}).
   */
  public static AccountType parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ValidationException.of(
          "accountType", "unknown account type '" + text + "': one of speculator, hedger, member");
    }
  }
}
