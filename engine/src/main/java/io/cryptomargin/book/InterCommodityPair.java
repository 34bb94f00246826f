package io.cryptomargin.book;

import io.cryptomargin.validation.Problems;

/**
 * Two underlyings whose opposite deltas offset (SPAN's inter-commodity spread).
 *
 * @param first one underlying, e.g. BTC
 * @param second the other, e.g. ETH
 * @param creditRate fraction of each leg's weighted price risk credited per spread (0.5)
 */
public record InterCommodityPair(String first, String second, double creditRate) {
  public InterCommodityPair {
    Problems problems = new Problems();
    if (first == null
        || first.isBlank()
        || second == null
        || second.isBlank()
        || first.equals(second)) {
      problems.add("interCommodityCredits", "a pair needs two different underlyings");
    }
    if (!(creditRate >= 0 && creditRate <= 1)) {
      problems.add("interCommodityCredits.creditRate", "must be in [0, 1], was " + creditRate);
    }
    problems.throwIfAny();
  }
}
