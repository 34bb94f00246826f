package io.cryptomargin.margin;

import io.cryptomargin.book.AccountMargin;
import io.cryptomargin.book.AccountType;
import io.cryptomargin.book.CommodityMargin;
import io.cryptomargin.book.ContributionsInScenario;
import io.cryptomargin.book.InterCommodityPair;
import io.cryptomargin.book.MarginMode;
import io.cryptomargin.book.MarginParameters;
import io.cryptomargin.book.MarginStatus;
import io.cryptomargin.book.ParameterSetRef;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.PositionContribution;
import io.cryptomargin.book.UsdRates;
import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.riskarray.RiskArray;
import io.cryptomargin.riskarray.RiskArrayMatrix;
import io.cryptomargin.riskarray.RiskArraySet;
import io.cryptomargin.scenario.CryptoPmDefinition;
import io.cryptomargin.scenario.Span16Definition;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
   * The margin of an account: {@link #resolve} then {@link #margin(ResolvedBook, MarginModel,
   * UsdRates, Instant)}, with the problems of both reported at once.
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
    requireScenarioSetOf(arrays, model);
    Problems problems = new Problems();
    ResolvedBook book = ResolvedBook.resolve(portfolio, arrays, problems);
    requireScenarioCountOf(book, model, problems);
    problems.throwIfAny();
    return marginOf(book, model, rates, asOf);
  }

  /**
   * A book resolved against a set of arrays once, to be margined many times (under any model of the
   * set's scenarios, at any rates): each instrument's row found and repeated positions netted, so
   * {@link #margin(ResolvedBook, MarginModel, UsdRates, Instant)} is a loop over contiguous losses.
   *
   * @throws ValidationException naming every position whose instrument has no array: never a silent
   *     zero risk
   */
  public static ResolvedBook resolve(Portfolio portfolio, RiskArraySet arrays) {
    Problems problems = new Problems();
    ResolvedBook book = ResolvedBook.resolve(portfolio, arrays, problems);
    problems.throwIfAny();
    return book;
  }

  /**
   * The margin of a resolved book: the same result as {@link #margin(Portfolio, RiskArraySet,
   * MarginModel, UsdRates, Instant)} of its portfolio and arrays.
   *
   * @param book a book resolved against the arrays of the model's scenario set
   * @param model the model whose charges apply
   * @param rates USD per unit of every currency involved
   * @param asOf the time expiry tiers are measured from (the snapshot's)
   * @throws ValidationException listing every missing price or unusable figure
   */
  public static AccountMargin margin(
      ResolvedBook book, MarginModel model, UsdRates rates, Instant asOf) {
    requireScenarioSetOf(book.arrays(), model);
    Problems problems = new Problems();
    requireScenarioCountOf(book, model, problems);
    problems.throwIfAny();
    return marginOf(book, model, rates, asOf);
  }

  private static void requireScenarioSetOf(RiskArraySet arrays, MarginModel model) {
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
  }

  /**
   * A set holds only arrays of its own scenario count, so one comparison covers every holding; when
   * it differs from the model's, each holding is named.
   */
  private static void requireScenarioCountOf(
      ResolvedBook book, MarginModel model, Problems problems) {
    RiskArrayMatrix matrix = book.matrix();
    if (matrix.scenarioCount() == model.scenarios().scenarioCount()) {
      return;
    }
    for (int h = 0; h < book.holdingCount(); h++) {
      RiskArray array = matrix.array(book.row(h));
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
    }
  }

  private static AccountMargin marginOf(
      ResolvedBook resolved, MarginModel model, UsdRates rates, Instant asOf) {
    Portfolio portfolio = resolved.portfolio();
    RiskArraySet arrays = resolved.arrays();
    Problems problems = new Problems();
    List<CommodityBook> books = new ArrayList<>(resolved.commodityCount() + 1);
    for (int c = 0; c < resolved.commodityCount(); c++) {
      books.add(new CommodityBook(resolved, c));
    }
    if (model.charges() instanceof CryptoPmCharges && portfolio.marginMode() == MarginMode.CROSS) {
      // X:PM: a coin balance is a position in its own currency's vector, so that currency has a
      // book.
      boolean added = false;
      for (String coin : portfolio.collateral().keySet()) {
        if (!Instrument.isUsdLike(coin)
            && books.stream()
                .noneMatch(b -> b.underlying.equals(coin) && b.settlementCurrency.equals(coin))) {
          books.add(new CommodityBook(resolved.matrix(), coin, coin));
          added = true;
        }
      }
      if (added) {
        books.sort(Comparator.comparing(book -> book.key));
      }
    }

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

  /**
   * One combined commodity of a resolved book: its holdings' losses summed per scenario, and the
   * figures its charges read, all from the matrix rows of the holdings {@code [from, to)}.
   */
  static final class CommodityBook {
    final String underlying;
    final String settlementCurrency;
    final String key;
    final double[] scenarioLoss;
    final RiskArrayMatrix matrix;
    final int[] rows;
    final double[] quantities;
    final int from;
    final int to;
    // Net delta per expiry number of the matrix, and which expiries the book holds.
    final double[] expiryDeltas;
    final boolean[] expiryHeld;
    double arrayPrice = Double.NaN;

    /** Σ quantity × value over the options with a value, settlement currency (summed once). */
    double optionValueSum;

    /** Whether an option has no value (its problem is named by {@link #optionValue}). */
    boolean optionWithoutValue;

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

    /** The commodity {@code c} of a resolved book, its holdings summed. */
    CommodityBook(ResolvedBook book, int c) {
      this(
          book.matrix(),
          book.commodityUnderlying(c),
          book.commoditySettlement(c),
          book.rows(),
          book.quantities(),
          book.commodityStart(c),
          book.commodityStart(c + 1));
    }

    /** A commodity with no holding (crypto-pm cross mode's coin balance alone). */
    CommodityBook(RiskArrayMatrix matrix, String underlying, String settlementCurrency) {
      this(matrix, underlying, settlementCurrency, new int[0], new double[0], 0, 0);
    }

    private CommodityBook(
        RiskArrayMatrix matrix,
        String underlying,
        String settlementCurrency,
        int[] rows,
        double[] quantities,
        int from,
        int to) {
      this.underlying = underlying;
      this.settlementCurrency = settlementCurrency;
      this.key = ResolvedBook.commodityKey(underlying, settlementCurrency);
      this.matrix = matrix;
      this.rows = rows;
      this.quantities = quantities;
      this.from = from;
      this.to = to;
      this.scenarioLoss = new double[matrix.scenarioCount()];
      this.expiryDeltas = new double[matrix.expiryCount()];
      this.expiryHeld = new boolean[matrix.expiryCount()];
      sumHoldings();
    }

    /**
     * The hot loop: every holding's losses into the book's (four holdings per pass), then its
     * per-holding figures, summed in locals (a field written per holding is a store per holding) in
     * holding order.
     */
    private void sumHoldings() {
      double[] losses = scenarioLoss;
      double delta = 0;
      double calls = 0;
      double puts = 0;
      double futures = 0;
      double spot = 0;
      double price = arrayPrice;
      double options = 0;
      boolean withoutValue = false;
      matrix.addLosses(losses, rows, quantities, from, to);
      for (int i = from; i < to; i++) {
        int row = rows[i];
        double quantity = quantities[i];
        double holdingDelta = quantity * matrix.compositeDelta(row);
        delta += holdingDelta;
        int expiry = matrix.expiryIndex(row);
        expiryDeltas[expiry] += holdingDelta;
        expiryHeld[expiry] = true;
        if (quantity < 0) {
          int putCall = matrix.putCall(row);
          if (putCall == RiskArrayMatrix.CALL) {
            calls += -quantity * matrix.contractSize(row);
          } else if (putCall == RiskArrayMatrix.PUT) {
            puts += -quantity * matrix.contractSize(row);
          }
        }
        if (matrix.isFutureOrPerpetual(row)) {
          futures += Math.abs(quantity * matrix.contractSize(row));
        }
        if (matrix.isOption(row)) {
          if (Double.isNaN(matrix.value(row))) {
            withoutValue = true;
          } else {
            options += quantity * matrix.value(row);
          }
        }
        if (matrix.isSpot(row) && !Double.isNaN(matrix.value(row))) {
          spot += quantity * matrix.value(row);
        }
        if (Double.isNaN(price)) {
          price = matrix.underlyingPrice(row);
        }
      }
      netDelta = delta;
      shortCalls = calls;
      shortPuts = puts;
      futuresCoins = futures;
      spotValue = spot;
      arrayPrice = price;
      optionValueSum = options;
      optionWithoutValue = withoutValue;
    }

    /** Net delta by expiry, earliest first, undated (null) first of all. */
    Map<Instant, Double> deltaByExpiry() {
      Map<Instant, Double> byExpiry =
          new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
      for (int e = 0; e < expiryDeltas.length; e++) {
        if (expiryHeld[e]) {
          byExpiry.put(matrix.expiry(e), expiryDeltas[e]);
        }
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
      for (int i = from; i < to; i++) {
        int row = rows[i];
        if (!matrix.isOption(row) || quantities[i] == 0 || usdPerCoin == 0) {
          continue;
        }
        if (inverse() && Double.isNaN(price)) {
          problems.add(
              "underlyingPrice." + underlying,
              "the per-contract minimum of "
                  + matrix.instrument(row)
                  + " is in USD: its coin book needs the underlying price");
          return 0.0;
        }
        double perContract = usdPerCoin * matrix.contractSize(row) / (inverse() ? price : 1.0);
        if (quantities[i] > 0) {
          perContract = Math.min(perContract, Math.max(matrix.value(row), 0.0));
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
      for (int i = from; i < to; i++) {
        int row = rows[i];
        if (!matrix.isOption(row) && !Double.isNaN(matrix.value(row))) {
          total += quantities[i] * matrix.value(row);
        }
      }
      return total;
    }

    /**
     * The net option value summed by the hot loop, settlement currency; each option without a value
     * is named (a second pass only then).
     */
    double optionValue(Problems problems) {
      if (optionWithoutValue) {
        for (int i = from; i < to; i++) {
          int row = rows[i];
          if (matrix.isOption(row) && Double.isNaN(matrix.value(row))) {
            problems.add(
                "positions." + matrix.instrument(row),
                "option has no price: net option value needs it "
                    + "(add price or optionValue to its risk array)");
          }
        }
      }
      return optionValueSum;
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
      for (int i = from; i < to; i++) {
        double worst = 0;
        for (int s = 0; s < matrix.scenarioCount(); s++) {
          worst = Math.max(worst, Math.abs(quantities[i] * matrix.loss(rows[i], s)));
        }
        if (!Double.isFinite(worst) || !Double.isFinite(quantities[i] * matrix.value(rows[i]))) {
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
      for (int i = from; i < to; i++) {
        if (named.isEmpty() || named.contains(i)) {
          String name = matrix.instrument(rows[i]);
          problems.add(portfolio.positionPath(name) + ".quantity", name + ": " + why);
        }
      }
    }

    /** Each holding's loss in the binding scenario, computed when a report reads it. */
    List<PositionContribution> contributions() {
      return new ContributionsInScenario(matrix, rows, quantities, from, to, binding);
    }
  }
}
