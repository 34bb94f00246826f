package io.cryptomargin.margin;

import io.cryptomargin.validation.Problems;
import java.util.List;

/**
 * The charges of the portfolio margin model, read from the model's versioned parameter file.
 *
 * @param initialToMaintenance initial margin = maintenance × this factor (span-16: a speculator's, CME 1.1;
 *     crypto-pm and tims: 1, their own charges set IM)
 * @param intraSpreadRate calendar spread charge per matched delta, fraction of the underlying price (0.01)
 * @param intraTierBoundariesDays expiry tiers: upper bounds in days to expiry, increasing; undated
 *     contracts fall in the first tier, expiries past the last bound in one more tier
 * @param shortOptionMinimumRate short option minimum per coin of short options: span-16 reads it in CME's form,
 *     a fraction of PSR × underlying price (default 0); historical-var a fraction of the underlying price
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
