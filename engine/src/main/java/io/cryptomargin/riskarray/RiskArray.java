package io.cryptomargin.riskarray;

import io.cryptomargin.instrument.InstrumentKind;
import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.validation.Problems;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The risk array of one instrument under one scenario set and snapshot.
 *
 * @param instrument instrument name
 * @param underlying the coin (the combined commodity it is margined in)
 * @param settlementCurrency currency of the losses and values (USD-like, or the coin for inverse)
 * @param expiry expiry of dated contracts, else null
 * @param kind instrument kind, null when a supplied array does not say
 * @param putCall call or put for options, else null
 * @param losses weighted loss of one long contract per scenario, settlement currency (loss &gt; 0)
 * @param compositeDelta weighted mean delta over the regular price moves, coins of underlying per
 *     contract
 * @param value value of one contract in the snapshot, settlement currency (NaN when unknown)
 * @param underlyingPrice the underlying's index in the snapshot, USD per coin (NaN when unknown)
 * @param contractSize coins of the underlying per contract (Deribit's options 1, its ETH_USDC
 *     contracts 0.1): what per-contract charges (short option minimum, TIMS's floor) count
 */
public record RiskArray(
    String instrument,
    String underlying,
    String settlementCurrency,
    Instant expiry,
    InstrumentKind kind,
    PutCall putCall,
    double[] losses,
    double compositeDelta,
    double value,
    double underlyingPrice,
    double contractSize) {
  /** An array of a one-coin contract (a supplied array that does not give its size). */
  public RiskArray(
      String instrument,
      String underlying,
      String settlementCurrency,
      Instant expiry,
      InstrumentKind kind,
      PutCall putCall,
      double[] losses,
      double compositeDelta,
      double value,
      double underlyingPrice) {
    this(
        instrument,
        underlying,
        settlementCurrency,
        expiry,
        kind,
        putCall,
        losses,
        compositeDelta,
        value,
        underlyingPrice,
        1.0);
  }

  public RiskArray {
    Problems problems = new Problems();
    if (instrument == null || instrument.isBlank()) {
      problems.add("instrument", "is required");
    }
    if (underlying == null || underlying.isBlank()) {
      problems.add("underlying", "is required");
    }
    if (settlementCurrency == null || settlementCurrency.isBlank()) {
      problems.add("settlementCurrency", "is required");
    }
    if (losses == null || losses.length == 0) {
      problems.add("losses", "at least one scenario loss is required");
    } else {
      for (int i = 0; i < losses.length; i++) {
        // Name the field only for a bad loss: building it for every entry dominated a snapshot
        // build's allocation.
        if (!Double.isFinite(losses[i])) {
          problems.requireFinite("losses[" + i + "]", losses[i]);
        }
      }
    }
    problems.requireFinite("compositeDelta", compositeDelta);
    if (Double.isInfinite(value)) {
      problems.add("value", "must be finite or unknown (NaN)");
    }
    if (!Double.isNaN(underlyingPrice)
        && !(underlyingPrice > 0 && Double.isFinite(underlyingPrice))) {
      problems.add("underlyingPrice", "must be > 0 or unknown, was " + underlyingPrice);
    }
    if (!(contractSize > 0 && Double.isFinite(contractSize))) {
      problems.add("contractSize", "must be a positive number of coins, was " + contractSize);
    }
    if (kind == InstrumentKind.OPTION && putCall == null) {
      problems.add("putCall", "is required for an option");
    }
    problems.throwIfAny();
    losses = losses.clone();
  }

  /** Number of scenarios. */
  public int size() {
    return losses.length;
  }

  /** The loss in one scenario (0-based index). */
  public double loss(int scenarioIndex) {
    return losses[scenarioIndex];
  }

  @Override
  public double[] losses() {
    return losses.clone();
  }

  /** Whether this is an option (known from the kind, or from a put/call flag). */
  public boolean isOption() {
    return kind == InstrumentKind.OPTION || putCall != null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RiskArray r
        && instrument.equals(r.instrument)
        && underlying.equals(r.underlying)
        && settlementCurrency.equals(r.settlementCurrency)
        && Objects.equals(expiry, r.expiry)
        && kind == r.kind
        && putCall == r.putCall
        && Arrays.equals(losses, r.losses)
        && Double.compare(compositeDelta, r.compositeDelta) == 0
        && Double.compare(value, r.value) == 0
        && Double.compare(underlyingPrice, r.underlyingPrice) == 0
        && Double.compare(contractSize, r.contractSize) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
                instrument,
                underlying,
                settlementCurrency,
                expiry,
                kind,
                putCall,
                compositeDelta,
                value,
                underlyingPrice,
                contractSize)
            * 31
        + Arrays.hashCode(losses);
  }

  @Override
  public String toString() {
    return "RiskArray["
        + instrument
        + " "
        + underlying
        + "/"
        + settlementCurrency
        + " losses="
        + Arrays.toString(losses)
        + " delta="
        + compositeDelta
        + " value="
        + value
        + "]";
  }
}
