package io.cryptomargin.book;

import io.cryptomargin.market.YearFractions;
import io.cryptomargin.validation.Problems;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The charges of the portfolio margin model, read from the model's versioned parameter file.
 *
 * @param initialToMaintenance initial margin = maintenance × this factor (span-16: a speculator's,
 *     CME 1.1; crypto-pm and tims: 1, their own charges set IM)
 * @param intraSpreadRate calendar spread charge per matched delta, fraction of the underlying price
 *     (0.01)
 * @param intraTierBoundariesDays expiry tiers: upper bounds in days to expiry, increasing; undated
 *     contracts fall in the first tier, expiries past the last bound in one more tier
 * @param shortOptionMinimumRate short option minimum per coin of short options: span-16 reads it in
 *     CME's form, a fraction of PSR × underlying price (default 0); historical-var a fraction of
 *     the underlying price
 * @param interCommodityCredits pairs that earn a credit, in priority order; none for unlisted pairs
 * @param minimumEquityUsd the equity an account needs to qualify for portfolio margin, USD
 *     (100,000)
 */
public record MarginParameters(
    double initialToMaintenance,
    double intraSpreadRate,
    List<Double> intraTierBoundariesDays,
    double shortOptionMinimumRate,
    List<InterCommodityPair> interCommodityCredits,
    double minimumEquityUsd) {
  public MarginParameters {
    Problems problems = new Problems();
    if (!(initialToMaintenance >= 1) || !Double.isFinite(initialToMaintenance)) {
      problems.add(
          "initialToMaintenance", "must be a finite factor >= 1, was " + initialToMaintenance);
    }
    problems.requireNonNegative("intraSpreadRate", intraSpreadRate);
    problems.requireNonNegative("shortOptionMinimumRate", shortOptionMinimumRate);
    problems.requireNonNegative("minimumEquityUsd", minimumEquityUsd);
    intraTierBoundariesDays = List.copyOf(intraTierBoundariesDays);
    for (int i = 0; i < intraTierBoundariesDays.size(); i++) {
      double bound = intraTierBoundariesDays.get(i);
      if (!(bound > 0) || (i > 0 && !(bound > intraTierBoundariesDays.get(i - 1)))) {
        problems.add(
            "intraTierBoundariesDays[" + i + "]", "tier bounds must be positive and increasing");
      }
    }
    interCommodityCredits = List.copyOf(interCommodityCredits);
    problems.throwIfAny();
  }

  /**
   * The delta the calendar spread charge applies to: net delta per expiry tier, opposite deltas
   * matched across tiers, nearest tiers first. Here so span-16 and historical-var charge calendar
   * risk the same way.
   *
   * @param deltaByExpiry net delta per expiry, coins of underlying (null key: undated contracts,
   *     first tier)
   * @param asOf the time tiers are measured from
   * @return the matched delta, coins (charge = intraSpreadRate × this × price)
   */
  public double matchedCalendarDelta(Map<Instant, Double> deltaByExpiry, Instant asOf) {
    List<Double> bounds = intraTierBoundariesDays;
    double[] tierDelta = new double[bounds.size() + 1];
    for (Map.Entry<Instant, Double> byExpiry : deltaByExpiry.entrySet()) {
      tierDelta[tier(byExpiry.getKey(), asOf, bounds)] += byExpiry.getValue();
    }
    double matched = 0;
    for (int distance = 1; distance < tierDelta.length; distance++) {
      for (int near = 0; near + distance < tierDelta.length; near++) {
        int far = near + distance;
        if (tierDelta[near] * tierDelta[far] < 0) {
          double spread = Math.min(Math.abs(tierDelta[near]), Math.abs(tierDelta[far]));
          matched += spread;
          tierDelta[near] -= Math.signum(tierDelta[near]) * spread;
          tierDelta[far] -= Math.signum(tierDelta[far]) * spread;
        }
      }
    }
    return matched;
  }

  private static int tier(Instant expiry, Instant asOf, List<Double> bounds) {
    if (expiry == null) {
      return 0;
    }
    double days = YearFractions.between(asOf, expiry) * 365.0;
    for (int i = 0; i < bounds.size(); i++) {
      if (days <= bounds.get(i)) {
        return i;
      }
    }
    return bounds.size();
  }
}
