package io.cryptomargin.margin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cryptomargin.book.AccountMargin;
import io.cryptomargin.book.AccountType;
import io.cryptomargin.book.BookInstruments;
import io.cryptomargin.book.CommodityMargin;
import io.cryptomargin.book.MarginMode;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.Position;
import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.market.UnderlyingMarket;
import io.cryptomargin.pricing.Black76;
import io.cryptomargin.riskarray.RiskArray;
import io.cryptomargin.riskarray.RiskArrayCalculator;
import io.cryptomargin.riskarray.RiskArraySet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * crypto-pm (METHODOLOGY 2b, Deribit 2024) on books small enough to work out by hand. The market is
 * flat (forward = index, one vol), with no marks, so every price is Black-76 at that vol; each test
 * says how its figure was worked out. Cells: 0..26 the 9 × 3 grid (move −16% first for BTC, vol
 * up/same/down), 27..34 the extended table (−66%, −33%, +50%, +100%, +200%, +300%, +400%, +500%).
 */
class CryptoPmMarginTest {
  private static final double EXACT = 1e-9;
  private static final double CENT = 0.005;
  private static final Instant AS_OF = Instant.parse("2024-03-01T08:00:00Z");

  /** 2024-03-31 08:00 UTC: 30 days on, where the vol shock's term factor is exactly 1. */
  private static final String EXPIRY = "31MAR24";

  private static final double YEARS = 30 / 365.0;
  private static final double BTC = 70_000;
  private static final double ETH = 3_500;
  private static final MarginModel MODEL = MarginTestModels.cryptoPmModel();

  private static MarketSnapshot market() {
    return MarketSnapshot.of(
        AS_OF,
        Map.of("BTC", UnderlyingMarket.flat(BTC, 0.6), "ETH", UnderlyingMarket.flat(ETH, 0.7)));
  }

  private static AccountMargin margin(
      Map<String, Double> collateral, MarginMode mode, Position... positions) {
    return PortfolioMargin.compute(
        new Portfolio("a", collateral, List.of(positions), AccountType.SPECULATOR, mode),
        market(),
        MODEL);
  }

  private static RiskArray array(String instrument) {
    return RiskArrayCalculator.compute(
            market(),
            BookInstruments.of(
                new Portfolio("a", Map.of(), List.of(new Position(instrument, 1))), market()),
            MODEL.scenarios())
        .get(instrument);
  }

  @Test
  void margin_twoLongBtcInversePerpetualsSegregated_worstCellPlusRollShockInBtc() {
    // Coin value of one inverse perpetual after a move m: (F' − F)/F' = m/(1+m) BTC. Worst cell
    // −16%:
    // 2 × 0.16/0.84 = 0.380952 BTC. Extended −66%: weight 0.16/0.66, USD P&L −0.66·S per coin,
    // converted at
    // the edge S·0.84: 2 × 0.16/0.84, the same as the −16% cell; the dampener forgives (0.66/0.16 −
    // 1) ×
    // 100,000/70,000 = 4.46 BTC of it, so it is 0. Roll shock 0.01 × 2 coins = 0.02 BTC.
    // IM = 0.380952 + 0.02 = 0.400952 BTC = 28,066.67 USD; MM = 0.8 × IM = 22,453.33 USD.
    AccountMargin m =
        margin(Map.of("USD", 200_000.0), MarginMode.SEGREGATED, new Position("BTC-PERPETUAL", 2));
    CommodityMargin btc = m.commodity("BTC", "BTC").orElseThrow();
    assertThat(btc.scanningRisk()).isCloseTo(2 * 0.16 / 0.84, within(EXACT));
    assertThat(btc.rollShock()).isCloseTo(0.02, within(EXACT));
    assertThat(btc.initialMargin()).isCloseTo(2 * 0.16 / 0.84 + 0.02, within(EXACT));
    assertThat(m.initialMargin()).isCloseTo((2 * 0.16 / 0.84 + 0.02) * BTC, within(CENT));
    assertThat(m.maintenanceMargin()).isCloseTo(0.8 * (2 * 0.16 / 0.84 + 0.02) * BTC, within(CENT));
    assertThat(btc.undampenedExtendedLoss()).isCloseTo(2 * 0.16 / 0.84, within(EXACT));
    assertThat(btc.bindingScenarioLabel()).startsWith("BTC -16%");
  }

  @Test
  void margin_twoLongBtcInversePerpetualsCross_usdVectorWorstCellPlusRollShockInUsd() {
    // In USD the inverse perpetual's P&L is (F' − F) per coin: −16% loses 2 × 0.16 × 70,000 =
    // 22,400 USD.
    // Roll shock 0.01 × 2 coins × 70,000 = 1,400 USD. IM = 23,800; MM = 0.8 × 23,800 = 19,040.
    AccountMargin m =
        margin(Map.of("USD", 200_000.0), MarginMode.CROSS, new Position("BTC-PERPETUAL", 2));
    assertThat(m.initialMargin()).isCloseTo(23_800, within(CENT));
    assertThat(m.maintenanceMargin()).isCloseTo(19_040, within(CENT));
    assertThat(m.marginMode()).isEqualTo(MarginMode.CROSS);
  }

  @Test
  void margin_tenLongEthInversePerpetualsSegregated_ethRangeAndRollShock() {
    // ETH: range 18%, minAnnualisedMove 0.005. −18% cell: 10 × 0.18/0.82 = 2.195122 ETH; roll 0.005
    // × 10 =
    // 0.05 ETH; IM = 2.245122 ETH = 7,857.93 USD at 3,500; MM = 0.8 × IM = 1.796098 ETH.
    AccountMargin m =
        margin(Map.of("USD", 200_000.0), MarginMode.SEGREGATED, new Position("ETH-PERPETUAL", 10));
    CommodityMargin eth = m.commodity("ETH", "ETH").orElseThrow();
    assertThat(eth.scanningRisk()).isCloseTo(10 * 0.18 / 0.82, within(EXACT));
    assertThat(eth.rollShock()).isCloseTo(0.05, within(EXACT));
    assertThat(eth.initialMargin()).isCloseTo(10 * 0.18 / 0.82 + 0.05, within(EXACT));
    assertThat(eth.maintenanceMargin()).isCloseTo(0.8 * (10 * 0.18 / 0.82 + 0.05), within(EXACT));
    assertThat(m.initialMargin()).isCloseTo((10 * 0.18 / 0.82 + 0.05) * ETH, within(CENT));
  }

  @Test
  void margin_tenShortEthUsdcPerpetuals_usdcRollShockTimesIndex() {
    // Linear: +18% loses 10 × 0.18 × 3,500 = 6,300 USD. Extended +50%: weight 0.18/0.5 × 10 × 0.5 ×
    // 3,500 =
    // 6,300 too, less (0.5/0.18 − 1) × 25,000 = 44,444 of USD(C) dampener: 0. Roll: USD(C) 0.01 ×
    // 10 coins ×
    // 3,500 = 350. IM = 6,650; MM = 5,320.
    AccountMargin m =
        margin(Map.of("USD", 200_000.0), MarginMode.CROSS, new Position("ETH_USDC-PERPETUAL", -10));
    assertThat(m.initialMargin()).isCloseTo(6_650, within(CENT));
    assertThat(m.maintenanceMargin()).isCloseTo(5_320, within(CENT));
    assertThat(m.commodities().get(0).undampenedExtendedLoss()).isCloseTo(6_300, within(CENT));
  }

  @Test
  void margin_shortAtTheMoneyLinearCall_worstCellIsUpSixteenVolUp() {
    // One short BTC_USDC 70,000 call, 30 days, vol 60%: term factor (30/30)^0.13 = 1, σ_up =
    // max(0.6 × 1.5, 0.5)
    // = 0.9. Worst cell +16% vol up: C(81,200, 0.9) − C(70,000, 0.6), Black-76 with T = 30/365. The
    // extended
    // cells (weight ≤ 0.32) lose less than the 25,000 USD(C) dampener forgives. No futures: no roll
    // shock.
    double c0 = Black76.price(BTC, 70_000, YEARS, 0.6, PutCall.CALL);
    double up = Black76.price(BTC * 1.16, 70_000, YEARS, 0.9, PutCall.CALL);
    AccountMargin m =
        margin(
            Map.of("USD", 200_000.0),
            MarginMode.CROSS,
            new Position("BTC_USDC-" + EXPIRY + "-70000-C", -1));
    CommodityMargin btc = m.commodities().get(0);
    assertThat(btc.scanningRisk()).isCloseTo(up - c0, within(1e-6));
    assertThat(btc.bindingScenarioLabel()).startsWith("BTC +16%").endsWith("vol up");
    assertThat(m.initialMargin()).isCloseTo(up - c0, within(1e-6));
    assertThat(m.maintenanceMargin()).isCloseTo(0.8 * (up - c0), within(1e-6));
    // The premium is in equity at its value, not added to the requirement.
    assertThat(m.equity()).isCloseTo(200_000 - c0, within(1e-6));
  }

  @Test
  void riskArray_inverseShortCallExtendedCell_convertedToCoinAtTheEdgePrice() {
    // BTC 70,000 call, inverse: coin value v = C_usd/F. Cell +100% (index 30), vol up (0.9): USD
    // P&L per coin
    // of a long = v_m × 2S − v0 × S = C(140,000, 0.9) − C(70,000, 0.6); weighted 0.16/1 and
    // converted to coin
    // at the edge S × 1.16, not at S × 2: loss = −0.16 × (C(140,000) − C(70,000)) / 81,200.
    double c0 = Black76.price(BTC, 70_000, YEARS, 0.6, PutCall.CALL);
    double c100 = Black76.price(2 * BTC, 70_000, YEARS, 0.9, PutCall.CALL);
    RiskArray call = array("BTC-" + EXPIRY + "-70000-C");
    assertThat(call.loss(30)).isCloseTo(-0.16 * (c100 - c0) / (BTC * 1.16), within(1e-12));
    // At the move's own price it would be −0.16 × (C(140,000) − C(70,000)) / 140,000: a different
    // figure.
    assertThat(call.loss(30)).isNotCloseTo(-0.16 * (c100 - c0) / (2 * BTC), within(1e-4));
  }

  @Test
  void margin_largeShortOutOfTheMoneyCalls_dampenerLeavesPartOfTheExtendedCellStanding() {
    // Fifty short BTC_USDC 100,000 calls: the +100% cell (index 30) loses L = 50 × 0.16 ×
    // (C(140,000, 0.9) −
    // C(70,000 → 100,000 strike, 0.6)); the USD(C) dampener forgives (1/0.16 − 1) × 25,000 =
    // 131,250 of it.
    // What stands, L − 131,250, is more than any regular cell, so it sets IM; the undampened L is
    // reported.
    String name = "BTC_USDC-" + EXPIRY + "-100000-C";
    double c0 = Black76.price(BTC, 100_000, YEARS, 0.6, PutCall.CALL);
    double c100 = Black76.price(2 * BTC, 100_000, YEARS, 0.9, PutCall.CALL);
    double undampened = 50 * 0.16 * (c100 - c0);
    double standing = undampened - (1 / 0.16 - 1) * 25_000;
    AccountMargin m = margin(Map.of("USD", 2_000_000.0), MarginMode.CROSS, new Position(name, -50));
    CommodityMargin btc = m.commodities().get(0);
    assertThat(standing).isPositive().isLessThan(undampened);
    assertThat(btc.scanningRisk()).isCloseTo(standing, within(1e-6));
    assertThat(btc.bindingScenarioLabel()).isEqualTo("+100% extended, vol up");
    assertThat(m.initialMargin()).isCloseTo(standing, within(1e-6));
    // The +500% cell's undampened loss is larger still (deeper in the money at the same weight per
    // move).
    assertThat(m.undampenedExtendedLossUsd()).isGreaterThanOrEqualTo(undampened);
    assertThat(m.undampenedExtendedScenario()).endsWith("extended, vol up");
  }

  @Test
  void margin_heldBtcAloneCross_isAPositionInItsOwnVector() {
    // 1 BTC held: −16% loses 0.16 × 70,000 = 11,200 USD; extended −66%: weight 0.16/0.66 × 0.66 ×
    // 70,000 =
    // 11,200 as well, forgiven by the dampener. Haircut 0 for BTC: capital consumed = IM.
    AccountMargin m = margin(Map.of("BTC", 1.0), MarginMode.CROSS);
    assertThat(m.initialMargin()).isCloseTo(11_200, within(CENT));
    assertThat(m.haircutUsd()).isZero();
    assertThat(m.capitalConsumed()).isCloseTo(11_200, within(CENT));
    assertThat(m.equity()).isCloseTo(BTC, within(CENT));
    // Segregated: a coin's balance has no P&L in its own coin.
    assertThat(margin(Map.of("BTC", 1.0), MarginMode.SEGREGATED).initialMargin()).isZero();
  }

  @Test
  void margin_heldBtcHedgedWithShortInversePerpetual_onlyTheRollShockRemains() {
    // 1 BTC held and 1 BTC-PERPETUAL short: the short's USD P&L −(F' − F) cancels the coin's S·m in
    // every cell;
    // what remains is the roll shock 0.01 × 1 × 70,000 = 700 USD.
    AccountMargin m =
        margin(Map.of("BTC", 1.0), MarginMode.CROSS, new Position("BTC-PERPETUAL", -1));
    assertThat(m.initialMargin()).isCloseTo(700, within(1e-6));
  }

  @Test
  void margin_secondProfile_2026BtcValuesGiveTheirOwnGrid() {
    // The 2026-09 profile: BTC range 14%: 2 long inverse perpetuals segregated lose 2 × 0.14/0.86
    // BTC at −14%,
    // roll 0.02 BTC.
    MarginModel model = io.cryptomargin.io.MarginModelFiles.load("crypto-pm-2026-09");
    AccountMargin m =
        PortfolioMargin.compute(
            new Portfolio(
                "a",
                Map.of("USD", 200_000.0),
                List.of(new Position("BTC-PERPETUAL", 2)),
                AccountType.SPECULATOR,
                MarginMode.SEGREGATED),
            market(),
            model);
    assertThat(m.commodities().get(0).initialMargin())
        .isCloseTo(2 * 0.14 / 0.86 + 0.02, within(EXACT));
    assertThat(m.profile().name()).isEqualTo("deribit-2026-09");
    assertThat(m.profile().date()).isEqualTo("2026-09");
  }

  @Test
  void riskArraySet_lengthIsTheGridPlusTheExtendedTable() {
    RiskArraySet set =
        RiskArrayCalculator.compute(
            market(),
            BookInstruments.of(
                new Portfolio("a", Map.of(), List.of(new Position("BTC-PERPETUAL", 1))), market()),
            MODEL.scenarios());
    assertThat(set.scenarioCount()).isEqualTo(27 + 8);
  }
}
