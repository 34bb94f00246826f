package io.cryptomargin.demo;

import io.cryptomargin.comparison.MarginComparison;
import io.cryptomargin.comparison.ModelFigures;
import io.cryptomargin.instrument.DeribitNames;
import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.margin.MarginModel;
import io.cryptomargin.margin.ParameterSetRef;
import io.cryptomargin.margin.Portfolio;
import io.cryptomargin.margin.Position;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.pricing.InstrumentPricer;
import io.cryptomargin.pricing.PricingInputs;
import io.cryptomargin.report.TextTable;
import io.cryptomargin.rules.RecognizedStrategy;
import io.cryptomargin.rules.RulesParameters;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the demo's books and margins each with both models. The books are fixed; only the two
 * snapshots, the portfolio model and the rules parameters come in, so the numbers are exactly what
 * the shipped models give.
 */
public final class Demo {
  /** The collateral every demo book holds: enough for any of them to qualify for portfolio margin. */
  public static final Map<String, Double> COLLATERAL = Map.of("USDC", 1_000_000.0);
  /** Delta hedges are rounded to this many coins (an order size a venue accepts). */
  private static final double HEDGE_LOT = 0.01;

  private static final String FRONT = "BTC_USDC-29MAR24-";
  private static final String BACK = "BTC_USDC-26APR24-";
  /** The linear BTC future of the front expiry. */
  private static final String FRONT_FUTURE = "BTC_USDC-29MAR24";
  private static final String ETH_FRONT = "ETH_USDC-29MAR24-";
  private static final String ETH_BACK = "ETH_USDC-26APR24-";
  private static final String CHAIN = "BTC-29MAY20-";

  private Demo() {}

  /**
   * Runs the demo.
   *
   * @param demoMarket the built-in market: BTC 70,000, ETH 3,500 with their smiles
   * @param deribit the bundled Deribit BTC chain
   * @param portfolioModel the portfolio margin model
   * @param rules the rules-based parameters
   */
  public static DemoReport run(MarketSnapshot demoMarket, MarketSnapshot deribit, MarginModel portfolioModel,
      RulesParameters rules) {
    List<DemoSection> sections = List.of(
        strategies(demoMarket, portfolioModel, rules),
        mixedBook(demoMarket, portfolioModel, rules),
        deribitBook(deribit, portfolioModel, rules));
    return new DemoReport(new ParameterSetRef(portfolioModel.id(), portfolioModel.version()), rules.ref(),
        "every book holds 1,000,000 USDC of collateral, so every account qualifies for portfolio margin "
            + "(minimum equity " + TextTable.number(portfolioModel.parameters().minimumEquityUsd(), 0) + " USD)",
        sections, legend());
  }

  private static DemoSection strategies(MarketSnapshot market, MarginModel model, RulesParameters rules) {
    List<Position> straddle = List.of(new Position(FRONT + "70000-C", -1), new Position(FRONT + "70000-P", -1));
    List<Position> hedgedStraddle = new ArrayList<>(straddle);
    // Hedged with futures, as the issue asks: the dated future of the options' expiry (delta 1 per coin).
    hedgedStraddle.add(new Position(FRONT_FUTURE, deltaHedge(straddle, market)));
    List<DemoRow> rows = List.of(
        row("Short put spread", RowRole.DEFINED_RISK, market, model, rules,
            List.of(new Position(FRONT + "70000-P", -1), new Position(FRONT + "69000-P", 1))),
        row("Iron condor", RowRole.DEFINED_RISK, market, model, rules,
            List.of(new Position(FRONT + "72000-C", -1), new Position(FRONT + "73000-C", 1),
                new Position(FRONT + "68000-P", -1), new Position(FRONT + "67000-P", 1))),
        row("Long calendar", RowRole.DEFINED_RISK, market, model, rules,
            List.of(new Position(FRONT + "70000-C", -1), new Position(BACK + "70000-C", 1))),
        row("Short straddle, delta-hedged", RowRole.HEDGED, market, model, rules, hedgedStraddle),
        row("Covered call", RowRole.HEDGED, market, model, rules,
            List.of(new Position("BTC_USDC", 1), new Position(FRONT + "75000-C", -1))));
    return new DemoSection("1. Strategies, BTC at 70,000 (one contract = 1 BTC)", describe(market, "BTC"), rows);
  }

  private static DemoSection mixedBook(MarketSnapshot market, MarginModel model, RulesParameters rules) {
    List<List<Position>> positions = List.of(
        List.of(new Position("BTC_USDC", 1)),
        List.of(new Position(FRONT + "75000-C", -1)),
        List.of(new Position("ETH_USDC", 1)),
        List.of(new Position(ETH_BACK + "3000-P", 2)),
        List.of(new Position(ETH_FRONT + "3800-C", -1), new Position(ETH_FRONT + "3900-C", 1),
            new Position(ETH_FRONT + "3200-P", -1), new Position(ETH_FRONT + "3100-P", 1)));
    List<String> names = List.of("Long 1 BTC spot", "Short 1 BTC 75k call (30 days)", "Long 1 ETH spot",
        "Long 2 ETH 3k puts (58 days)", "Short 1 ETH iron condor");
    List<RowRole> roles = List.of(RowRole.POSITION, RowRole.POSITION, RowRole.POSITION, RowRole.POSITION,
        RowRole.DEFINED_RISK);
    return new DemoSection("2. Mixed BTC/ETH book (BTC 70,000, ETH 3,500): each position alone, then the book",
        describe(market, "BTC") + "; " + describe(market, "ETH"), withTotal(names, roles, positions, market, model,
            rules));
  }

  private static DemoSection deribitBook(MarketSnapshot chain, MarginModel model, RulesParameters rules) {
    List<Position> straddle = List.of(new Position(CHAIN + "9500-C", -1), new Position(CHAIN + "9500-P", -1));
    List<Position> hedgedStraddle = new ArrayList<>(straddle);
    hedgedStraddle.add(new Position("BTC-PERPETUAL", deltaHedge(straddle, chain)));
    List<List<Position>> positions = List.of(
        List.of(new Position(CHAIN + "9000-P", -1), new Position(CHAIN + "8500-P", 1)),
        List.of(new Position(CHAIN + "10500-C", -1), new Position(CHAIN + "11000-C", 1),
            new Position(CHAIN + "8000-P", -1), new Position(CHAIN + "7500-P", 1)),
        hedgedStraddle);
    List<String> names = List.of("Short put spread 9000/8500", "Iron condor 10500/11000 C, 8000/7500 P",
        "Short 9500 straddle, delta-hedged");
    List<RowRole> roles = List.of(RowRole.DEFINED_RISK, RowRole.DEFINED_RISK, RowRole.HEDGED);
    return new DemoSection("3. Real market: Deribit BTC options of " + date(chain.asOf())
        + " (inverse: premiums and margins in BTC, shown in USD)",
        "snapshot " + chain.id() + ", taken " + chain.asOf() + ", BTC index "
            + TextTable.number(chain.index("BTC"), 2) + " USD; Deribit's mark prices and mark IVs, expiry 29MAY20",
        withTotal(names, roles, positions, chain, model, rules));
  }

  private static List<DemoRow> withTotal(List<String> names, List<RowRole> roles, List<List<Position>> positions,
      MarketSnapshot market, MarginModel model, RulesParameters rules) {
    List<DemoRow> rows = new ArrayList<>();
    List<Position> book = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      rows.add(row(names.get(i), roles.get(i), market, model, rules, positions.get(i)));
      book.addAll(positions.get(i));
    }
    rows.add(row("Book total", RowRole.TOTAL, market, model, rules, book));
    return rows;
  }

  private static DemoRow row(String name, RowRole role, MarketSnapshot market, MarginModel model,
      RulesParameters rules, List<Position> positions) {
    MarginComparison comparison = MarginComparison.compute(new Portfolio("demo", COLLATERAL, positions), market,
        model, rules);
    ModelFigures r = comparison.rules();
    ModelFigures pm = comparison.portfolioMargin();
    List<String> recognized = comparison.rulesResult().strategies().stream().map(Demo::describe).toList();
    List<String> legs = positions.stream().map(p -> TextTable.number(p.quantity(), p.quantity() == Math.rint(p.quantity()) ? 0 : 2)
        + " " + p.instrument()).toList();
    return new DemoRow(name, legs, role, r.requirementUsd(), r.haircutUsd(), r.capitalConsumedUsd(),
        pm.requirementUsd(), pm.capitalConsumedUsd(), comparison.capitalEfficiencyGain(), recognized);
  }

  /** Long (short) perpetual contracts, in lots, offsetting the options' delta. */
  private static double deltaHedge(List<Position> options, MarketSnapshot market) {
    double delta = 0;
    for (Position p : options) {
      Instrument instrument = DeribitNames.parse(p.instrument());
      PricingInputs in = InstrumentPricer.inputs(instrument, market);
      delta += p.quantity() * InstrumentPricer.delta(instrument, in.forward(), in.years(), in.vol());
    }
    return Math.round(-delta / HEDGE_LOT) * HEDGE_LOT;
  }

  private static String describe(RecognizedStrategy s) {
    return s.kind() + " x" + TextTable.number(s.quantity(), s.quantity() == Math.rint(s.quantity()) ? 0 : 2) + ": "
        + TextTable.number(s.charge().initial() * s.usdPerUnit(), 0) + " USD";
  }

  private static String describe(MarketSnapshot market, String coin) {
    var u = market.underlying(coin);
    String smiles = u.volSurface().smiles().entrySet().stream().map(e -> {
      double[] k = e.getValue().strikes();
      double[] v = e.getValue().vols();
      StringBuilder s = new StringBuilder(DeribitNames.dateCode(e.getKey()) + " ");
      for (int i = 0; i < k.length; i++) {
        s.append(i == 0 ? "" : " ").append(TextTable.number(k[i], 0)).append(':')
            .append(String.format(Locale.ROOT, "%.1f%%", v[i] * 100));
      }
      return s.toString();
    }).collect(Collectors.joining("; "));
    return coin + " index " + TextTable.number(u.indexPrice(), 0) + " USD, forwards = index (no basis), as of "
        + market.asOf() + "; implied vols by strike: " + smiles;
  }

  private static String date(Instant instant) {
    return DateTimeFormatter.ISO_LOCAL_DATE.format(instant.atZone(ZoneOffset.UTC));
  }

  private static List<String> legend() {
    return List.of(
        "Rules IM: rules-based (Deribit standard) initial margin: each leg's standard margin, vertical spreads "
            + "and iron condors charged their maximum loss (models/rules-based.json).",
        "Haircut: the rules-based model takes spot as collateral at (1 - haircut), 10% for BTC and ETH; "
            + "the haircut is capital the book ties up.",
        "Rules consumed = Rules IM + Haircut.",
        "PM IM: portfolio initial margin, max(0, risk - net option value) x the initial factor "
            + "(models/<model>.json); spot is a risk position at full value, no haircut.",
        "PM consumed = PM IM.",
        "Gain = 1 - PM consumed / Rules consumed: the share of capital portfolio margin frees "
            + "(negative when it ties up more).",
        "Recognized: strategies the rules-based model found and their charge.",
        "Positions are margined alone; the book total margins the whole book at once, so it is not the sum "
            + "of the lines. Method: docs/METHODOLOGY.md sections 3-5.");
  }
}
