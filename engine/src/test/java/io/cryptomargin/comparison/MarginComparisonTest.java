package io.cryptomargin.comparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cryptomargin.book.AccountMargin;
import io.cryptomargin.book.AccountType;
import io.cryptomargin.book.CommodityMargin;
import io.cryptomargin.book.MarginMode;
import io.cryptomargin.book.MarginStatus;
import io.cryptomargin.book.ModelProfile;
import io.cryptomargin.book.ParameterSetRef;
import io.cryptomargin.rules.PairingStatus;
import io.cryptomargin.rules.RulesMarginResult;
import io.cryptomargin.rules.UnderlyingRulesMargin;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * METHODOLOGY section 5 on results written by hand, so every expected figure is arithmetic in the
 * test.
 */
class MarginComparisonTest {
  private static final double USD_EXACT = 1e-9;

  /**
   * 100,000 USD cash, 1 BTC spot at 70,000 (haircut 7,000); rules IM 20,000 (BTC 18,000, ETH
   * 2,000).
   */
  private static RulesMarginResult rules() {
    return new RulesMarginResult(
        "a-1",
        new ParameterSetRef("strategy-based", "2.0.0"),
        "2026-12-06",
        "snap",
        List.of(),
        List.of(),
        List.of(
            new UnderlyingRulesMargin("BTC", "USDC", 70_000, 18_000, 9_000, 18_000, 9_000),
            new UnderlyingRulesMargin("ETH", "USDC", 3_500, 2_000, 1_000, 2_000, 1_000)),
        20_000,
        10_000,
        20_000,
        10_000,
        0,
        100_000,
        70_000,
        7_000,
        Map.of("BTC", 70_000.0),
        Map.of("BTC", 7_000.0),
        PairingStatus.EXACT,
        List.of());
  }

  private static CommodityMargin commodity(String coin, double initialUsd) {
    return new CommodityMargin(
        coin,
        "USDC",
        1,
        0,
        1,
        "",
        0,
        0,
        0,
        0,
        0,
        0,
        initialUsd / 1.3,
        initialUsd,
        initialUsd / 1.3,
        initialUsd,
        List.of());
  }

  /** Portfolio margin of the same book: IM 6,500 (BTC 5,200, ETH 1,300). */
  private static AccountMargin portfolio(double equity, boolean qualified) {
    return new AccountMargin(
        "a-1",
        "crypto-pm",
        new ParameterSetRef("crypto-pm", "1.0.0"),
        "snap",
        6_500,
        5_000,
        equity,
        equity - 70_000,
        MarginStatus.HEALTHY,
        qualified,
        qualified ? List.of() : List.of("equity below the minimum: the rules-based margin applies"),
        List.of(commodity("BTC", 5_200), commodity("ETH", 1_300)));
  }

  @Test
  void of_sameBook_consumesRequirementPlusHaircutUnderRulesAndRequirementUnderPm() {
    MarginComparison c = MarginComparison.of(List.of(rules()), portfolio(170_000, true));

    ModelFigures rules = c.rulesModels().get(0);
    assertThat(rules.equityUsd()).isCloseTo(170_000, within(USD_EXACT));
    assertThat(rules.capitalConsumedUsd()).isCloseTo(27_000, within(USD_EXACT));
    assertThat(rules.freeCollateralUsd()).isCloseTo(143_000, within(USD_EXACT));
    assertThat(c.portfolioMargin().equityUsd()).isCloseTo(170_000, within(USD_EXACT));
    assertThat(c.portfolioMargin().capitalConsumedUsd()).isCloseTo(6_500, within(USD_EXACT));
    assertThat(c.portfolioMargin().freeCollateralUsd()).isCloseTo(163_500, within(USD_EXACT));
    // Saving 27,000 − 6,500 = 20,500; gain 20,500 / 27,000.
    assertThat(c.savings())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.savingUsd()).isCloseTo(20_500, within(USD_EXACT));
              assertThat(s.capitalEfficiencyGain()).isCloseTo(20_500.0 / 27_000, within(USD_EXACT));
            });
  }

  @Test
  void of_perUnderlying_chargesEachCoinItsOwnHaircut() {
    MarginComparison c = MarginComparison.of(List.of(rules()), portfolio(170_000, true));

    assertThat(c.underlyings())
        .extracting(UnderlyingComparison::underlying)
        .containsExactly("BTC", "ETH");
    UnderlyingComparison btc = c.underlyings().get(0);
    assertThat(btc.rulesConsumedUsd()).isCloseTo(25_000, within(USD_EXACT));
    assertThat(btc.portfolioConsumedUsd()).isCloseTo(5_200, within(USD_EXACT));
    assertThat(btc.capitalEfficiencyGain()).isCloseTo(1 - 5_200.0 / 25_000, within(USD_EXACT));
    UnderlyingComparison eth = c.underlyings().get(1);
    assertThat(eth.rulesHaircutUsd()).isZero();
    assertThat(eth.capitalEfficiencyGain()).isCloseTo(1 - 1_300.0 / 2_000, within(USD_EXACT));
  }

  @Test
  void of_qualifiedAccount_appliesPortfolioMargin() {
    ApplicableMargin applicable =
        MarginComparison.of(List.of(rules()), portfolio(170_000, true)).applicable();

    assertThat(applicable.model()).isEqualTo(AppliedModel.PORTFOLIO_MARGIN);
    assertThat(applicable.initialMarginUsd()).isEqualTo(6_500);
  }

  @Test
  void of_unqualifiedAccount_showsPmFiguresButFallsBackToRulesBased() {
    MarginComparison c = MarginComparison.of(List.of(rules()), portfolio(90_000, false));

    assertThat(c.portfolioMarginQualified()).isFalse();
    assertThat(c.portfolioMargin().requirementUsd()).isEqualTo(6_500);
    assertThat(c.applicable().model()).isEqualTo(AppliedModel.RULES_BASED);
    assertThat(c.applicable().initialMarginUsd()).isEqualTo(20_000);
    assertThat(c.applicable().equityUsd()).isCloseTo(170_000 - 7_000, within(USD_EXACT));
    assertThat(c.applicable().reason()).contains("rules-based margin applies");
  }

  /**
   * The same book under deribit-sm: IM 50,000 (no strategy recognized), the same equity and
   * haircut.
   */
  private static RulesMarginResult deribitSm() {
    return new RulesMarginResult(
        "a-1",
        new ParameterSetRef("deribit-sm", "2.0.0"),
        "2026-12-06",
        "snap",
        List.of(),
        List.of(),
        List.of(new UnderlyingRulesMargin("BTC", "USDC", 70_000, 50_000, 30_000, 50_000, 30_000)),
        50_000,
        30_000,
        50_000,
        30_000,
        0,
        100_000,
        70_000,
        7_000,
        Map.of("BTC", 70_000.0),
        Map.of("BTC", 7_000.0),
        PairingStatus.EXACT,
        List.of());
  }

  @Test
  void of_twoRulesModelsAndAPortfolioHaircut_savingAndGainAgainstEach() {
    // Portfolio model: IM 6,500 plus a 700 USD haircut on the coin it holds → consumed 7,200.
    // deribit-sm consumed 50,000 + 7,000 = 57,000: saving 49,800, gain 49,800 / 57,000.
    // strategy-based consumed 20,000 + 7,000 = 27,000: saving 19,800, gain 19,800 / 27,000.
    AccountMargin base = portfolio(170_000, true);
    AccountMargin withHaircut =
        new AccountMargin(
            base.account(),
            base.model(),
            base.parameterSet(),
            base.snapshot(),
            base.initialMargin(),
            base.maintenanceMargin(),
            base.equity(),
            base.collateralValue(),
            base.status(),
            true,
            List.of(),
            base.commodities(),
            0,
            700,
            MarginMode.CROSS,
            AccountType.SPECULATOR,
            ModelProfile.UNNAMED,
            0,
            "");

    MarginComparison c = MarginComparison.of(List.of(deribitSm(), rules()), withHaircut);

    assertThat(c.portfolioMargin().capitalConsumedUsd()).isCloseTo(7_200, within(USD_EXACT));
    assertThat(c.savings())
        .extracting(Saving::rulesModel)
        .containsExactly("deribit-sm", "strategy-based");
    assertThat(c.savings().get(0).savingUsd()).isCloseTo(49_800, within(USD_EXACT));
    assertThat(c.savings().get(0).capitalEfficiencyGain())
        .isCloseTo(49_800.0 / 57_000, within(USD_EXACT));
    assertThat(c.savings().get(1).savingUsd()).isCloseTo(19_800, within(USD_EXACT));
    assertThat(c.savings().get(1).capitalEfficiencyGain())
        .isCloseTo(19_800.0 / 27_000, within(USD_EXACT));
    // The fallback is the last rules model: strategy-based.
    assertThat(c.fallbackRules().parameterSet().id()).isEqualTo("strategy-based");
  }

  @Test
  void gain_rulesConsumeNothing_isUndefined() {
    assertThat(MarginComparison.gain(100, 0)).isNaN();
    assertThat(MarginComparison.gain(150, 100)).isCloseTo(-0.5, within(USD_EXACT));
  }
}
