package io.cryptomargin.margin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cryptomargin.book.AccountMargin;
import io.cryptomargin.book.CommodityMargin;
import io.cryptomargin.book.InterCommodityPair;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.Position;
import io.cryptomargin.instrument.DeribitNames;
import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.instrument.Settlement;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.market.Smile;
import io.cryptomargin.market.UnderlyingMarket;
import io.cryptomargin.market.VolSurface;
import io.cryptomargin.pricing.ExpiryPolicy;
import io.cryptomargin.pricing.InstrumentPricer;
import io.cryptomargin.pricing.PricingInputs;
import io.cryptomargin.riskarray.RiskArray;
import io.cryptomargin.riskarray.RiskArrayCalculator;
import io.cryptomargin.riskarray.RiskArraySet;
import io.cryptomargin.scenario.Scenario;
import io.cryptomargin.scenario.ScenarioRole;
import io.cryptomargin.scenario.ScenarioSet;
import io.cryptomargin.scenario.ScenarioSetDefinition;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Properties of the portfolio margin over random books (a seeded generator, so a failure can be
 * replayed): scale and permutation invariance, independence of unrelated commodities, no negative
 * or NaN figure, and extended scenarios counting exactly their weight.
 */
class MarginPropertiesTest {
  private static final int BOOKS = 60;
  private static final double RELATIVE = 1e-9;
  private static final Instant AS_OF = Instant.parse("2024-03-01T08:00:00Z");
  private static final List<LocalDate> EXPIRIES =
      List.of(
          LocalDate.of(2024, 3, 8),
          LocalDate.of(2024, 3, 29),
          LocalDate.of(2024, 6, 28),
          LocalDate.of(2024, 12, 27));

  private static MarketSnapshot market() {
    TreeMap<Instant, Smile> btcSmiles = new TreeMap<>();
    TreeMap<Instant, Double> btcForwards = new TreeMap<>();
    TreeMap<Instant, Double> ethForwards = new TreeMap<>();
    for (int i = 0; i < EXPIRIES.size(); i++) {
      Instant expiry = DeribitNames.expiryOn(EXPIRIES.get(i));
      btcSmiles.put(
          expiry,
          new Smile(
              new double[] {50_000, 70_000, 90_000},
              new double[] {0.75 - 0.03 * i, 0.6 - 0.02 * i, 0.65 - 0.02 * i}));
      btcForwards.put(expiry, 70_000 * (1 + 0.01 * (i + 1)));
      ethForwards.put(expiry, 3_500 * (1 + 0.012 * (i + 1)));
    }
    return MarketSnapshot.of(
        AS_OF,
        Map.of(
            "BTC", new UnderlyingMarket(70_000, btcForwards, new VolSurface(Double.NaN, btcSmiles)),
            "ETH", new UnderlyingMarket(3_500, ethForwards, VolSurface.flat(0.7)),
            "SOL", UnderlyingMarket.flat(150, 0.9)));
  }

  private static List<String> universe() {
    List<String> names = new ArrayList<>();
    double[][] strikes = {
      {50_000, 60_000, 70_000, 80_000, 100_000},
      {2_500, 3_000, 3_500, 4_000, 5_000},
      {100, 150, 200}
    };
    String[] coins = {"BTC", "ETH", "SOL"};
    for (int c = 0; c < coins.length; c++) {
      for (String quote : new String[] {null, "USDC"}) {
        String base = quote == null ? coins[c] : coins[c] + "_" + quote;
        names.add(base + "-PERPETUAL");
        for (LocalDate expiry : EXPIRIES) {
          Instant at = DeribitNames.expiryOn(expiry);
          names.add(base + "-" + DeribitNames.dateCode(at));
          for (double strike : strikes[c]) {
            for (PutCall putCall : PutCall.values()) {
              names.add(DeribitNames.optionName(coins[c], quote, at, strike, putCall));
            }
          }
        }
      }
      names.add(coins[c] + "_USDC");
    }
    return names;
  }

  private static Portfolio randomBook(Random random, List<String> universe, int legs) {
    List<Position> positions = new ArrayList<>();
    for (int i = 0; i < legs; i++) {
      double quantity = (random.nextInt(20) - 10) * 0.5;
      positions.add(
          new Position(
              universe.get(random.nextInt(universe.size())), quantity == 0 ? 1 : quantity));
    }
    return new Portfolio("random", Map.of("USD", 1_000_000.0, "BTC", 2.0), positions);
  }

  private static AccountMargin margin(Portfolio book, MarginModel model) {
    return PortfolioMargin.compute(book, market(), model);
  }

  private static MarginModel model(String id, boolean withPairs) {
    List<InterCommodityPair> pairs = withPairs ? MarginTestModels.BTC_ETH : List.of();
    return id.equals("span-16")
        ? MarginTestModels.span16Model(pairs)
        : MarginTestModels.cryptoPmModel();
  }

  @ParameterizedTest
  @ValueSource(strings = {"span-16", "crypto-pm"})
  void margin_quantitiesScaledByK_scanningRiskScalesByK(String modelId) {
    Random random = new Random(11);
    List<String> universe = universe();
    for (int n = 0; n < BOOKS; n++) {
      // Cash only: in crypto-pm's cross mode a held coin is a position too, and scaling leaves
      // collateral alone.
      Portfolio book =
          new Portfolio(
              "random",
              Map.of("USD", 1_000_000.0),
              randomBook(random, universe, 1 + random.nextInt(12)).positions());
      double k = 0.5 + random.nextInt(8);
      // crypto-pm's dampener forgives a fixed amount, so only a book measured without it scales
      // exactly.
      MarginModel model =
          modelId.equals("crypto-pm")
              ? MarginTestModels.cryptoPmModelWithoutDampener()
              : model(modelId, true);
      AccountMargin base = margin(book, model);
      AccountMargin scaled = margin(book.scaled(k), model);
      assertThat(scaled.initialMargin())
          .isCloseTo(
              k * base.initialMargin(), within(RELATIVE * Math.max(1, k * base.initialMargin())));
      for (int c = 0; c < base.commodities().size(); c++) {
        double expected = k * base.commodities().get(c).scanningRisk();
        assertThat(scaled.commodities().get(c).scanningRisk())
            .isCloseTo(expected, within(RELATIVE * Math.max(1, Math.abs(expected))));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"span-16", "crypto-pm"})
  void margin_positionsReordered_sameResult(String modelId) {
    Random random = new Random(12);
    List<String> universe = universe();
    for (int n = 0; n < BOOKS; n++) {
      Portfolio book = randomBook(random, universe, 2 + random.nextInt(12));
      List<Position> shuffled = new ArrayList<>(book.positions());
      Collections.shuffle(shuffled, random);
      AccountMargin base = margin(book, model(modelId, true));
      AccountMargin reordered =
          margin(new Portfolio(book.account(), book.collateral(), shuffled), model(modelId, true));
      assertThat(reordered.initialMargin())
          .isCloseTo(base.initialMargin(), within(RELATIVE * Math.max(1, base.initialMargin())));
      assertThat(reordered.status()).isEqualTo(base.status());
      for (int c = 0; c < base.commodities().size(); c++) {
        assertThat(reordered.commodities().get(c).bindingScenario())
            .isEqualTo(base.commodities().get(c).bindingScenario());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"span-16", "crypto-pm"})
  void margin_positionAddedInAnotherCommodity_thisCommodityUnchanged(String modelId) {
    Random random = new Random(13);
    List<String> btcOnly = universe().stream().filter(name -> name.startsWith("BTC-")).toList();
    List<String> others = universe().stream().filter(name -> !name.startsWith("BTC-")).toList();
    MarginModel model = model(modelId, false);
    for (int n = 0; n < BOOKS; n++) {
      Portfolio book = randomBook(random, btcOnly, 1 + random.nextInt(10));
      Portfolio extended =
          book.with(
              List.of(
                  new Position(others.get(random.nextInt(others.size())), random.nextInt(5) + 1)));
      CommodityMargin before = margin(book, model).commodity("BTC", "BTC").orElseThrow();
      CommodityMargin after = margin(extended, model).commodity("BTC", "BTC").orElseThrow();
      assertThat(after).isEqualTo(before);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"span-16", "crypto-pm"})
  void margin_randomBooks_neverNegativeNorNaN(String modelId) {
    Random random = new Random(14);
    List<String> universe = universe();
    for (int n = 0; n < BOOKS; n++) {
      AccountMargin m =
          margin(randomBook(random, universe, 1 + random.nextInt(30)), model(modelId, true));
      assertThat(List.of(m.initialMargin(), m.maintenanceMargin(), m.collateralValue()))
          .allSatisfy(x -> assertThat(x).isFinite().isGreaterThanOrEqualTo(0.0));
      assertThat(m.equity()).isFinite();
      assertThat(m.initialMargin()).isGreaterThanOrEqualTo(m.maintenanceMargin());
      for (CommodityMargin c : m.commodities()) {
        assertThat(
                List.of(
                    c.scanningRisk(),
                    c.intraSpreadCharge(),
                    c.interSpreadCredit(),
                    c.shortOptionMinimum(),
                    c.risk(),
                    c.maintenanceMargin(),
                    c.initialMargin()))
            .allSatisfy(x -> assertThat(x).isFinite().isGreaterThanOrEqualTo(0.0));
        assertThat(c.netOptionValue()).isFinite();
        assertThat(c.interSpreadCredit()).isLessThanOrEqualTo(c.scanningRisk() + 1e-9);
      }
    }
  }

  /**
   * Each array entry is checked against an independent route: the whole snapshot is shifted ({@link
   * MarketSnapshot#shifted}) and the instrument revalued there; the array must hold exactly weight
   * × that loss, with weight 1 for regular scenarios and below 1 for the extended ones.
   */
  @ParameterizedTest
  @ValueSource(strings = {"span-16", "crypto-pm"})
  void riskArray_everyScenario_countsExactlyItsWeightOfTheFullRevaluationLoss(String modelId) {
    MarketSnapshot snapshot = market();
    ScenarioSetDefinition definition = model(modelId, false).scenarios();
    List<Instrument> instruments = universe().stream().map(DeribitNames::parse).toList();
    RiskArraySet arrays = RiskArrayCalculator.compute(snapshot, instruments, definition);
    for (Instrument instrument : instruments) {
      ScenarioSet set = definition.forUnderlying(instrument.underlying());
      RiskArray array = arrays.get(instrument.name());
      PricingInputs base = InstrumentPricer.inputs(instrument, snapshot);
      // Losses start from the instrument's one price: its mark where the snapshot has one, else the
      // model value.
      double baseValue = InstrumentPricer.presentValue(instrument, snapshot);
      for (Scenario scenario : set.scenarios()) {
        MarketSnapshot moved = snapshot.shifted(instrument.underlying(), set.shift(scenario));
        PricingInputs after =
            InstrumentPricer.inputs(instrument, moved, ExpiryPolicy.INTRINSIC_PAST_EXPIRY);
        double valueAfter =
            InstrumentPricer.value(
                instrument, after.forward(), after.years(), after.vol(), base.forward());
        double fullLoss = baseValue - valueAfter;
        boolean edge = instrument.settlement() == Settlement.INVERSE && scenario.convertsAtEdge();
        if (edge) {
          // USD P&L (value × S(1+m) less value × S) converted to coin at the edge price S(1+e).
          fullLoss =
              (baseValue - valueAfter * (1 + scenario.priceMove())) / (1 + scenario.edgeMove());
        }
        double tolerance = 1e-9 * Math.max(1, Math.abs(fullLoss));
        assertThat(array.loss(scenario.number() - 1))
            .as("%s scenario %d", instrument.name(), scenario.number())
            .isCloseTo(scenario.weight() * fullLoss, within(tolerance));
        if (scenario.role() == ScenarioRole.EXTREME && !edge) {
          assertThat(scenario.weight()).isLessThan(1.0);
          assertThat(Math.abs(array.loss(scenario.number() - 1)))
              .isLessThanOrEqualTo(Math.abs(fullLoss) + tolerance);
        }
      }
    }
  }

  @org.junit.jupiter.api.Test
  void riskArray_optionExpiringWithinLookAhead_shiftedSnapshotValuesItAtIntrinsicLikeTheArray() {
    // Twelve hours to expiry and span-16's one-day look-ahead: every scenario is past the expiry.
    Instant expiry = AS_OF.plusSeconds(12 * 3600);
    MarketSnapshot snapshot =
        MarketSnapshot.of(AS_OF, Map.of("BTC", UnderlyingMarket.flat(70_000, 0.6)));
    Instrument call =
        new io.cryptomargin.instrument.EuropeanOption(
            "BTC-TEST-C",
            "BTC",
            expiry,
            69_000,
            PutCall.CALL,
            io.cryptomargin.instrument.Settlement.LINEAR,
            "USD",
            1.0);
    ScenarioSet set = MarginTestModels.span16().forUnderlying("BTC");
    RiskArray array = RiskArrayCalculator.compute(snapshot, call, set);
    PricingInputs base = InstrumentPricer.inputs(call, snapshot);
    double baseValue =
        InstrumentPricer.value(call, base.forward(), base.years(), base.vol(), base.forward());
    for (Scenario scenario : set.scenarios()) {
      MarketSnapshot moved = snapshot.shifted("BTC", set.shift(scenario));
      PricingInputs after =
          InstrumentPricer.inputs(call, moved, ExpiryPolicy.INTRINSIC_PAST_EXPIRY);
      assertThat(after.years()).isZero();
      double intrinsic = Math.max(after.forward() - 69_000, 0);
      assertThat(array.loss(scenario.number() - 1))
          .isCloseTo(scenario.weight() * (baseValue - intrinsic), within(1e-9 * baseValue));
    }
  }
}
