package io.cryptomargin.demo;

import io.cryptomargin.book.AccountMargin;
import io.cryptomargin.book.CommodityMargin;
import io.cryptomargin.book.ParameterSetRef;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.Position;
import io.cryptomargin.comparison.MarginComparison;
import io.cryptomargin.comparison.ModelFigures;
import io.cryptomargin.comparison.Saving;
import io.cryptomargin.instrument.DeribitNames;
import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.instrument.Spot;
import io.cryptomargin.margin.MarginModel;
import io.cryptomargin.margin.PortfolioMargin;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.pricing.InstrumentPricer;
import io.cryptomargin.pricing.PricingInputs;
import io.cryptomargin.report.TextTable;
import io.cryptomargin.rules.RecognizedStrategy;
import io.cryptomargin.rules.RulesBasedMargin;
import io.cryptomargin.rules.RulesMarginResult;
import io.cryptomargin.rules.RulesParameters;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the demo's books and margins each with every model: the rules models ({@code deribit-sm},
 * {@code strategy-based}) and the portfolio models, on the mark-to-market basis (METHODOLOGY
 * sections 1a and 5). The books are fixed; only the two snapshots and the models come in, so the
 * numbers are exactly what the shipped models give. A book that holds coins is also shown on its
 * increment over the same coins held alone.
 */
public final class Demo {
  /**
   * The collateral every demo book holds: enough for any of them to qualify for portfolio margin.
   */
  public static final Map<String, Double> COLLATERAL = Map.of("USDC", 1_000_000.0);

  /** Delta hedges are rounded to this many coins (an order size a venue accepts). */
  private static final double HEDGE_LOT = 0.01;

  /**
   * A portfolio model tying up less than this more than a rules model is not reported as a finding.
   */
  private static final double FINDING_THRESHOLD_USD = 0.5;

  private static final String FRONT = "BTC_USDC-29MAR24-";
  private static final String BACK = "BTC_USDC-26APR24-";

  /** The linear BTC future of the front expiry. */
  private static final String FRONT_FUTURE = "BTC_USDC-29MAR24";

  private static final String ETH_FRONT = "ETH_USDC-29MAR24-";
  private static final String ETH_BACK = "ETH_USDC-26APR24-";
  private static final String CHAIN = "BTC-29MAY20-";

  private Demo() {}

  /** The models every row is margined with. */
  private record Models(List<RulesParameters> rules, List<MarginModel> portfolio) {}

  /**
   * Runs the demo.
   *
   * @param demoMarket the built-in market: BTC 70,000, ETH 3,500 with their smiles
   * @param deribit the bundled Deribit BTC chain
   * @param portfolioModels the portfolio margin models, in column order
   * @param rules the rules models, in column order ({@code deribit-sm}, {@code strategy-based})
   */
  public static DemoReport run(
      MarketSnapshot demoMarket,
      MarketSnapshot deribit,
      List<MarginModel> portfolioModels,
      List<RulesParameters> rules) {
    Models models = new Models(List.copyOf(rules), List.copyOf(portfolioModels));
    List<DemoSection> sections =
        List.of(
            strategies(demoMarket, models),
            mixedBook(demoMarket, models),
            deribitBook(deribit, models));
    double minimum =
        portfolioModels.stream()
            .mapToDouble(m -> m.parameters().minimumEquityUsd())
            .max()
            .orElse(0);
    return new DemoReport(
        rules.stream().map(RulesParameters::ref).toList(),
        portfolioModels.stream().map(m -> new ParameterSetRef(m.id(), m.version())).toList(),
        "every book holds 1,000,000 USDC of collateral, so every account qualifies for portfolio margin "
            + "(minimum equity up to "
            + TextTable.number(minimum, 0)
            + " USD)",
        sections,
        legend());
  }

  private static DemoSection strategies(MarketSnapshot market, Models models) {
    List<Position> straddle =
        List.of(new Position(FRONT + "70000-C", -1), new Position(FRONT + "70000-P", -1));
    List<Position> hedgedStraddle = new ArrayList<>(straddle);
    // Hedged with the dated future of the options' expiry (delta 1 per coin).
    hedgedStraddle.add(new Position(FRONT_FUTURE, deltaHedge(straddle, market)));
    List<DemoRow> rows =
        new ArrayList<>(
            List.of(
                row(
                    "Short put spread",
                    RowRole.DEFINED_RISK,
                    market,
                    models,
                    List.of(
                        new Position(FRONT + "70000-P", -1), new Position(FRONT + "69000-P", 1))),
                row(
                    "Iron condor",
                    RowRole.DEFINED_RISK,
                    market,
                    models,
                    List.of(
                        new Position(FRONT + "72000-C", -1),
                        new Position(FRONT + "73000-C", 1),
                        new Position(FRONT + "68000-P", -1),
                        new Position(FRONT + "67000-P", 1))),
                row(
                    "Long calendar",
                    RowRole.DEFINED_RISK,
                    market,
                    models,
                    List.of(
                        new Position(FRONT + "70000-C", -1), new Position(BACK + "70000-C", 1))),
                row(
                    "Short straddle, delta-hedged",
                    RowRole.HEDGED,
                    market,
                    models,
                    hedgedStraddle)));
    List<Position> covered =
        List.of(new Position("BTC_USDC", 1), new Position(FRONT + "75000-C", -1));
    rows.add(row("Covered call", RowRole.HEDGED, market, models, covered));
    rows.add(increment(rows.get(rows.size() - 1), market, models, covered));
    return section(
        "1. Strategies, BTC at 70,000 (one contract = 1 BTC)", describe(market, "BTC"), rows);
  }

  private static DemoSection mixedBook(MarketSnapshot market, Models models) {
    List<List<Position>> positions =
        List.of(
            List.of(new Position("BTC_USDC", 1)),
            List.of(new Position(FRONT + "75000-C", -1)),
            List.of(new Position("ETH_USDC", 1)),
            List.of(new Position(ETH_BACK + "3000-P", 2)),
            List.of(
                new Position(ETH_FRONT + "3800-C", -1),
                new Position(ETH_FRONT + "3900-C", 1),
                new Position(ETH_FRONT + "3200-P", -1),
                new Position(ETH_FRONT + "3100-P", 1)));
    List<String> names =
        List.of(
            "Long 1 BTC spot",
            "Naked short 1 BTC 75k call (30 days)",
            "Long 1 ETH spot",
            "Long 2 ETH 3k puts (58 days)",
            "Short 1 ETH iron condor");
    List<RowRole> roles =
        List.of(
            RowRole.POSITION,
            RowRole.POSITION,
            RowRole.POSITION,
            RowRole.POSITION,
            RowRole.DEFINED_RISK);
    return section(
        "2. Mixed BTC/ETH book (BTC 70,000, ETH 3,500): each position alone, then the book",
        describe(market, "BTC") + "; " + describe(market, "ETH"),
        withTotal(names, roles, positions, market, models));
  }

  private static DemoSection deribitBook(MarketSnapshot chain, Models models) {
    List<Position> straddle =
        List.of(new Position(CHAIN + "9500-C", -1), new Position(CHAIN + "9500-P", -1));
    List<Position> hedgedStraddle = new ArrayList<>(straddle);
    hedgedStraddle.add(new Position("BTC-PERPETUAL", deltaHedge(straddle, chain)));
    List<List<Position>> positions =
        List.of(
            List.of(new Position(CHAIN + "9000-P", -1), new Position(CHAIN + "8500-P", 1)),
            List.of(
                new Position(CHAIN + "10500-C", -1),
                new Position(CHAIN + "11000-C", 1),
                new Position(CHAIN + "8000-P", -1),
                new Position(CHAIN + "7500-P", 1)),
            hedgedStraddle);
    List<String> names =
        List.of(
            "Short put spread 9000/8500",
            "Iron condor 10500/11000 C, 8000/7500 P",
            "Short 9500 straddle, delta-hedged");
    List<RowRole> roles = List.of(RowRole.DEFINED_RISK, RowRole.DEFINED_RISK, RowRole.HEDGED);
    return section(
        "3. Real market: Deribit BTC options of "
            + date(chain.asOf())
            + " (inverse: premiums and margins in BTC, shown in USD)",
        "snapshot "
            + chain.id()
            + ", taken "
            + chain.asOf()
            + ", BTC index "
            + TextTable.number(chain.index("BTC"), 2)
            + " USD; Deribit's mark prices and mark IVs, expiry 29MAY20",
        withTotal(names, roles, positions, chain, models));
  }

  private static List<DemoRow> withTotal(
      List<String> names,
      List<RowRole> roles,
      List<List<Position>> positions,
      MarketSnapshot market,
      Models models) {
    List<DemoRow> rows = new ArrayList<>();
    List<Position> book = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      rows.add(row(names.get(i), roles.get(i), market, models, positions.get(i)));
      book.addAll(positions.get(i));
    }
    rows.add(row("Book total", RowRole.TOTAL, market, models, book));
    DemoRow total = rows.get(rows.size() - 1);
    if (!coins(book).isEmpty()) {
      rows.add(increment(total, market, models, book));
    }
    return rows;
  }

  /** The figures of every model for a book, rules models first. */
  private static List<ModelFigures> figures(
      MarketSnapshot market,
      Models models,
      List<Position> positions,
      List<RulesMarginResult> rulesOut,
      List<AccountMargin> portfolioOut) {
    Portfolio portfolio = new Portfolio("demo", COLLATERAL, positions);
    List<ModelFigures> out = new ArrayList<>();
    for (RulesParameters rules : models.rules()) {
      RulesMarginResult result = RulesBasedMargin.compute(portfolio, market, rules);
      rulesOut.add(result);
      out.add(MarginComparison.figures(result));
    }
    for (MarginModel model : models.portfolio()) {
      AccountMargin result = PortfolioMargin.compute(portfolio, market, model);
      portfolioOut.add(result);
      out.add(MarginComparison.figures(result));
    }
    return out;
  }

  private static DemoRow row(
      String name, RowRole role, MarketSnapshot market, Models models, List<Position> positions) {
    List<RulesMarginResult> rules = new ArrayList<>();
    List<AccountMargin> portfolio = new ArrayList<>();
    List<ModelFigures> figures = figures(market, models, positions, rules, portfolio);
    List<String> recognized =
        rules.get(rules.size() - 1).strategies().stream().map(Demo::describe).toList();
    List<String> legs =
        positions.stream()
            .map(
                p ->
                    TextTable.number(p.quantity(), p.quantity() == Math.rint(p.quantity()) ? 0 : 2)
                        + " "
                        + p.instrument())
            .toList();
    Map<String, String> drivers = new java.util.TreeMap<>();
    for (AccountMargin pm : portfolio) {
      pm.commodities().stream()
          .max(Comparator.comparingDouble(CommodityMargin::initialMarginUsd))
          .ifPresent(
              c -> drivers.put(pm.model(), c.underlying() + ": " + c.bindingScenarioLabel()));
    }
    return new DemoRow(
        name, legs, role, figures, savings(figures, models.rules().size()), recognized, drivers);
  }

  /** The row's book less the same coins held with no positions, every model. */
  private static DemoRow increment(
      DemoRow withCoins, MarketSnapshot market, Models models, List<Position> book) {
    List<Position> coins = coins(book);
    List<ModelFigures> alone = figures(market, models, coins, new ArrayList<>(), new ArrayList<>());
    List<ModelFigures> figures = new ArrayList<>();
    for (int m = 0; m < alone.size(); m++) {
      figures.add(withCoins.models().get(m).minus(alone.get(m)));
    }
    String held =
        coins.stream()
            .map(p -> TextTable.number(p.quantity(), 0) + " " + p.instrument())
            .collect(Collectors.joining(" + "));
    return new DemoRow(
        "  increment over " + held + " held alone",
        List.of(),
        RowRole.INCREMENT,
        figures,
        savings(figures, models.rules().size()),
        List.of(),
        Map.of());
  }

  private static List<Position> coins(List<Position> book) {
    return book.stream().filter(p -> DeribitNames.parse(p.instrument()) instanceof Spot).toList();
  }

  /** Each portfolio model against each rules model. */
  private static List<Saving> savings(List<ModelFigures> figures, int rulesCount) {
    List<Saving> out = new ArrayList<>();
    for (ModelFigures pm : figures.subList(rulesCount, figures.size())) {
      for (ModelFigures rules : figures.subList(0, rulesCount)) {
        out.add(Saving.of(pm, rules));
      }
    }
    return out;
  }

  private static DemoSection section(String title, String market, List<DemoRow> rows) {
    return new DemoSection(title, market, rows, findings(rows));
  }

  /**
   * One line per row and portfolio model that ties up more than {@code strategy-based} (the rules
   * model that recognizes strategies): what it charges, against what, and the scenario that drives
   * it.
   */
  private static List<String> findings(List<DemoRow> rows) {
    List<String> out = new ArrayList<>();
    for (DemoRow row : rows) {
      if (row.role() == RowRole.INCREMENT || row.role() == RowRole.TOTAL) {
        continue;
      }
      List<Saving> worse =
          row.savings().stream()
              .filter(
                  s ->
                      s.rulesModel().equals("strategy-based")
                          && s.savingUsd() < -FINDING_THRESHOLD_USD)
              .toList();
      for (Saving s : worse) {
        out.add(
            row.name()
                + ": "
                + s.portfolioModel()
                + " "
                + TextTable.number(row.model(s.portfolioModel()).capitalConsumedUsd(), 0)
                + " > strategy-based "
                + TextTable.number(row.model("strategy-based").capitalConsumedUsd(), 0)
                + ", binding scenario "
                + row.portfolioDrivers().getOrDefault(s.portfolioModel(), "none")
                + "; "
                + rulesCharge(row));
      }
    }
    return out;
  }

  /** What strategy-based charges the row, in words: why its figure is lower. */
  private static String rulesCharge(DemoRow row) {
    List<Instrument> legs =
        row.legs().stream().map(l -> DeribitNames.parse(l.substring(l.indexOf(' ') + 1))).toList();
    if (legs.stream().anyMatch(i -> i instanceof Spot)) {
      return "the rules models take a held coin as collateral (haircut 0) and charge its fall nothing, a portfolio "
          + "model margins it (compare the increment over the coin held alone)";
    }
    boolean longOptionsOnly = row.legs().stream().noneMatch(l -> l.startsWith("-"));
    if (longOptionsOnly) {
      return "strategy-based ties up the long options' mark, all they can lose; the portfolio model's add-ons "
          + "(an initial factor above 1) lift its figure above that";
    }
    if (!row.recognized().isEmpty()) {
      return "strategy-based charges the structure its maximum loss beyond the marks";
    }
    return "the rules models charge a naked short option Deribit's 15%-of-U formula (floor 10%), a smaller move "
        + "than the portfolio model's worst one";
  }

  /** Long (short) perpetual contracts, in lots, offsetting the options' delta. */
  private static double deltaHedge(List<Position> options, MarketSnapshot market) {
    double delta = 0;
    for (Position p : options) {
      Instrument instrument = DeribitNames.parse(p.instrument());
      PricingInputs in = InstrumentPricer.inputs(instrument, market);
      delta +=
          p.quantity() * InstrumentPricer.delta(instrument, in.forward(), in.years(), in.vol());
    }
    return Math.round(-delta / HEDGE_LOT) * HEDGE_LOT;
  }

  private static String describe(RecognizedStrategy s) {
    return s.kind()
        + " x"
        + TextTable.number(s.quantity(), s.quantity() == Math.rint(s.quantity()) ? 0 : 2)
        + ": "
        + TextTable.number(s.charge().initial() * s.usdPerUnit(), 0)
        + " USD";
  }

  private static String describe(MarketSnapshot market, String coin) {
    var u = market.underlying(coin);
    String smiles =
        u.volSurface().smiles().entrySet().stream()
            .map(
                e -> {
                  double[] k = e.getValue().strikes();
                  double[] v = e.getValue().vols();
                  StringBuilder s = new StringBuilder(DeribitNames.dateCode(e.getKey()) + " ");
                  for (int i = 0; i < k.length; i++) {
                    s.append(i == 0 ? "" : " ")
                        .append(TextTable.number(k[i], 0))
                        .append(':')
                        .append(String.format(Locale.ROOT, "%.1f%%", v[i] * 100));
                  }
                  return s.toString();
                })
            .collect(Collectors.joining("; "));
    return coin
        + " index "
        + TextTable.number(u.indexPrice(), 0)
        + " USD, forwards = index (no basis), as of "
        + market.asOf()
        + "; implied vols by strike: "
        + smiles;
  }

  private static String date(Instant instant) {
    return DateTimeFormatter.ISO_LOCAL_DATE.format(instant.atZone(ZoneOffset.UTC));
  }

  private static List<String> legend() {
    return List.of(
        "Every figure is on the mark-to-market basis (METHODOLOGY 1a): equity holds every position at its mark, a "
            + "requirement (IM, MM) is the further loss beyond the marks, net option value is never subtracted.",
        "Capital consumed = IM + haircut x coin value: the part of equity the book ties up (haircut 0 for BTC, "
            + "ETH and USDC in every model shown). MM is not in the tables: --format json gives it per model.",
        "deribit-sm (METHODOLOGY 4): Deribit standard margin leg by leg, no strategy recognized; short call IM = "
            + "max(15% x U - OTM, 10% x U), short put the same with MM as its floor, long option its mark, future "
            + "(2% + 0.005% x coins) x notional; MM: 7.5% x U for a short option (a put at least 7.5% of its "
            + "mark), (1% + 0.005% x coins) x notional for a future.",
        "strategy-based (4): the same legs, recognized strategies charged their maximum loss beyond the marks (a "
            + "calendar or debit spread its net mark, a covered option 0, a straddle its larger leg); MM = IM.",
        "crypto-pm (2b, Deribit portfolio margin 2024): IM = risk-matrix margin = worst cell of the price x vol "
            + "grid (its extended moves dampened) + roll shock on futures and perpetuals; MM = 0.8 x IM; no short "
            + "option minimum, no calendar charge, no inter-commodity credit.",
        "span-16 (2a, 3, CME SPAN): MM = max(scan + calendar charge - BTC/ETH credit, short option minimum (rate 0)); "
            + "IM = 1.1 x MM for a speculator account (every demo book), 1.0 for a hedger or member.",
        "tims (2c, FINRA 4210(g)): worst loss over ten price points to +-15%, no vol shift, at least 0.375 USD x "
            + "coins per option contract (a long's capped at its value); IM = MM.",
        "Portfolio models: models/<model>.json; each margins a held coin as a risk position.",
        "Saving = consumed(rules) - consumed(portfolio model); gain = saving / consumed(rules), n/a when the rules "
            + "model consumes nothing. Gains against deribit-sm mostly show that it recognizes no strategy.",
        "increment over the coins held alone: the row above less the same coins with no positions: what writing "
            + "the options costs, given the coins are held; negative when the options lower what the coins alone "
            + "tie up (a short call gains as the coin falls), so its gain can exceed 100%.",
        "Positions are margined alone; the book total margins the whole book at once, so it is not the sum of the "
            + "lines. Method: docs/METHODOLOGY.md sections 1a, 2, 3, 4 and 5.");
  }
}
