package io.cryptomargin.historical;

import io.cryptomargin.book.AccountMargin;
import io.cryptomargin.book.BookInstruments;
import io.cryptomargin.book.CommodityMargin;
import io.cryptomargin.book.MarginParameters;
import io.cryptomargin.book.MarginStatus;
import io.cryptomargin.book.ParameterSetRef;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.Position;
import io.cryptomargin.book.PositionContribution;
import io.cryptomargin.book.UsdRates;
import io.cryptomargin.instrument.EuropeanOption;
import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.instrument.InstrumentKind;
import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.pricing.ExpiryPolicy;
import io.cryptomargin.pricing.InstrumentPricer;
import io.cryptomargin.pricing.PricingInputs;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The {@code historical-var} margin model (METHODOLOGY 2d): every position fully revalued in every
 * dated scenario with the engine's pricers, losses summed across underlyings in USD per scenario
 * (joint dates, so diversification is what history shows). On the mark-to-market basis (METHODOLOGY
 * 1a): maintenance margin = expected shortfall of that loss plus the calendar spread charge when
 * the model file sets a rate (and the short option minimum when it sets one; the built-in file sets
 * none); initial margin = maintenance × the file's initial factor. Net option value is reported and
 * counted in equity, never subtracted from a requirement.
 *
 * <p>Per combined commodity the result reads like the other models': scanning risk is the
 * commodity's stand-alone ES, and the inter-commodity credit is its diversification: the joint ES
 * is shared out in proportion to the stand-alone ESs, so every commodity is credited the same
 * fraction 1 − ES_joint / Σ ES_standalone of its stand-alone ES and the commodities' risks add up
 * to the joint ES when no other charge binds. (Sharing by each commodity's mean loss in the joint
 * tail would be the Euler allocation, but a perfect hedge makes that tail arbitrary and one leg's
 * share negative, which a per-commodity floor at zero would turn into margin on a riskless book.)
 *
 * <p>Calendar risk: the history has one price per coin, so scenarios move every expiry alike; the
 * calendar spread charge of section 3 is therefore added, on the current (not composite) deltas.
 * Inverse books' coin losses are converted to USD at the snapshot's index, as the other models'
 * account totals are.
 */
public final class HistoricalVarModel {
  /** The model id. */
  public static final String ID = "historical-var";

  /**
   * Days between the last close used and the snapshot beyond which the report warns: the close of
   * the day before is the normal case; crypto trades every day, so a gap of days means a stale
   * file.
   */
  static final long STALE_HISTORY_DAYS = 3;

  private final String version;
  private final String description;
  private final HistoricalVarParameters parameters;
  private final MarginParameters marginParameters;
  private final HistoricalScenarioGenerator generator;

  /**
   * @param version the parameter version recorded in results
   * @param description where the parameters come from
   * @param parameters the historical simulation parameters
   * @param marginParameters the charges shared with the scenario models
   * @param history the closes scenarios are drawn from
   */
  public HistoricalVarModel(
      String version,
      String description,
      HistoricalVarParameters parameters,
      MarginParameters marginParameters,
      PriceHistory history) {
    this.version = Objects.requireNonNull(version, "version");
    this.description = description == null ? "" : description;
    this.parameters = Objects.requireNonNull(parameters, "parameters");
    this.marginParameters = Objects.requireNonNull(marginParameters, "marginParameters");
    this.generator =
        new HistoricalScenarioGenerator(Objects.requireNonNull(history, "history"), parameters);
  }

  /** The parameter version. */
  public String version() {
    return version;
  }

  /** What the model is. */
  public String description() {
    return description;
  }

  /** The historical simulation parameters. */
  public HistoricalVarParameters parameters() {
    return parameters;
  }

  /** The charges. */
  public MarginParameters marginParameters() {
    return marginParameters;
  }

  /** The price history. */
  public PriceHistory history() {
    return generator.history();
  }

  /** The scenario generator (shared with the backtest, which reads its EWMA vols). */
  public HistoricalScenarioGenerator generator() {
    return generator;
  }

  /**
   * The last close known at a time: a day's close is known at the end of that UTC day.
   *
   * @param asOf a snapshot time
   */
  public static LocalDate lastCloseKnownAt(Instant asOf) {
    return LocalDate.ofInstant(asOf.minus(Duration.ofDays(1)), ZoneOffset.UTC);
  }

  /**
   * Margins a book in a snapshot, with scenarios fitted on the closes known at the snapshot time.
   *
   * @throws ValidationException naming every underlying of the book without history, and every bad
   *     instrument name, unknown underlying or expired contract
   */
  public HistoricalVarMargin margin(Portfolio portfolio, MarketSnapshot snapshot) {
    List<Instrument> instruments = BookInstruments.of(portfolio, snapshot);
    Problems problems = new Problems();
    for (String coin : instruments.stream().map(Instrument::underlying).distinct().toList()) {
      if (!history().has(coin)) {
        problems.add(
            "history." + coin,
            "no price history for underlying "
                + coin
                + " in "
                + history().source()
                + " (it has "
                + history().coins()
                + "): historical-var cannot margin "
                + coin
                + " positions; supply a history file with a "
                + coin
                + " column");
      }
    }
    problems.throwIfAny();
    HistoricalScenarioSet set = generator.asOf(lastCloseKnownAt(snapshot.asOf()));
    int n = set.size();
    Map<String, Double> net = new LinkedHashMap<>();
    for (Position p : portfolio.positions()) {
      net.merge(p.instrument(), p.quantity(), Double::sum);
    }
    UsdRates rates = UsdRates.fromSnapshot(snapshot);
    double[] total = new double[n];
    Map<String, Book> books = new TreeMap<>();
    for (Instrument instrument : instruments) {
      double quantity = net.get(instrument.name());
      try {
        Book book =
            books.computeIfAbsent(
                instrument.underlying() + "/" + instrument.settlementCurrency(),
                key ->
                    new Book(
                        instrument.underlying(),
                        instrument.settlementCurrency(),
                        n,
                        rates.usdPer(instrument.settlementCurrency()),
                        snapshot.index(instrument.underlying())));
        book.add(instrument, quantity, snapshot, set, total);
      } catch (ValidationException e) {
        problems.addAll("positions." + instrument.name(), e);
      }
    }
    problems.throwIfAny();

    TailRisk joint = ExpectedShortfall.of(total, parameters.confidence());
    int worst =
        IntStream.range(0, n).boxed().max(Comparator.comparingDouble(i -> total[i])).orElse(0);
    String label =
        String.format(
            "worst of %d dated scenarios: %s; ES %.4g%% = mean of the %d worst",
            n, set.scenarios().get(worst).date(), parameters.confidence() * 100, joint.tailSize());
    List<CommodityMargin> commodities = new ArrayList<>();
    double initialUsd = 0;
    double maintenanceUsd = 0;
    double positionsValueUsd = 0;
    double standAloneSum = 0;
    for (Book book : books.values()) {
      book.standAloneUsd =
          Math.max(
              0.0, ExpectedShortfall.of(book.lossUsd, parameters.confidence()).expectedShortfall());
      standAloneSum += book.standAloneUsd;
    }
    double diversifiedShare =
        standAloneSum > 0
            ? Math.min(1.0, Math.max(0.0, joint.expectedShortfall()) / standAloneSum)
            : 0.0;
    for (Book book : books.values()) {
      CommodityMargin margin = book.margin(diversifiedShare, worst, label, snapshot.asOf());
      commodities.add(margin);
      initialUsd += margin.initialMarginUsd();
      maintenanceUsd += margin.maintenanceMarginUsd();
      positionsValueUsd += (book.netOptionValue + book.spotValue) * book.usdPerUnit;
    }
    double collateralUsd = rates.collateralValue(portfolio);
    double equity = collateralUsd + positionsValueUsd;
    boolean qualified = equity >= marginParameters.minimumEquityUsd();
    List<String> notes = new ArrayList<>();
    LocalDate from = set.scenarios().get(0).date();
    notes.add(
        String.format(
            "historical-var: ES at %s%% over %d dated scenarios (%s, %d-day horizon, %s) from %s, "
                + "%s to %s",
            fmt(parameters.confidence() * 100),
            n,
            parameters.weighting().name().toLowerCase(Locale.ROOT),
            parameters.horizonDays(),
            parameters.horizonScaling().name().toLowerCase(Locale.ROOT).replace('_', ' '),
            history().source(),
            from,
            set.asOf()));
    if (set.lookbackWindowDays() < parameters.lookbackDays()) {
      notes.add(
          "the history holds only "
              + set.lookbackWindowDays()
              + " of the "
              + parameters.lookbackDays()
              + " lookback days up to "
              + set.asOf());
    }
    for (StressPeriod missing : set.stressPeriodsMissing()) {
      notes.add(
          "stress period "
              + missing.from()
              + " to "
              + missing.to()
              + " is not in the scenarios: "
              + history().source()
              + " holds no return of it (or it is after "
              + set.asOf()
              + ")");
    }
    long daysSinceLastClose =
        ChronoUnit.DAYS.between(set.asOf(), snapshot.asOf().atZone(ZoneOffset.UTC).toLocalDate());
    if (daysSinceLastClose > STALE_HISTORY_DAYS) {
      notes.add(
          "the history's last close before the snapshot is "
              + set.asOf()
              + ", "
              + daysSinceLastClose
              + " days earlier: the scenarios miss every move since");
    }
    if (!qualified) {
      notes.add(
          String.format(
              "equity %.2f USD is below the %.2f USD minimum for portfolio margin: "
                  + "the rules-based margin applies to this account",
              equity, marginParameters.minimumEquityUsd()));
    }
    AccountMargin account =
        new AccountMargin(
            portfolio.account(),
            ID,
            new ParameterSetRef(ID, version),
            snapshot.id(),
            initialUsd,
            maintenanceUsd,
            equity,
            collateralUsd,
            MarginStatus.of(equity, initialUsd, maintenanceUsd),
            qualified,
            notes,
            commodities);
    return new HistoricalVarMargin(
        account,
        joint.expectedShortfall(),
        joint.valueAtRisk(),
        parameters.confidence(),
        n,
        joint.tailSize(),
        from,
        set.asOf(),
        worstScenarios(set, total));
  }

  private List<ScenarioLoss> worstScenarios(HistoricalScenarioSet set, double[] total) {
    return IntStream.range(0, total.length)
        .boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> total[i]).reversed())
        .limit(parameters.worstScenariosReported())
        .map(
            i -> {
              HistoricalScenario s = set.scenarios().get(i);
              Map<String, Double> moves = new LinkedHashMap<>();
              for (int k = 0; k < set.coins().size(); k++) {
                moves.put(set.coins().get(k), s.priceMove(k));
              }
              return new ScenarioLoss(s.date(), s.source(), total[i], moves);
            })
        .toList();
  }

  private static String fmt(double x) {
    return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
  }

  /** One combined commodity's scenario losses and charge inputs. */
  private final class Book {
    final String underlying;
    final String settlementCurrency;
    final double usdPerUnit;
    final double indexPrice;
    final double[] lossUsd;
    final List<Instrument> instruments = new ArrayList<>();
    final List<double[]> positionLosses = new ArrayList<>();
    final List<Double> quantities = new ArrayList<>();
    final Map<Instant, Double> deltaByExpiry =
        new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
    double netDelta;
    double shortCalls;
    double shortPuts;
    double netOptionValue;
    double spotValue;
    double standAloneUsd;

    Book(
        String underlying,
        String settlementCurrency,
        int scenarios,
        double usdPerUnit,
        double indexPrice) {
      this.underlying = underlying;
      this.settlementCurrency = settlementCurrency;
      this.usdPerUnit = usdPerUnit;
      this.indexPrice = indexPrice;
      this.lossUsd = new double[scenarios];
    }

    void add(
        Instrument instrument,
        double quantity,
        MarketSnapshot snapshot,
        HistoricalScenarioSet set,
        double[] total) {
      int coin = set.coinIndex(instrument.underlying());
      PricingInputs base =
          InstrumentPricer.inputs(instrument, snapshot, ExpiryPolicy.REJECT_EXPIRED);
      // One price per instrument (METHODOLOGY 1a): losses start from the mark equity holds, so a
      // long option can never need more than its value.
      double baseValue =
          InstrumentPricer.presentValue(
              instrument,
              snapshot,
              InstrumentPricer.value(
                  instrument, base.forward(), base.years(), base.vol(), base.forward()));
      double laterYears = Math.max(base.years() - set.horizonDays() / 365.0, 0.0);
      double[] losses = new double[set.size()];
      for (int s = 0; s < losses.length; s++) {
        HistoricalScenario scenario = set.scenarios().get(s);
        double forward = base.forward() * (1 + scenario.priceMove(coin));
        double vol = base.vol() * scenario.volMultiplier(coin);
        double value = InstrumentPricer.value(instrument, forward, laterYears, vol, base.forward());
        losses[s] = quantity * (baseValue - value);
        double usd = losses[s] * usdPerUnit;
        lossUsd[s] += usd;
        total[s] += usd;
      }
      instruments.add(instrument);
      positionLosses.add(losses);
      quantities.add(quantity);
      double delta =
          quantity * InstrumentPricer.delta(instrument, base.forward(), base.years(), base.vol());
      netDelta += delta;
      deltaByExpiry.merge(instrument.expiry().orElse(null), delta, Double::sum);
      if (instrument instanceof EuropeanOption option) {
        if (quantity < 0) {
          if (option.putCall() == PutCall.CALL) {
            shortCalls -= quantity;
          } else {
            shortPuts -= quantity;
          }
        }
        netOptionValue += quantity * baseValue;
      } else if (instrument.kind() == InstrumentKind.SPOT) {
        spotValue += quantity * InstrumentPricer.presentValue(instrument, snapshot);
      }
    }

    CommodityMargin margin(double diversifiedShare, int worst, String label, Instant asOf) {
      double scanningRisk = standAloneUsd / usdPerUnit;
      double interCredit = scanningRisk * (1 - diversifiedShare);
      // An inverse book counts its coin at one coin per coin, as the scenario models do.
      double price = settlementCurrency.equals(underlying) ? 1.0 : indexPrice;
      double intraCharge =
          marginParameters.intraSpreadRate()
              * marginParameters.matchedCalendarDelta(deltaByExpiry, asOf)
              * price;
      double shortOptionMinimum =
          marginParameters.shortOptionMinimumRate() * Math.max(shortCalls, shortPuts) * price;
      double risk = Math.max(scanningRisk + intraCharge - interCredit, shortOptionMinimum);
      // Mark-to-market basis (METHODOLOGY 1a, 2d): equity already holds the options at their marks,
      // so the requirement is the further loss alone; net option value is reported, never
      // subtracted.
      double maintenance = risk;
      double initial = maintenance * marginParameters.initialToMaintenance();
      List<PositionContribution> contributions = new ArrayList<>();
      for (int i = 0; i < instruments.size(); i++) {
        contributions.add(
            new PositionContribution(
                instruments.get(i).name(), quantities.get(i), positionLosses.get(i)[worst]));
      }
      return new CommodityMargin(
          underlying,
          settlementCurrency,
          indexPrice,
          scanningRisk,
          worst + 1,
          label,
          netDelta,
          intraCharge,
          interCredit,
          shortOptionMinimum,
          netOptionValue,
          risk,
          maintenance,
          initial,
          maintenance * usdPerUnit,
          initial * usdPerUnit,
          contributions);
    }
  }
}
