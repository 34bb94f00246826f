package io.cryptomargin.margin;

import io.cryptomargin.validation.Problems;

/**
 * crypto-pm's per-currency parameters (Deribit's {@code model_params} and cross-collateral table,
 * METHODOLOGY 2b).
 *
 * @param dampenerUsd D: an extended cell of move m is forgiven (|m|/range − 1) × D, USD (BTC
 *     100,000)
 * @param minAnnualisedMove the roll shock floor per coin of futures and perpetuals held (BTC 0.01)
 * @param pnlOffset in cross mode, the share of this currency's gain in a cell that offsets other
 *     currencies' losses
 * @param maxOffsetablePnlUsd the most gain of this currency that offsets, USD
 * @param haircut the fraction of a coin balance's value held back against initial margin (0 for
 *     BTC, ETH, USDC)
 */
public record CurrencyRisk(
    double dampenerUsd,
    double minAnnualisedMove,
    double pnlOffset,
    double maxOffsetablePnlUsd,
    double haircut) {
  public CurrencyRisk {
    Problems problems = new Problems();
    problems.requireNonNegative("dampenerUsd", dampenerUsd);
    problems.requireNonNegative("minAnnualisedMove", minAnnualisedMove);
    if (!(pnlOffset >= 0 && pnlOffset <= 1)) {
      problems.add("pnlOffset", "must be in [0, 1], was " + pnlOffset);
    }
    problems.requireNonNegative("maxOffsetablePnlUsd", maxOffsetablePnlUsd);
    if (!(haircut >= 0 && haircut < 1)) {
      problems.add("haircut", "must be in [0, 1), was " + haircut);
    }
    problems.throwIfAny();
  }
}
