package io.cryptomargin.margin;

import io.cryptomargin.validation.Problems;

/**
 * FINRA Rule 4210(g)'s per-contract minimum (METHODOLOGY 2c): requirement = max(worst loss over the
 * ten points, Σ over option contracts of this × contract size in coins, a long's capped at its
 * market value); IM = MM.
 *
 * @param perContractMinimumUsdPerCoin USD per unit of underlying per option contract (0.375)
 */
public record TimsCharges(double perContractMinimumUsdPerCoin) implements ModelCharges {
  /** FINRA's $0.375 per unit of underlying. */
  public static final TimsCharges DEFAULT = new TimsCharges(0.375);

  public TimsCharges {
    Problems problems = new Problems();
    problems.requireNonNegative("perContractMinimumUsdPerCoin", perContractMinimumUsdPerCoin);
    problems.throwIfAny();
  }
}
