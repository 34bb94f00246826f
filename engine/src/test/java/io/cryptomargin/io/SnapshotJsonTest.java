package io.cryptomargin.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptomargin.instrument.DeribitNames;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.riskarray.RiskArrayCalculator;
import io.cryptomargin.riskarray.RiskArraySet;
import io.cryptomargin.validation.ValidationException;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotJsonTest {
  private static final String EXAMPLE =
      "{\"asOf\":\"2024-03-01T08:00:00Z\",\"underlyings\":{"
          + "\"BTC\":{\"index\":70000,\"flatVol\":0.55},"
          + "\"ETH\":{\"index\":3500,\"flatVol\":0.6,\"forwards\":{\"2024-03-29\":3510},"
          + "\"smiles\":{\"2024-03-29\":[[3000,0.65],[3500,0.6],[4000,0.62]]}}},"
          + "\"instruments\":[\"BTC-PERPETUAL\",\"ETH-29MAR24-3500-C\"],"
          + "\"marks\":{\"ETH-29MAR24-3500-C\":{\"price\":0.05,\"iv\":0.61,\"forward\":3512}}}";

  @Test
  void parse_issueExample_readsIndexForwardsSmilesAndUniverse() {
    MarketSnapshot s = SnapshotJson.parse(EXAMPLE, "example.json");
    Instant expiry = DeribitNames.expiryOn(LocalDate.of(2024, 3, 29));
    assertThat(s.asOf()).isEqualTo(Instant.parse("2024-03-01T08:00:00Z"));
    assertThat(s.index("BTC")).isEqualTo(70000.0);
    assertThat(s.forward("ETH", expiry)).isEqualTo(3510.0);
    // No forward quoted for BTC: the index.
    assertThat(s.forward("BTC", expiry)).isEqualTo(70000.0);
    assertThat(s.surfaceVol("ETH", 3500, expiry)).isEqualTo(0.6);
    assertThat(s.surfaceVol("BTC", 90000, expiry)).isEqualTo(0.55);
    assertThat(s.marks()).containsOnlyKeys("BTC-PERPETUAL", "ETH-29MAR24-3500-C");
    assertThat(s.mark("BTC-PERPETUAL").orElseThrow().price()).isEmpty();
    assertThat(s.mark("ETH-29MAR24-3500-C").orElseThrow().impliedVol().getAsDouble())
        .isEqualTo(0.61);
  }

  @ParameterizedTest
  @ValueSource(strings = {"span-16", "crypto-pm"})
  void write_loadedDeribitChain_readsBackToTheSameRiskArrays(String model) {
    MarketSnapshot original = DeribitChainCsv.read(TestFiles.chainMay22());
    MarketSnapshot copy = SnapshotJson.parse(SnapshotJson.write(original), "copy.json");
    assertThat(copy.asOf()).isEqualTo(original.asOf());
    assertThat(copy.underlyings()).isEqualTo(original.underlyings());
    assertThat(copy.marks()).isEqualTo(original.marks());
    RiskArraySet a = RiskArrayCalculator.computeAll(original, ModelFiles.scenarioSet(model));
    RiskArraySet b = RiskArrayCalculator.computeAll(copy, ModelFiles.scenarioSet(model));
    assertThat(b).isEqualTo(a);
  }

  @Test
  void write_issueExample_roundTrips() {
    MarketSnapshot s = SnapshotJson.parse(EXAMPLE, "example.json");
    assertThat(SnapshotJson.parse(SnapshotJson.write(s), "again.json")).isEqualTo(s);
  }

  @Test
  void parse_badSnapshot_listsEveryProblemAtOnce() {
    String bad =
        "{\"asOf\":\"yesterday\",\"underlyings\":{"
            + "\"BTC\":{\"index\":-1,\"flatVol\":\"high\"},"
            + "\"ETH\":{\"index\":3500,\"smiles\":{\"2024-03-29\":[[3000,-0.6],[2500,0.6]]}},"
            + "\"SOL\":{\"index\":150}},"
            + "\"marks\":{\"XRP-29MAR24\":{},\"ETH-29MAR24-3500-C\":{\"price\":-0.05,\"iv\":0}}}";
    assertThatThrownBy(() -> SnapshotJson.parse(bad, "bad.json"))
        .isInstanceOf(ValidationException.class)
        .satisfies(
            e -> assertThat(((ValidationException) e).problems().size()).isGreaterThanOrEqualTo(8))
        .hasMessageContaining("asOf")
        .hasMessageContaining("underlyings.BTC.index")
        .hasMessageContaining("underlyings.BTC.flatVol")
        .hasMessageContaining("underlyings.ETH.smiles.2024-03-29[0][1]")
        .hasMessageContaining("underlyings.ETH.smiles.2024-03-29.strikes[1]")
        .hasMessageContaining("underlyings.SOL: needs \"flatVol\" or \"smiles\"")
        .hasMessageContaining("marks.XRP-29MAR24: unknown underlying 'XRP'")
        .hasMessageContaining("marks.ETH-29MAR24-3500-C.price")
        .hasMessageContaining("marks.ETH-29MAR24-3500-C.iv");
  }

  @Test
  void parse_malformedJsonAndMissingFields_areReported() {
    assertThatThrownBy(() -> SnapshotJson.parse("{\"asOf\": ", "x.json"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> SnapshotJson.parse("{}", "x.json"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("asOf: is required")
        .hasMessageContaining("underlyings: is required");
  }

  @Test
  void parse_badIndexNoVolAndExpiredContracts_listsEveryProblemInOnePass() {
    String bad =
        "{\"asOf\":\"2024-03-01T08:00:00Z\",\"underlyings\":{"
            + "\"BTC\":{\"index\":70000,\"flatVol\":0.55},\"SOL\":{\"index\":-5}},"
            + "\"instruments\":[\"BTC-29FEB24\",\"BTC-29MAR24-60000-C\"],"
            + "\"marks\":{\"BTC-29FEB24-60000-C\":{\"price\":0.1}}}";
    assertThatThrownBy(() -> SnapshotJson.parse(bad, "bad.json"))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).hasSize(4))
        .hasMessageContaining("underlyings.SOL.index")
        .hasMessageContaining("underlyings.SOL: needs \"flatVol\" or \"smiles\"")
        .hasMessageContaining("instruments[0]: BTC-29FEB24 expired: expiry 2024-02-29T08:00:00Z")
        .hasMessageContaining("marks.BTC-29FEB24-60000-C: expired: expiry 2024-02-29T08:00:00Z");
  }

  /** Documented in SnapshotJson and the README: with both, the smiles win and flatVol is unused. */
  @Test
  void parse_flatVolAndSmilesBoth_smilesWinAtEveryStrikeAndExpiry() {
    MarketSnapshot s = SnapshotJson.parse(EXAMPLE, "example.json");
    Instant quoted = DeribitNames.expiryOn(LocalDate.of(2024, 3, 29));
    Instant later = DeribitNames.expiryOn(LocalDate.of(2024, 12, 27));
    assertThat(s.surfaceVol("ETH", 3500, quoted)).isEqualTo(0.6);
    assertThat(s.surfaceVol("ETH", 3000, later)).isNotEqualTo(0.6).isBetween(0.6, 0.65);
    assertThat(s.surfaceVol("ETH", 10000, quoted)).isEqualTo(0.62);
  }

  @Test
  void parse_misspeltKeys_areReportedWithTheirPath() {
    String typos =
        "{\"asOf\":\"2024-03-01T08:00:00Z\",\"underlyings\":{\"BTC\":{\"index\":70000,\"flatvol\":0.55}},"
            + "\"instrumentz\":[\"BTC-PERPETUAL\"],\"marks\":{\"BTC-29MAR24-60000-C\":{\"prise\":0.1}}}";
    assertThatThrownBy(() -> SnapshotJson.parse(typos, "typos.json"))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).hasSize(4))
        .hasMessageContaining("instrumentz: unknown key: did you mean \"instruments\"?")
        .hasMessageContaining("underlyings.BTC.flatvol: unknown key: did you mean \"flatVol\"?")
        .hasMessageContaining("underlyings.BTC: needs \"flatVol\" or \"smiles\"")
        .hasMessageContaining(
            "marks.BTC-29MAR24-60000-C.prise: unknown key: did you mean \"price\"?");
  }

  @Test
  void parse_malformedJson_givesLineColumnAndTheParsersWordsOnly() {
    assertThatThrownBy(() -> SnapshotJson.parse("{\n \"asOf\": NaN", "x.json"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("x.json: malformed JSON at line 2, column")
        .hasMessageNotContaining("Feature");
    assertThatThrownBy(() -> SnapshotJson.parse("{", "x.json"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("malformed JSON at line 1")
        .hasMessageContaining("opened at line 1, column 1")
        .hasMessageNotContaining("Source")
        .hasMessageNotContaining("REDACTED")
        .hasMessageNotContaining("Feature");
  }

  @Test
  void parse_instrumentWithContractSize_scalesItsRiskArray() {
    String head =
        "{\"asOf\":\"2024-03-01T08:00:00Z\",\"underlyings\":{\"BTC\":{\"index\":70000,\"flatVol\":0.55}},"
            + "\"instruments\":[";
    MarketSnapshot whole =
        SnapshotJson.parse(head + "\"BTC-29MAR24-60000-C\",\"BTC_USDC-PERPETUAL\"]}", "a.json");
    MarketSnapshot tenth =
        SnapshotJson.parse(
            head
                + "{\"name\":\"BTC-29MAR24-60000-C\",\"contractSize\":0.1},"
                + "{\"name\":\"BTC_USDC-PERPETUAL\",\"contractSize\":0.1}]}",
            "b.json");
    for (String model : new String[] {"span-16", "crypto-pm"}) {
      RiskArraySet a = RiskArrayCalculator.computeAll(whole, ModelFiles.scenarioSet(model));
      RiskArraySet b = RiskArrayCalculator.computeAll(tenth, ModelFiles.scenarioSet(model));
      for (String name : new String[] {"BTC-29MAR24-60000-C", "BTC_USDC-PERPETUAL"}) {
        double[] full = a.get(name).losses();
        double[] small = b.get(name).losses();
        for (int i = 0; i < full.length; i++) {
          assertThat(small[i])
              .as("%s %s scenario %d", model, name, i + 1)
              .isCloseTo(
                  0.1 * full[i],
                  org.assertj.core.api.Assertions.within(1e-12 * Math.abs(full[i]) + 1e-15));
        }
        assertThat(b.get(name).compositeDelta())
            .isCloseTo(
                0.1 * a.get(name).compositeDelta(), org.assertj.core.api.Assertions.within(1e-12));
      }
    }
    assertThat(SnapshotJson.parse(SnapshotJson.write(tenth), "again.json")).isEqualTo(tenth);
  }

  @Test
  void parse_badContractSizeAndUnknownInstrumentKey_areReportedWithTheirPath() {
    String bad =
        "{\"asOf\":\"2024-03-01T08:00:00Z\",\"underlyings\":{\"BTC\":{\"index\":70000,\"flatVol\":0.55}},"
            + "\"instruments\":[{\"name\":\"BTC-PERPETUAL\",\"contractSize\":-1},{\"contractsize\":2}]}";
    assertThatThrownBy(() -> SnapshotJson.parse(bad, "bad.json"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining(
            "instruments[0].contractSize: must be a finite number > 0 (from 1e-8 to 1e6")
        .hasMessageContaining(
            "instruments[1].contractsize: unknown key: did you mean \"contractSize\"?")
        .hasMessageContaining("instruments[1].name: is required");
  }
}
