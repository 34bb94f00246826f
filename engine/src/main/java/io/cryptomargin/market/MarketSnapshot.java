package io.cryptomargin.market;

import io.cryptomargin.instrument.DeribitNames;
import io.cryptomargin.instrument.EuropeanOption;
import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * An immutable market snapshot.
 *
 * @param id identifies the snapshot in results and caches (by default its time)
 * @param asOf when the snapshot was taken
 * @param underlyings the market of each underlying, by coin
 * @param marks venue marks by instrument name (may be empty); the names are also the snapshot's
 *     instrument universe
 * @param volShocks vol shocks of scenarios applied to this snapshot, per coin, in order (empty for
 *     a market as observed); applied whenever a vol is looked up, so they can depend on the expiry
 * @param contractSizes coins of the underlying per contract, by instrument name, for instruments of
 *     the universe whose size is not Deribit's 1 coin (e.g. 0.1); absent names are 1
 */
public record MarketSnapshot(
    String id,
    Instant asOf,
    Map<String, UnderlyingMarket> underlyings,
    Map<String, Mark> marks,
    Map<String, List<AppliedVolShock>> volShocks,
    Map<String, Double> contractSizes) {
  /** A snapshot as observed (no scenario applied), every contract 1 coin. */
  public MarketSnapshot(
      String id, Instant asOf, Map<String, UnderlyingMarket> underlyings, Map<String, Mark> marks) {
    this(id, asOf, underlyings, marks, Map.of(), Map.of());
  }

  /** A snapshot with vol shocks applied, every contract 1 coin. */
  public MarketSnapshot(
      String id,
      Instant asOf,
      Map<String, UnderlyingMarket> underlyings,
      Map<String, Mark> marks,
      Map<String, List<AppliedVolShock>> volShocks) {
    this(id, asOf, underlyings, marks, volShocks, Map.of());
  }

  public MarketSnapshot {
    Objects.requireNonNull(asOf, "asOf");
    if (id == null || id.isBlank()) {
      id = asOf.toString();
    }
    if (underlyings.isEmpty()) {
      throw ValidationException.of("underlyings", "a snapshot needs at least one underlying");
    }
    underlyings = Collections.unmodifiableMap(new TreeMap<>(underlyings));
    marks = Collections.unmodifiableMap(new LinkedHashMap<>(marks));
    Map<String, List<AppliedVolShock>> shocks = new TreeMap<>();
    volShocks.forEach((coin, list) -> shocks.put(coin, List.copyOf(list)));
    volShocks = Collections.unmodifiableMap(shocks);
    Problems problems = new Problems();
    contractSizes.forEach((name, size) -> problems.requirePositive("contractSizes." + name, size));
    problems.throwIfAny();
    contractSizes = Collections.unmodifiableMap(new TreeMap<>(contractSizes));
  }

  /**
   * An instrument of the snapshot's universe by its Deribit name, with its contract size.
   *
   * @throws ValidationException for a malformed name
   */
  public Instrument instrument(String name) {
    return DeribitNames.parse(name, contractSizes.getOrDefault(name, 1.0));
  }

  /** A snapshot with no marks, identified by its time. */
  public static MarketSnapshot of(Instant asOf, Map<String, UnderlyingMarket> underlyings) {
    return new MarketSnapshot(null, asOf, underlyings, Map.of());
  }

  /**
   * The market of an underlying.
   *
   * @throws ValidationException when the snapshot does not have it
   */
  public UnderlyingMarket underlying(String coin) {
    UnderlyingMarket market = underlyings.get(coin);
    if (market == null) {
      throw ValidationException.of(
          "underlying",
          "unknown underlying '" + coin + "': snapshot " + id + " has " + underlyings.keySet());
    }
    return market;
  }

  /** The index (spot) price of an underlying, USD per coin. */
  public double index(String coin) {
    return underlying(coin).indexPrice();
  }

  /** Years from this snapshot to an instant (negative when it is past). */
  public double yearsTo(Instant when) {
    return YearFractions.between(asOf, when);
  }

  /**
   * The forward of an underlying for an expiry, USD per coin: the quoted one, else interpolated in
   * time between the index (now) and the quoted forwards, flat after the last quoted expiry.
   */
  public double forward(String coin, Instant expiry) {
    UnderlyingMarket market = underlying(coin);
    NavigableMap<Instant, Double> forwards = market.forwards();
    Double exact = forwards.get(expiry);
    if (exact != null) {
      return exact;
    }
    Map.Entry<Instant, Double> above = forwards.higherEntry(expiry);
    if (above == null) {
      return forwards.isEmpty() ? market.indexPrice() : forwards.lastEntry().getValue();
    }
    Map.Entry<Instant, Double> below = forwards.lowerEntry(expiry);
    Instant t0 = below == null || below.getKey().isBefore(asOf) ? asOf : below.getKey();
    double f0 =
        below == null || below.getKey().isBefore(asOf) ? market.indexPrice() : below.getValue();
    if (!expiry.isAfter(t0)) {
      return f0;
    }
    double share =
        (double) Duration.between(t0, expiry).toMillis()
            / Duration.between(t0, above.getKey()).toMillis();
    return f0 + (above.getValue() - f0) * share;
  }

  /**
   * The surface vol of an underlying at a strike and expiry (after any applied shocks), annual
   * fraction.
   */
  public double surfaceVol(String coin, double strike, Instant expiry) {
    double vol =
        underlying(coin)
            .volSurface()
            .vol(strike, expiry, yearsTo(expiry), e -> forward(coin, e), this::yearsTo);
    return shocked(coin, vol, expiry);
  }

  /**
   * The vol an option is valued with: its mark's implied vol when there is one, else the surface's;
   * either after any applied shocks.
   */
  public double vol(EuropeanOption option) {
    Mark mark = marks.get(option.name());
    if (mark != null && mark.impliedVol().isPresent()) {
      return shocked(option.underlying(), mark.impliedVol().getAsDouble(), option.expiryTime());
    }
    return surfaceVol(option.underlying(), option.strike(), option.expiryTime());
  }

  private double shocked(String coin, double vol, Instant expiry) {
    for (AppliedVolShock shock : volShocks.getOrDefault(coin, List.of())) {
      vol = shock.apply(vol, expiry);
    }
    return vol;
  }

  /** The mark of an instrument, if the snapshot has one. */
  public Optional<Mark> mark(String instrument) {
    return Optional.ofNullable(marks.get(instrument));
  }

  /** The snapshot with another set of marks. */
  public MarketSnapshot withMarks(Map<String, Mark> newMarks) {
    return new MarketSnapshot(id, asOf, underlyings, newMarks, volShocks, contractSizes);
  }

  /**
   * The market after a shift of one underlying: index and forwards move by the price move, vols by
   * the shock (evaluated per expiry from this snapshot's time when a vol is looked up), the clock
   * by the look-ahead. Mark prices are dropped (they described the old market); mark vols are
   * shocked like the surface. Returns a new snapshot.
   */
  public MarketSnapshot shifted(String coin, MarketShift shift) {
    UnderlyingMarket market = underlying(coin);
    double factor = 1 + shift.priceMove();
    TreeMap<Instant, Double> forwards = new TreeMap<>();
    market.forwards().forEach((expiry, forward) -> forwards.put(expiry, forward * factor));
    Map<String, UnderlyingMarket> moved = new TreeMap<>(underlyings);
    moved.put(
        coin, new UnderlyingMarket(market.indexPrice() * factor, forwards, market.volSurface()));
    Map<String, Mark> shiftedMarks = new LinkedHashMap<>();
    marks.forEach(
        (name, mark) ->
            shiftedMarks.put(
                name,
                isOn(coin, name)
                    ? new Mark(
                        OptionalDouble.empty(),
                        mark.impliedVol(),
                        mark.forward().isPresent()
                            ? OptionalDouble.of(mark.forward().getAsDouble() * factor)
                            : OptionalDouble.empty(),
                        Optional.empty())
                    : mark));
    Map<String, List<AppliedVolShock>> shocks = new TreeMap<>(volShocks);
    List<AppliedVolShock> coinShocks = new ArrayList<>(volShocks.getOrDefault(coin, List.of()));
    coinShocks.add(new AppliedVolShock(shift.volShock(), asOf));
    shocks.put(coin, coinShocks);
    Instant later = asOf.plusMillis(Math.round(shift.lookAheadDays() * 86_400_000.0));
    return new MarketSnapshot(id + "+shift", later, moved, shiftedMarks, shocks, contractSizes);
  }

  /**
   * Whether an instrument name (Deribit style) is on a coin: {@code BTC-...} or {@code
   * BTC_USDC-...}.
   */
  private static boolean isOn(String coin, String name) {
    return name.startsWith(coin + "-") || name.startsWith(coin + "_");
  }
}
