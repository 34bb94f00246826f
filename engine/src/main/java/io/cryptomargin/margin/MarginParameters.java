package io.cryptomargin.margin;

import io.cryptomargin.validation.Problems;
import java.util.List;

/**
 * The charges of the portfolio margin model, read from the model's versioned parameter file.
 *
 * @param initialToMaintenance initial margin = maintenance × this factor (1.1 span-16, 1.3 crypto-pm)
 * @param intraSpreadRate calendar spread charge per matched delta, fraction of the underlying price (0.01)
 * @param intraTierBoundariesDays expiry tiers: upper bounds in days to expiry, increasing; undated
 *     contracts fall in the first tier, expiries past the last bound in one more tier
 * @param shortOptionMinimumRate short option minimum per short option, fraction of the underlying price (0.01)
 * @param interCommodityCredits pairs that earn a credit, in priority order; none for unlisted pairs
 * @param minimumEquityUsd the equity an account needs to qualify for portfolio margin, USD (100,000)
 */
public record MarginParameters(double initialToMaintenance, double intraSpreadRate,
    List<Double> intraTierBoundariesDays, double shortOptionMinimumRate,
    List<InterCommodityPair> interCommodityCredits, double minimumEquityUsd) {
  public MarginParameters {
    Problems problems = new Problems();
    if (!(initialToMaintenance >= 1) || !Double.isFinite(initialToMaintenance)) {
      problems.add("initialToMaintenance", "must be a finite factor >= 1, was " + initialToMaintenance);
    }
    problems.requireNonNegative("intraSpreadRate", intraSpreadRate);
    problems.requireNonNegative("shortOptionMinimumRate", shortOptionMinimumRate);
    problems.requireNonNegative("minimumEquityUsd", minimumEquityUsd);
    intraTierBoundariesDays = List.copyOf(intraTierBoundariesDays);
    for (int i = 0; i < intraTierBoundariesDays.size(); i++) {
      double bound = intraTierBoundariesDays.get(i);
      if (!(bound > 0) || (i > 0 && !(bound > intraTierBoundariesDays.get(i - 1)))) {
        problems.add("intraTierBoundariesDays[" + i + "]", "tier bounds must be positive and increasing");
      }
    }
    interCommodityCredits = List.copyOf(interCommodityCredits);
    problems.throwIfAny();
  }
}
