package io.cryptomargin.pricing;

import io.cryptomargin.instrument.EuropeanOption;
import io.cryptomargin.instrument.Future;
import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.instrument.Perpetual;
import io.cryptomargin.instrument.Settlement;
import io.cryptomargin.instrument.Spot;
import io.cryptomargin.market.Mark;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.validation.ValidationException;
import java.util.Optional;

/**
 * Values any instrument, per contract, in its settlement currency. Stateless.
 *
 * <p>Futures and perpetuals are valued against an entry forward (a position's P&amp;L since the
 * snapshot): linear (F − F₀)·size in USD, inverse (F − F₀)/F·size in coin, as Deribit's inverse
 * contracts pay. Spot is worth S·size in USD. Options are Black-76, divided by the forward when
 * inverse.
 */
public final class InstrumentPricer {
  private InstrumentPricer() {}

  /**
   * The inputs an instrument is valued from in a market as observed: a contract at or past its
   * expiry is an error ({@link ExpiryPolicy#REJECT_EXPIRED}).
   *
   * @throws ValidationException for an unknown underlying or an expired contract
   */
  public static PricingInputs inputs(Instrument instrument, MarketSnapshot snapshot) {
    return inputs(instrument, snapshot, ExpiryPolicy.REJECT_EXPIRED);
  }

  /**
   * The inputs an instrument is valued from in a snapshot.
   *
   * @param expiry what to do with a contract at or past its expiry: an error for a market as
   *     observed, intrinsic value (zero years) for a scenario that looks past the expiry
   * @throws ValidationException for an unknown underlying, or an expired contract under {@link
   *     ExpiryPolicy#REJECT_EXPIRED}
   */
  public static PricingInputs inputs(
      Instrument instrument, MarketSnapshot snapshot, ExpiryPolicy expiry) {
    Optional<Mark> mark = snapshot.mark(instrument.name());
    if (instrument instanceof EuropeanOption option) {
      return new PricingInputs(
          snapshot.forward(option.underlying(), option.expiryTime()),
          liveYears(instrument, snapshot, option.expiryTime(), expiry),
          snapshot.vol(option));
    }
    if (instrument instanceof Future future) {
      return new PricingInputs(
          markForward(mark)
              .orElseGet(() -> snapshot.forward(future.underlying(), future.expiryTime())),
          liveYears(instrument, snapshot, future.expiryTime(), expiry),
          0.0);
    }
    if (instrument instanceof Perpetual) {
      return new PricingInputs(
          markForward(mark).orElseGet(() -> snapshot.index(instrument.underlying())), 0.0, 0.0);
    }
    return new PricingInputs(snapshot.index(instrument.underlying()), 0.0, 0.0);
  }

  /**
   * The value of one contract given its inputs, in the settlement currency.
   *
   * @param entryForward the forward futures and perpetuals are valued against (their P&amp;L is
   *     zero there)
   */
  public static double value(
      Instrument instrument, double forward, double years, double vol, double entryForward) {
    double size = instrument.contractSize();
    boolean inverse = instrument.settlement() == Settlement.INVERSE;
    if (instrument instanceof EuropeanOption option) {
      return size
          * Black76.price(forward, option.strike(), Math.max(years, 0.0), vol, option.putCall())
          / (inverse ? forward : 1.0);
    }
    if (instrument instanceof Spot) {
      return forward * size;
    }
    // Futures and perpetuals: P&L against the entry forward.
    return size * (forward - entryForward) / (inverse ? forward : 1.0);
  }

  /**
   * The value of one contract in the snapshot, settlement currency: the mark price of an option
   * when the snapshot has one, else the model; zero for futures and perpetuals (their P&amp;L is
   * settled against the snapshot's price); S·size for spot.
   */
  public static double presentValue(Instrument instrument, MarketSnapshot snapshot) {
    return markValue(instrument, snapshot)
        .orElseGet(
            () -> {
              PricingInputs in = inputs(instrument, snapshot, ExpiryPolicy.REJECT_EXPIRED);
              return value(instrument, in.forward(), in.years(), in.vol(), in.forward());
            });
  }

  /**
   * As {@link #presentValue(Instrument, MarketSnapshot)}, for a caller that already has the model
   * value at the snapshot's inputs (a risk-array build), so the market is not read twice.
   */
  public static double presentValue(
      Instrument instrument, MarketSnapshot snapshot, double modelValue) {
    return markValue(instrument, snapshot).orElse(modelValue);
  }

  private static Optional<Double> markValue(Instrument instrument, MarketSnapshot snapshot) {
    if (instrument instanceof EuropeanOption) {
      Optional<Mark> mark = snapshot.mark(instrument.name());
      if (mark.isPresent() && mark.get().price().isPresent()) {
        return Optional.of(mark.get().price().getAsDouble() * instrument.contractSize());
      }
    }
    return Optional.empty();
  }

  /**
   * Delta of one contract in coins of the underlying: d(USD value)/d(forward), the exposure the
   * margin charges net. The same for linear and inverse contracts on the same terms.
   */
  public static double delta(Instrument instrument, double forward, double years, double vol) {
    double size = instrument.contractSize();
    if (instrument instanceof EuropeanOption option) {
      if (years <= 0 || vol <= 0) {
        double intrinsic = Math.max(option.putCall().sign() * (forward - option.strike()), 0.0);
        return intrinsic > 0 ? size * option.putCall().sign() : 0.0;
      }
      return size * Black76.delta(forward, option.strike(), years, vol, option.putCall());
    }
    return size;
  }

  private static Optional<Double> markForward(Optional<Mark> mark) {
    return mark.filter(m -> m.forward().isPresent()).map(m -> m.forward().getAsDouble());
  }

  private static double liveYears(
      Instrument instrument,
      MarketSnapshot snapshot,
      java.time.Instant expiry,
      ExpiryPolicy policy) {
    double years = snapshot.yearsTo(expiry);
    if (years <= 0 && policy == ExpiryPolicy.INTRINSIC_PAST_EXPIRY) {
      return 0.0;
    }
    if (years <= 0) {
      throw ValidationException.of(
          instrument.name(),
          "expired: expiry " + expiry + " is not after the snapshot time " + snapshot.asOf());
    }
    return years;
  }
}
