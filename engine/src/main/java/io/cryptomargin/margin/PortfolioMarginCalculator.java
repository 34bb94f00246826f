package io.cryptomargin.margin;

import io.cryptomargin.book.AccountMargin;
import io.cryptomargin.book.AccountType;
import io.cryptomargin.book.BookCheck;
import io.cryptomargin.book.CommodityMargin;
import io.cryptomargin.book.InterCommodityPair;
import io.cryptomargin.book.MarginMode;
import io.cryptomargin.book.MarginParameters;
import io.cryptomargin.book.MarginStatus;
import io.cryptomargin.book.ParameterSetRef;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.Position;
import io.cryptomargin.book.PositionContribution;
import io.cryptomargin.book.UsdRates;
import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.instrument.InstrumentKind;
import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.riskarray.RiskArray;
import io.cryptomargin.riskarray.RiskArraySet;
import io.cryptomargin.scenario.CryptoPmDefinition;
import io.cryptomargin.scenario.Span16Definition;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Portfolio margin from risk arrays (METHODOLOGY section 3). Stateless; works equally on arrays
 * computed from a snapshot and on arrays supplied by a clearing house (no pricing happens here).
 */
public final class PortfolioMarginCalculator {
  private PortfolioMarginCalculator() {}

  /**
   * The margin of an account.
   *
   * @param portfolio the book
   * @param arrays a risk array for every instrument of the book
   * @param model the model whose charges apply (its scenario set must be the arrays')
   * @param rates USD per unit of every currency involved
   * @param asOf the time expiry tiers are measured from (the snapshot's)
   * @throws ValidationException listing every instrument without an array and every missing price
   */
  public static AccountMargin margin(
      Portfolio portfolio, RiskArraySet arrays, MarginModel model, UsdRates rates, Instant asOf) {
    if (!arrays.scenarioSetId().equals(model.id())) {
      throw ValidationException.of(
          "model",
          "risk arrays are "
              + arrays.scenarioSetId()
              + " but the model is "
              + model.id()
              + ": margin them with --model "
              + arrays.scenarioSetId());
    }
    NetBook net = NetBook.of(portfolio);
    Problems problems = new Problems();
    // Few commodities per account: a list searched linearly, sorted by key at the end (the order a
    // TreeMap keyed "underlying/settlement" gave), beats building and comparing a key per holding.
    List<CommodityBook> books = new ArrayList<>(2);
    CommodityBook last = null;
    // A RiskArraySet holds only arrays of its own scenario count, so one comparison covers every
    // holding.
    boolean arrayLengthDiffersFromModel =
        arrays.scenarioCount() != model.scenarios().scenarioCount();
    for (int h = 0; h < net.size; h++) {
      RiskArray array = arrays.arrays().get(net.instruments[h]);
      if (array == null) {
        problems.add(
            portfolio.positionPath(net.instruments[h]) + ".instrument",
            BookCheck.noArray(net.instruments[h], arrays));
        continue;
      }
      if (arrayLengthDiffersFromModel) {
        problems.add(
            "riskArrays." + array.instrument(),
            array.instrument()
                + " has "
                + array.size()
                + " scenario losses, the "
                + model.id()
                + " model has "
                + model.scenarios().scenarioCount()
                + " scenarios (one loss per scenario)");
        continue;
      }
      if (last == null || !last.holds(array)) {
        last = null;
        for (CommodityBook book : books) {
          if (book.holds(array)) {
            last = book;
            break;
          }
        }
        if (last == null) {
          last =
              new CommodityBook(
                  array.underlying(), array.settlementCurrency(), arrays.scenarioCount());
          books.add(last);
        }
      }
      last.add(array, net.quantities[h]);
    }
    if (model.charges() instanceof CryptoPmCharges && portfolio.marginMode() == MarginMode.CROSS) {
      // X:PM: a coin balance is a position in its own currency's vector, so that currency has a
      // book.
      for (String coin : portfolio.collateral().keySet()) {
        if (!Instrument.isUsdLike(coin)
            && books.stream()
                .noneMatch(b -> b.underlying.equals(coin) && b.settlementCurrency.equals(coin))) {
          books.add(new CommodityBook(coin, coin, arrays.scenarioCount()));
        }
      }
    }
    books.sort(Comparator.comparing(book -> book.key));
    problems.throwIfAny();

    for (CommodityBook book : books) {
      book.scan();
      book.price = rates.knows(book.underlying) ? rates.usdPer(book.underlying) : book.arrayPrice;
      book.netOptionValue = book.optionValue(problems);
    }
    problems.throwIfAny();
    Aggregate account;
    if (model.charges() instanceof CryptoPmCharges charges) {
      account =
          CryptoPmAggregation.aggregate(
              books,
              portfolio,
              (CryptoPmDefinition) model.scenarios(),
              charges,
              rates,
              arrays.scenarioLabels(),
              problems);
    } else if (model.charges() instanceof TimsCharges charges) {
      account = tims(books, charges, problems);
    } else {
      account = span(books, model, portfolio.accountType(), asOf, problems);
    }
    problems.throwIfAny();
    for (CommodityBook book : books) {
      book.requireFinite(portfolio, problems);
    }
    problems.throwIfAny();

    List<CommodityMargin> commodities = new ArrayList<>();
    double positionsValueUsd = 0;
    double optionValueUsd = 0;
    for (CommodityBook book : books) {
      double usdPerUnit = rates.usdPer(book.settlementCurrency);
      positionsValueUsd += (book.netOptionValue + book.spotValue) * usdPerUnit;
      optionValueUsd += book.netOptionValue * usdPerUnit;
      commodities.add(
          new CommodityMargin(
              book.underlying,
              book.settlementCurrency,
              book.price,
              book.scanningRisk,
              book.binding + 1,
              arrays.scenarioLabels().get(book.binding),
              book.netDelta,
              book.intraCharge,
              book.interCredit,
              book.shortOptionMinimum,
              book.netOptionValue,
              book.risk,
              book.maintenance,
              book.initial,
              book.maintenance * usdPerUnit,
              book.initial * usdPerUnit,
              book.contributions(),
              book.rollShock,
              book.undampenedExtended,
              book.undampenedExtendedCell < 0
                  ? ""
                  : arrays.scenarioLabels().get(book.undampenedExtendedCell)));
    }
    double collateralUsd = rates.collateralValue(portfolio);
    double haircutUsd =
        model.charges() instanceof CryptoPmCharges charges
            ? haircuts(portfolio, charges, rates)
            : 0.0;
    double equity = collateralUsd + positionsValueUsd;
    MarginParameters parameters = model.parameters();
    boolean qualified = equity >= parameters.minimumEquityUsd();
    List<String> notes = new ArrayList<>();
    if (!qualified) {
      notes.add(
          String.format(
              "equity %.2f USD is below the %.2f USD minimum for portfolio margin: "
                  + "the rules-based margin applies to this account",
              equity, parameters.minimumEquityUsd()));
    }
    notes.addAll(account.notes);
    return new AccountMargin(
        portfolio.account(),
        model.id(),
        new ParameterSetRef(model.id(), model.version()),
        arrays.snapshotId(),
        account.initialUsd,
        account.maintenanceUsd,
        equity,
        collateralUsd,
        MarginStatus.of(equity, haircutUsd, account.initialUsd, account.maintenanceUsd),
        qualified,
        notes,
        commodities,
        optionValueUsd,
        haircutUsd,
        portfolio.marginMode(),
        portfolio.accountType(),
        model.profile(),
        account.undampenedExtendedUsd,
        account.undampenedExtendedCell < 0
            ? ""
            : arrays.scenarioLabels().get(account.undampenedExtendedCell));
  }

  /** The account's requirements in USD, as a model's aggregation leaves them. */
  static final class Aggregate {
    double initialUsd;
    double maintenanceUsd;
    double undampenedExtendedUsd;
    int undampenedExtendedCell = -1;
    final List<String> notes = new ArrayList<>();
  }

  /**
   * span-16 (METHODOLOGY 3): per commodity MM = max(scan + intra − inter, short option minimum), IM
   * = MM × 1.1 for a speculator, × the hedger factor for a hedger or member.
   */
  private static Aggregate span(
      List<CommodityBook> books,
      MarginModel model,
      AccountType accountType,
      Instant asOf,
      Problems problems) {
    MarginParameters parameters = model.parameters();
    double factor =
        accountType == AccountType.SPECULATOR
            ? parameters.initialToMaintenance()
            : ((SpanCharges) model.charges()).hedgerInitialToMaintenance();
    for (CommodityBook book : books) {
      book.intraCharge = intraSpreadCharge(book, parameters, asOf, problems);
      double psr =
          model.scenarios() instanceof Span16Definition span
              ? span.parameters(book.underlying).priceScanRange()
              : 1.0;
      book.shortOptionMinimum =
          shortOptionMinimum(book, parameters.shortOptionMinimumRate() * psr, problems);
    }
    applyInterCommodityCredits(books, parameters, problems);
    Aggregate account = new Aggregate();
    for (CommodityBook book : books) {
      book.risk =
          Math.max(
              book.scanningRisk + book.intraCharge - book.interCredit, book.shortOptionMinimum);
      book.maintenance = Math.max(0.0, book.risk);
      book.initial = book.maintenance * factor;
    }
    return sumUsd(books, account);
  }

  /**
   * tims (METHODOLOGY 2c): per commodity max(worst loss over the ten points, Σ per-contract
   * minimums), a long's minimum capped at its market value; IM = MM.
   */
  private static Aggregate tims(List<CommodityBook> books, TimsCharges charges, Problems problems) {
    for (CommodityBook book : books) {
      book.shortOptionMinimum =
          book.perContractMinimum(charges.perContractMinimumUsdPerCoin(), problems);
      book.risk = Math.max(book.scanningRisk, book.shortOptionMinimum);
      book.maintenance = book.risk;
      book.initial = book.risk;
    }
    return sumUsd(books, new Aggregate());
  }

  /** Adds every commodity's requirements, each in USD at the index of its settlement currency. */
  private static Aggregate sumUsd(List<CommodityBook> books, Aggregate account) {
    for (CommodityBook book : books) {
      double usd = book.usdPerSettlement();
      account.initialUsd += book.initial * usd;
      account.maintenanceUsd += book.maintenance * usd;
    }
    return account;
  }

  /** Σ haircut × coin value over the account's coin balances, USD (against IM only). */
  private static double haircuts(Portfolio portfolio, CryptoPmCharges charges, UsdRates rates) {
    double total = 0;
    for (Map.Entry<String, Double> held : portfolio.collateral().entrySet()) {
      if (!Instrument.isUsdLike(held.getKey())) {
        total +=
            charges.currency(held.getKey()).haircut()
                * held.getValue()
                * rates.usdPer(held.getKey());
      }
    }
    return total;
  }

  /**
   * The margin of an account whose arrays come from a snapshot (USD rates and tiers from it too).
   */
  public static AccountMargin margin(
      Portfolio portfolio, RiskArraySet arrays, MarginModel model, MarketSnapshot snapshot) {
    return margin(portfolio, arrays, model, UsdRates.fromSnapshot(snapshot), snapshot.asOf());
  }

  /** Quantities per instrument, summed over repeated positions, in first-seen order. */
  static Map<String, Double> netQuantities(Portfolio portfolio) {
    NetBook net = NetBook.of(portfolio);
    Map<String, Double> out = new LinkedHashMap<>();
    for (int h = 0; h < net.size; h++) {
      out.put(net.instruments[h], net.quantities[h]);
    }
    return out;
  }

  /**
   * A book's net quantity per instrument, summed over repeated positions in position order, in
   * first-seen order: parallel arrays, so the hot path boxes no quantity.
   */
  private static final class NetBook {
    final String[] instruments;
    final double[] quantities;
    int size;

    private NetBook(int capacity) {
      instruments = new String[capacity];
      quantities = new double[capacity];
    }

    static NetBook of(Portfolio portfolio) {
      List<Position> positions = portfolio.positions();
      NetBook net = new NetBook(positions.size());
      Map<String, Integer> slot = new HashMap<>(Math.max(16, positions.size() * 2));
      for (Position p : positions) {
        Integer seen = slot.putIfAbsent(p.instrument(), net.size);
        if (seen == null) {
          net.instruments[net.size] = p.instrument();
          net.quantities[net.size] = p.quantity();
          net.size++;
        } else {
          net.quantities[seen] += p.quantity();
        }
      }
      return net;
    }
  }

  /**
   * Short option minimum: rate × price × max(short calls, short puts), counted in coins of the
   * underlying (quantity × contract size). The price is needed only when the book is short options
   * (a book of futures from a clearing house's minimal arrays needs none).
   *
   * @param rate fraction of the underlying price per coin of short options (span-16: its rate ×
   *     PSR)
   */
  private static double shortOptionMinimum(CommodityBook book, double rate, Problems problems) {
    double shortOptions = Math.max(book.shortCalls, book.shortPuts);
    if (shortOptions == 0 || rate == 0) {
      return 0.0;
    }
    return rate
        * shortOptions
        * priceInSettlement(book, problems, "short option minimum (the book is short options)");
  }

  private static double priceInSettlement(CommodityBook book, Problems problems, String charge) {
    if (book.settlementCurrency.equals(book.underlying)) {
      return 1.0; // an inverse book counts its coin at one coin per coin
    }
    if (Double.isNaN(book.price)) {
      problems.add(
          "underlyingPrice." + book.underlying,
          "the "
              + charge
              + " of "
              + book.underlying
              + " needs its price: add underlyingPrice to the risk arrays or use a market snapshot");
      return 0.0;
    }
    return book.price;
  }

  /**
   * Calendar spread charge: net delta per expiry tier; opposite deltas are matched across tiers,
   * nearest tiers first; each matched coin of delta is charged rate × price.
   */
  private static double intraSpreadCharge(
      CommodityBook book, MarginParameters parameters, Instant asOf, Problems problems) {
    double matched = parameters.matchedCalendarDelta(book.deltaByExpiry(), asOf);
    if (matched == 0 || parameters.intraSpreadRate() == 0) {
      return 0.0;
    }
    return parameters.intraSpreadRate()
        * matched
        * priceInSettlement(
            book, problems, "calendar spread charge (opposite deltas in different expiry tiers)");
  }

  /**
   * Inter-commodity credit: for each listed pair, books with opposite net deltas form spreads in
   * the ratio of their USD notionals; each leg is credited rate × spread deltas × its weighted
   * price risk (scanning risk / |net delta|).
   */
  private static void applyInterCommodityCredits(
      List<CommodityBook> books, MarginParameters parameters, Problems problems) {
    Map<CommodityBook, Double> remainingDelta = new LinkedHashMap<>();
    books.forEach(b -> remainingDelta.put(b, b.netDelta));
    for (InterCommodityPair pair : parameters.interCommodityCredits()) {
      for (CommodityBook a : books) {
        for (CommodityBook b : books) {
          if (!a.underlying.equals(pair.first()) || !b.underlying.equals(pair.second())) {
            continue;
          }
          double deltaA = remainingDelta.get(a);
          double deltaB = remainingDelta.get(b);
          if (deltaA * deltaB >= 0 || a.scanningRisk == 0 || b.scanningRisk == 0) {
            continue;
          }
          if (Double.isNaN(a.price) || Double.isNaN(b.price)) {
            problems.add(
                "underlyingPrice",
                "the inter-commodity credit "
                    + pair.first()
                    + "/"
                    + pair.second()
                    + " needs both underlying prices");
            continue;
          }
          double spreadUsd = Math.min(Math.abs(deltaA) * a.price, Math.abs(deltaB) * b.price);
          double spreadA = spreadUsd / a.price;
          double spreadB = spreadUsd / b.price;
          a.interCredit += pair.creditRate() * spreadA * a.scanningRisk / Math.abs(a.netDelta);
          b.interCredit += pair.creditRate() * spreadB * b.scanningRisk / Math.abs(b.netDelta);
          remainingDelta.put(a, deltaA - Math.signum(deltaA) * spreadA);
          remainingDelta.put(b, deltaB - Math.signum(deltaB) * spreadB);
        }
      }
    }
  }

  /** Accumulates one combined commodity's positions. */
  static final class CommodityBook {
    final String underlying;
    final String settlementCurrency;
    final String key;
    final double[] scenarioLoss;
    RiskArray[] arrays = new RiskArray[16];
    double[] quantities = new double[16];
    int size;
    // Net delta per distinct expiry, in first-seen order (few per book); sorted into a map once.
    Instant[] expiries = new Instant[8];
    long[] expirySeconds = new long[8];
    int[] expiryNanos = new int[8];
    double[] expiryDeltas = new double[8];
    int expiryCount;
    double arrayPrice = Double.NaN;
    double price = Double.NaN;
    double netDelta;
    double shortCalls;
    double shortPuts;
    double spotValue;
    int binding;
    double scanningRisk;
    double intraCharge;
    double interCredit;
    double shortOptionMinimum;
    double netOptionValue;

    /** Σ |quantity × contract size| over futures and perpetuals, coins (crypto-pm's roll shock). */
    double futuresCoins;

    double rollShock;
    double undampenedExtended;
    int undampenedExtendedCell = -1;
    double risk;
    double maintenance;
    double initial;

    CommodityBook(String underlying, String settlementCurrency, int scenarios) {
      this.underlying = underlying;
      this.settlementCurrency = settlementCurrency;
      this.key = underlying + "/" + settlementCurrency;
      this.scenarioLoss = new double[scenarios];
    }

    boolean holds(RiskArray array) {
      return underlying.equals(array.underlying())
          && settlementCurrency.equals(array.settlementCurrency());
    }

    void add(RiskArray array, double quantity) {
      if (size == arrays.length) {
        arrays = Arrays.copyOf(arrays, size * 2);
        quantities = Arrays.copyOf(quantities, size * 2);
      }
      arrays[size] = array;
      quantities[size] = quantity;
      size++;
      for (int i = 0; i < scenarioLoss.length; i++) {
        scenarioLoss[i] += quantity * array.loss(i);
      }
      double delta = quantity * array.compositeDelta();
      netDelta += delta;
      addExpiryDelta(array.expiry(), delta);
      if (quantity < 0 && array.putCall() == PutCall.CALL) {
        shortCalls += -quantity * array.contractSize();
      } else if (quantity < 0 && array.putCall() == PutCall.PUT) {
        shortPuts += -quantity * array.contractSize();
      }
      if (array.kind() == InstrumentKind.FUTURE || array.kind() == InstrumentKind.PERPETUAL) {
        futuresCoins += Math.abs(quantity * array.contractSize());
      }
      if (array.kind() == InstrumentKind.SPOT && !Double.isNaN(array.value())) {
        spotValue += quantity * array.value();
      }
      if (Double.isNaN(arrayPrice)) {
        arrayPrice = array.underlyingPrice();
      }
    }

    private void addExpiryDelta(Instant expiry, double delta) {
      // Compared by value through primitives read once: dereferencing each stored Instant per
      // comparison cost a cache miss apiece.
      long seconds = expiry == null ? Long.MIN_VALUE : expiry.getEpochSecond();
      int nanos = expiry == null ? -1 : expiry.getNano();
      for (int e = 0; e < expiryCount; e++) {
        if (expirySeconds[e] == seconds && expiryNanos[e] == nanos) {
          expiryDeltas[e] += delta;
          return;
        }
      }
      if (expiryCount == expiries.length) {
        expiries = Arrays.copyOf(expiries, expiryCount * 2);
        expirySeconds = Arrays.copyOf(expirySeconds, expiryCount * 2);
        expiryNanos = Arrays.copyOf(expiryNanos, expiryCount * 2);
        expiryDeltas = Arrays.copyOf(expiryDeltas, expiryCount * 2);
      }
      expiries[expiryCount] = expiry;
      expirySeconds[expiryCount] = seconds;
      expiryNanos[expiryCount] = nanos;
      expiryDeltas[expiryCount] = delta;
      expiryCount++;
    }

    /** Net delta by expiry, earliest first, undated (null) first of all. */
    Map<Instant, Double> deltaByExpiry() {
      Map<Instant, Double> byExpiry =
          new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
      for (int e = 0; e < expiryCount; e++) {
        byExpiry.put(expiries[e], expiryDeltas[e]);
      }
      return byExpiry;
    }

    boolean inverse() {
      return settlementCurrency.equals(underlying);
    }

    /** USD per unit of the settlement currency (1 for USD-like money, the index for a coin). */
    double usdPerSettlement() {
      return inverse() ? price : 1.0;
    }

    /**
     * tims's per-contract minimums: Σ over option positions of |quantity| × rate × contract size,
     * in the settlement currency (a coin book's at the index), a long's capped at its value.
     */
    double perContractMinimum(double usdPerCoin, Problems problems) {
      double total = 0;
      for (int i = 0; i < size; i++) {
        RiskArray array = arrays[i];
        if (!array.isOption() || quantities[i] == 0 || usdPerCoin == 0) {
          continue;
        }
        if (inverse() && Double.isNaN(price)) {
          problems.add(
              "underlyingPrice." + underlying,
              "the per-contract minimum of "
                  + array.instrument()
                  + " is in USD: its coin book needs the underlying price");
          return 0.0;
        }
        double perContract = usdPerCoin * array.contractSize() / (inverse() ? price : 1.0);
        if (quantities[i] > 0) {
          perContract = Math.min(perContract, Math.max(array.value(), 0.0));
        }
        total += Math.abs(quantities[i]) * perContract;
      }
      return total;
    }

    void scan() {
      binding = 0;
      for (int i = 1; i < scenarioLoss.length; i++) {
        if (scenarioLoss[i] > scenarioLoss[binding]) {
          binding = i;
        }
      }
      scanningRisk = Math.max(0.0, scenarioLoss[binding]);
    }

    /**
     * Σ quantity × value of every position, settlement currency: futures and perpetuals whose
     * supplied arrays give no value count 0 (their P&amp;L is settled at today's price).
     */
    double positionsValue(Problems problems) {
      double total = netOptionValue;
      for (int i = 0; i < size; i++) {
        RiskArray array = arrays[i];
        if (!array.isOption() && !Double.isNaN(array.value())) {
          total += quantities[i] * array.value();
        }
      }
      return total;
    }

    double optionValue(Problems problems) {
      double total = 0;
      for (int i = 0; i < size; i++) {
        RiskArray array = arrays[i];
        if (!array.isOption()) {
          continue;
        }
        if (Double.isNaN(array.value())) {
          problems.add(
              "positions." + array.instrument(),
              "option has no price: net option value needs it "
                  + "(add price or optionValue to its risk array)");
          continue;
        }
        total += quantities[i] * array.value();
      }
      return total;
    }

    /**
     * Quantities so large that a charge is not a finite number are named (each position whose own
     * losses overflow, else every position of the book, whose sum does): never an infinite or NaN
     * margin.
     */
    void requireFinite(Portfolio portfolio, Problems problems) {
      if (Double.isFinite(risk)
          && Double.isFinite(initial)
          && Double.isFinite(netOptionValue)
          && Double.isFinite(netDelta)) {
        return;
      }
      List<Integer> named = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        double worst = 0;
        for (double loss : arrays[i].losses()) {
          worst = Math.max(worst, Math.abs(quantities[i] * loss));
        }
        if (!Double.isFinite(worst) || !Double.isFinite(quantities[i] * arrays[i].value())) {
          named.add(i);
        }
      }
      String why =
          named.isEmpty()
              ? "the "
                  + underlying
                  + " book's margin is not a finite number: its positions' "
                  + "quantities are too large to compute with"
              : "quantity × scenario loss is not a finite number: the "
                  + "quantity is too large to compute with";
      for (int i = 0; i < size; i++) {
        if (named.isEmpty() || named.contains(i)) {
          String name = arrays[i].instrument();
          problems.add(portfolio.positionPath(name) + ".quantity", name + ": " + why);
        }
      }
    }

    List<PositionContribution> contributions() {
      PositionContribution[] out = new PositionContribution[size];
      for (int i = 0; i < size; i++) {
        out[i] =
            new PositionContribution(
                arrays[i].instrument(), quantities[i], quantities[i] * arrays[i].loss(binding));
      }
      return Arrays.asList(out);
    }
  }
}
