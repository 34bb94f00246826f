package io.cryptomargin.pricing;

import io.cryptomargin.instrument.DeribitNames;
import io.cryptomargin.instrument.EuropeanOption;
import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.instrument.Settlement;
import io.cryptomargin.market.Mark;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.market.YearFractions;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reprices every option mark of a snapshot from its own implied vol with Black-76 and compares the
 * result with the venue's mark price: the check that our pricing reproduces the venue's. Where a
 * mark carries the forward and the time it was observed, those are used (as the venue priced it);
 * otherwise the snapshot's forward and time.
 */
public final class MarkRepricing {
  private MarkRepricing() {}

  /**
   * One option repriced.
   *
   * @param instrument the option's name
   * @param settlementCurrency the currency of the prices (the coin for inverse options)
   * @param forward forward used, USD
   * @param years time to expiry used, years of 365 days
   * @param vol the mark's implied vol, annual fraction
   * @param modelPrice Black-76 price per contract, settlement currency
   * @param markPrice the venue's mark per contract, settlement currency
   */
  public record Comparison(
      String instrument,
      String settlementCurrency,
      double forward,
      double years,
      double vol,
      double modelPrice,
      double markPrice) {
    /** Model minus mark, settlement currency. */
    public double difference() {
      return modelPrice - markPrice;
    }
  }

  /**
   * The figures of one settlement currency.
   *
   * @param settlementCurrency the currency of the differences
   * @param count options compared
   * @param medianAbsoluteDifference median |model − mark|, settlement currency
   * @param worstAbsoluteDifference largest |model − mark|, settlement currency
   * @param worstInstrument the option with the largest difference
   */
  public record Summary(
      String settlementCurrency,
      int count,
      double medianAbsoluteDifference,
      double worstAbsoluteDifference,
      String worstInstrument) {}

  /**
   * Every option with a mark price and a mark IV, repriced, in the snapshot's mark order.
   *
   * @throws ValidationException naming every option at or past its expiry when it was observed: an
   *     expired option has no model price from an IV, so comparing it would only hide a stale
   *     market
   */
  public static List<Comparison> compare(MarketSnapshot snapshot) {
    List<Comparison> out = new ArrayList<>();
    Problems problems = new Problems();
    for (Map.Entry<String, Mark> entry : snapshot.marks().entrySet()) {
      Mark mark = entry.getValue();
      if (mark.price().isEmpty() || mark.impliedVol().isEmpty()) {
        continue;
      }
      Instrument instrument;
      try {
        instrument = DeribitNames.parse(entry.getKey());
      } catch (ValidationException notDeribit) {
        continue;
      }
      if (!(instrument instanceof EuropeanOption option)) {
        continue;
      }
      double forward =
          mark.forward().isPresent()
              ? mark.forward().getAsDouble()
              : snapshot.forward(option.underlying(), option.expiryTime());
      Instant at = mark.observedAt().orElse(snapshot.asOf());
      double years = YearFractions.between(at, option.expiryTime());
      if (years <= 0) {
        problems.add(
            option.name(),
            "expired: expiry "
                + option.expiryTime()
                + " is not after "
                + (mark.observedAt().isPresent()
                    ? "its mark's observation time "
                    : "the snapshot time ")
                + at);
        continue;
      }
      double vol = mark.impliedVol().getAsDouble();
      double usd = Black76.price(forward, option.strike(), years, vol, option.putCall());
      double model =
          option.contractSize() * (option.settlement() == Settlement.INVERSE ? usd / forward : usd);
      out.add(
          new Comparison(
              option.name(),
              option.settlementCurrency(),
              forward,
              years,
              vol,
              model,
              mark.price().getAsDouble() * option.contractSize()));
    }
    problems.throwIfAny();
    return out;
  }

  /** Count, median and worst absolute difference per settlement currency. */
  public static List<Summary> summarize(List<Comparison> comparisons) {
    Map<String, List<Comparison>> byCurrency = new TreeMap<>();
    for (Comparison c : comparisons) {
      byCurrency.computeIfAbsent(c.settlementCurrency(), k -> new ArrayList<>()).add(c);
    }
    List<Summary> summaries = new ArrayList<>();
    byCurrency.forEach(
        (currency, list) -> {
          double[] abs =
              list.stream().mapToDouble(c -> Math.abs(c.difference())).sorted().toArray();
          int n = abs.length;
          double median = n % 2 == 1 ? abs[n / 2] : 0.5 * (abs[n / 2 - 1] + abs[n / 2]);
          Comparison worst =
              list.stream()
                  .max(Comparator.comparingDouble(c -> Math.abs(c.difference())))
                  .orElseThrow();
          summaries.add(
              new Summary(currency, n, median, Math.abs(worst.difference()), worst.instrument()));
        });
    return summaries;
  }

  /** The comparisons with the largest absolute differences first. */
  public static List<Comparison> worstFirst(List<Comparison> comparisons) {
    Comparison[] sorted = comparisons.toArray(new Comparison[0]);
    Arrays.sort(
        sorted, Comparator.comparingDouble((Comparison c) -> Math.abs(c.difference())).reversed());
    return List.of(sorted);
  }
}
