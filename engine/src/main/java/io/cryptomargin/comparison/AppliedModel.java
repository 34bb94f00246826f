package io.cryptomargin.comparison;

/** Which margin model governs an account. */
public enum AppliedModel {
  /** The account qualifies for portfolio margin and is margined by it. */
  PORTFOLIO_MARGIN,
  /** The account falls back to the rules-based (strategy-based) margin. */
  RULES_BASED
}
