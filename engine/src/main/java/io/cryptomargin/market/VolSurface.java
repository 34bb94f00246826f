package io.cryptomargin.market;

import io.cryptomargin.validation.ValidationException;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * A volatility surface: a smile per expiry, interpolated in log-moneyness within an expiry and
 * linearly in total variance σ²T between expiries, at equal log-moneyness. Before the first expiry
 * the first smile applies, after the last the last one; with no smiles, a flat vol.
 *
 * @param flatVol the vol where no smile is quoted (annual fraction), or NaN when there is none
 * @param smiles smiles by expiry
 */
public record VolSurface(double flatVol, NavigableMap<Instant, Smile> smiles) {
  public VolSurface {
    Objects.requireNonNull(smiles, "smiles");
    if (smiles.isEmpty() && !(flatVol > 0 && Double.isFinite(flatVol))) {
      throw ValidationException.of(
          "flatVol", "a surface needs smiles or a flat vol > 0, was " + flatVol);
    }
    if (!Double.isNaN(flatVol) && !(flatVol > 0 && Double.isFinite(flatVol))) {
      throw ValidationException.of("flatVol", "must be a finite number > 0, was " + flatVol);
    }
    smiles = Collections.unmodifiableNavigableMap(new TreeMap<>(smiles));
  }

  /** One vol everywhere. */
  public static VolSurface flat(double vol) {
    return new VolSurface(vol, new TreeMap<>());
  }

  /**
   * The vol for a strike and expiry.
   *
   * @param strike strike, USD
   * @param expiry the option's expiry
   * @param years years from the snapshot to {@code expiry}
   * @param forwardAt the forward (USD) at any expiry, to place strikes in log-moneyness
   */
  public double vol(
      double strike,
      Instant expiry,
      double years,
      ToDoubleFunction<Instant> forwardAt,
      ToDoubleFunction<Instant> yearsTo) {
    if (smiles.isEmpty()) {
      return flatVol;
    }
    Smile exact = smiles.get(expiry);
    if (exact != null) {
      return exact.volAt(strike);
    }
    Map.Entry<Instant, Smile> below = smiles.lowerEntry(expiry);
    Map.Entry<Instant, Smile> above = smiles.higherEntry(expiry);
    double moneyness = Math.log(strike / forwardAt.applyAsDouble(expiry));
    if (below == null || above == null) {
      Map.Entry<Instant, Smile> nearest = below == null ? above : below;
      return volAtMoneyness(nearest, moneyness, forwardAt);
    }
    double t0 = yearsTo.applyAsDouble(below.getKey());
    double t1 = yearsTo.applyAsDouble(above.getKey());
    double v0 = volAtMoneyness(below, moneyness, forwardAt);
    double v1 = volAtMoneyness(above, moneyness, forwardAt);
    if (t0 <= 0) {
      // The earlier smile is at or past the snapshot time: it carries no variance to interpolate.
      return v1;
    }
    double w0 = v0 * v0 * t0;
    double w1 = v1 * v1 * t1;
    double w = w0 + (w1 - w0) * (years - t0) / (t1 - t0);
    return Math.sqrt(Math.max(w, 0) / years);
  }

  private static double volAtMoneyness(
      Map.Entry<Instant, Smile> entry, double moneyness, ToDoubleFunction<Instant> forwardAt) {
    return entry.getValue().volAt(forwardAt.applyAsDouble(entry.getKey()) * Math.exp(moneyness));
  }
}
