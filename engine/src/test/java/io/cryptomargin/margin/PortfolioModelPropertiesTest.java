package io.cryptomargin.margin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cryptomargin.book.AccountMargin;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.Position;
import io.cryptomargin.instrument.DeribitNames;
import io.cryptomargin.instrument.Instrument;
import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.io.MarginModelFiles;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.market.UnderlyingMarket;
import io.cryptomargin.pricing.InstrumentPricer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Invariants every portfolio model must keep on the mark-to-market basis (METHODOLOGY 1a, 3.7),
 * over random books on a flat market with no marks (so an instrument's one price is its model
 * value). span-16's IM is 1.1 × MM for a speculator, a factor above the scan (METHODOLOGY 3.6-3.7),
 * so its bounds are checked on MM; the shipped short option minimum rate is 0, so no add-on lifts
 * its MM above the scan.
 */
class PortfolioModelPropertiesTest {
  private static final int BOOKS = 40;
  private static final double TOLERANCE = 1e-6;
  private static final Instant AS_OF = Instant.parse("2024-03-01T08:00:00Z");
  private static final List<LocalDate> EXPIRIES =
      List.of(LocalDate.of(2024, 3, 8), LocalDate.of(2024, 3, 29), LocalDate.of(2024, 6, 28));
  private static final double BTC = 70_000;

  private static MarketSnapshot market() {
    return MarketSnapshot.of(
        AS_OF,
        Map.of("BTC", UnderlyingMarket.flat(BTC, 0.6), "ETH", UnderlyingMarket.flat(3_500, 0.7)));
  }

  /** The shipped model files: their defaults are what the properties must hold for. */
  private static MarginModel model(String id) {
    return MarginModelFiles.load(id);
  }

  private static AccountMargin margin(
      String id, Map<String, Double> collateral, List<Position> positions) {
    return PortfolioMargin.compute(new Portfolio("p", collateral, positions), market(), model(id));
  }

  /**
   * The requirement a property bounds: MM for span-16 (whose IM adds CME's factor), IM for the
   * others.
   */
  private static double bounded(String id, AccountMargin m) {
    return id.equals("span-16") ? m.maintenanceMargin() : m.initialMargin();
  }

  private static double value(String name, double quantity) {
    Instrument instrument = DeribitNames.parse(name);
    return quantity * InstrumentPricer.presentValue(instrument, market());
  }

  private static String option(Random random, PutCall putCall, double strike) {
    Instant expiry = DeribitNames.expiryOn(EXPIRIES.get(random.nextInt(EXPIRIES.size())));
    return DeribitNames.optionName("BTC", "USDC", expiry, strike, putCall);
  }

  @ParameterizedTest
  @ValueSource(strings = {"span-16", "crypto-pm", "tims"})
  void margin_usdcVerticalSpreadsAndIronCondors_neverAboveTheirMaxLossFromMarks(String id) {
    Random random = new Random(5);
    for (int n = 0; n < BOOKS; n++) {
      double low = 50_000 + 1_000 * random.nextInt(20);
      double width = 1_000 * (1 + random.nextInt(10));
      double quantity = 1 + random.nextInt(5);
      Instant expiry = DeribitNames.expiryOn(EXPIRIES.get(random.nextInt(EXPIRIES.size())));
      String shortPut = DeribitNames.optionName("BTC", "USDC", expiry, low + width, PutCall.PUT);
      String longPut = DeribitNames.optionName("BTC", "USDC", expiry, low, PutCall.PUT);
      String shortCall =
          DeribitNames.optionName("BTC", "USDC", expiry, low + 2 * width + 1_000, PutCall.CALL);
      String longCall =
          DeribitNames.optionName("BTC", "USDC", expiry, low + 3 * width + 1_000, PutCall.CALL);
      // Put spread: max loss = width less the net credit, per contract.
      List<Position> spread =
          List.of(new Position(shortPut, -quantity), new Position(longPut, quantity));
      double spreadCredit = -(value(shortPut, -quantity) + value(longPut, quantity));
      double spreadMaxLoss = quantity * width - spreadCredit;
      assertThat(bounded(id, margin(id, Map.of("USD", 1e6), spread)))
          .as("%s put spread %s", id, spread)
          .isLessThanOrEqualTo(spreadMaxLoss + TOLERANCE);
      // Iron condor of equal widths: max loss = one width less the net credit of the four legs.
      List<Position> condor = new ArrayList<>(spread);
      condor.add(new Position(shortCall, -quantity));
      condor.add(new Position(longCall, quantity));
      double condorCredit =
          spreadCredit - (value(shortCall, -quantity) + value(longCall, quantity));
      double condorMaxLoss = quantity * width - condorCredit;
      assertThat(bounded(id, margin(id, Map.of("USD", 1e6), condor)))
          .as("%s iron condor %s", id, condor)
          .isLessThanOrEqualTo(condorMaxLoss + TOLERANCE);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"span-16", "crypto-pm", "tims"})
  void margin_longOptionsAlone_needAtMostTheirValue(String id) {
    Random random = new Random(7);
    for (int n = 0; n < BOOKS; n++) {
      List<Position> longs = new ArrayList<>();
      double total = 0;
      for (int leg = 0; leg < 1 + random.nextInt(4); leg++) {
        String name =
            option(
                random,
                random.nextBoolean() ? PutCall.CALL : PutCall.PUT,
                40_000 + 5_000 * random.nextInt(13));
        double quantity = 1 + random.nextInt(3);
        longs.add(new Position(name, quantity));
        total += value(name, quantity);
      }
      AccountMargin m = margin(id, Map.of("USD", 1e6), longs);
      assertThat(bounded(id, m)).as("%s %s", id, longs).isLessThanOrEqualTo(total + TOLERANCE);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"span-16", "crypto-pm", "tims"})
  void margin_randomBooks_scaleAndPermutationInvariantAndMaintenanceAtMostInitial(String id) {
    Random random = new Random(13);
    // crypto-pm's dampener forgives a fixed amount: scaling is checked with it off, the rest with
    // the model.
    MarginModel linear =
        id.equals("crypto-pm") ? MarginTestModels.cryptoPmModelWithoutDampener() : model(id);
    for (int n = 0; n < BOOKS; n++) {
      List<Position> positions = new ArrayList<>();
      for (int leg = 0; leg < 1 + random.nextInt(6); leg++) {
        String name =
            random.nextInt(4) == 0
                ? "BTC_USDC-PERPETUAL"
                : option(
                    random,
                    random.nextBoolean() ? PutCall.CALL : PutCall.PUT,
                    50_000 + 5_000 * random.nextInt(9));
        positions.add(new Position(name, random.nextInt(9) - 4 + 0.5));
      }
      Portfolio book = new Portfolio("p", Map.of("USD", 1e6), positions);
      AccountMargin base = PortfolioMargin.compute(book, market(), model(id));
      assertThat(base.maintenanceMargin())
          .as("%s MM <= IM %s", id, positions)
          .isLessThanOrEqualTo(base.initialMargin() + TOLERANCE);
      List<Position> shuffled = new ArrayList<>(positions);
      Collections.shuffle(shuffled, random);
      AccountMargin reordered = margin(id, Map.of("USD", 1e6), shuffled);
      assertThat(reordered.initialMargin()).isCloseTo(base.initialMargin(), within(TOLERANCE));
      double k = 1 + random.nextInt(5);
      AccountMargin unscaled = PortfolioMargin.compute(book, market(), linear);
      AccountMargin scaled = PortfolioMargin.compute(book.scaled(k), market(), linear);
      assertThat(scaled.initialMargin())
          .as("%s x%s %s", id, k, positions)
          .isCloseTo(
              k * unscaled.initialMargin(),
              within(TOLERANCE * Math.max(1, k * unscaled.initialMargin())));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"BTC-29MAR24-80000-C", "BTC_USDC-29MAR24-80000-C"})
  void cryptoPmCross_heldCoin_lowersTheIncrementOfAShortCallWrittenAgainstIt(String call) {
    // The increment of writing the call given 1 BTC is held, against the call written with cash
    // only.
    AccountMargin coinAlone = margin("crypto-pm", Map.of("BTC", 1.0), List.of());
    AccountMargin covered =
        margin("crypto-pm", Map.of("BTC", 1.0), List.of(new Position(call, -1)));
    AccountMargin naked = margin("crypto-pm", Map.of("USD", 1e6), List.of(new Position(call, -1)));
    assertThat(covered.initialMargin() - coinAlone.initialMargin())
        .isLessThan(naked.initialMargin());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "BTC-29MAR24-65000-P",
        "BTC_USDC-29MAR24-65000-P",
        "BTC-PERPETUAL",
        "BTC_USDC-PERPETUAL",
        "BTC-29MAR24"
      })
  void cryptoPmCross_heldCoinHedgedWithLongPutOrShortFuture_lowersTheBooksMargin(String hedge) {
    double quantity = hedge.endsWith("-P") ? 1 : -1;
    AccountMargin coinAlone = margin("crypto-pm", Map.of("BTC", 1.0), List.of());
    AccountMargin hedged =
        margin("crypto-pm", Map.of("BTC", 1.0), List.of(new Position(hedge, quantity)));
    assertThat(hedged.initialMargin()).isLessThan(coinAlone.initialMargin());
  }
}
