package io.cryptomargin.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptomargin.instrument.InstrumentKind;
import io.cryptomargin.instrument.PutCall;
import io.cryptomargin.riskarray.RiskArray;
import io.cryptomargin.riskarray.RiskArrayCalculator;
import io.cryptomargin.riskarray.RiskArraySet;
import io.cryptomargin.validation.ValidationException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RiskArrayJsonTest {
  @Test
  void writeThenParse_deribitArrays_roundTripExactly() {
    for (String model : ModelFiles.BUILT_IN) {
      RiskArraySet arrays =
          RiskArrayCalculator.computeAll(
              DeribitChainCsv.read(TestFiles.chainMay14()), ModelFiles.scenarioSet(model));
      RiskArraySet copy = RiskArrayJson.parse(RiskArrayJson.write(arrays), "copy.json");
      assertThat(copy).isEqualTo(arrays);
    }
  }

  @Test
  void parse_minimalClearingHouseFile_fillsDefaults() {
    StringBuilder losses = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      losses.append(i == 0 ? "" : ",").append(i * 10.5);
    }
    String json =
        "{\"scenarioSet\":\"span-16\",\"riskArrays\":[{\"instrument\":\"ESM4 C5000\",\"underlying\":\"ES\","
            + "\"losses\":["
            + losses
            + "],\"compositeDelta\":0.52,\"optionValue\":12.5,\"putCall\":\"call\","
            + "\"kind\":\"OPTION\",\"expiry\":\"2024-06-21\"}]}";
    RiskArraySet set = RiskArrayJson.parse(json, "cme.json");
    RiskArray a = set.get("ESM4 C5000");
    assertThat(a.settlementCurrency()).isEqualTo("USD");
    assertThat(a.value()).isEqualTo(12.5);
    assertThat(a.putCall()).isEqualTo(PutCall.CALL);
    assertThat(a.kind()).isEqualTo(InstrumentKind.OPTION);
    assertThat(a.expiry()).isEqualTo(Instant.parse("2024-06-21T08:00:00Z"));
    assertThat(a.underlyingPrice()).isNaN();
    assertThat(set.scenarioLabels()).hasSize(16).first().isEqualTo("price unchanged, vol up");
    assertThat(set.snapshotId()).isEqualTo("cme.json");
  }

  @Test
  void parse_badArrays_listsEveryProblemWithJsonPath() {
    String json =
        "{\"scenarioSet\":\"span-16\",\"riskArrays\":["
            + "{\"instrument\":\"A\",\"underlying\":\"ES\",\"losses\":[1,2,3],\"compositeDelta\":0.1},"
            + "{\"instrument\":\"B\",\"underlying\":\"ES\",\"losses\":[1,\"x\",3],\"compositeDelta\":0.1},"
            + "{\"instrument\":\"C\",\"losses\":[1,2],\"kind\":\"SWAP\"},"
            + "{\"instrument\":\"D\",\"underlying\":\"ES\",\"losses\":[1,2,3],\"compositeDelta\":0.1,\"underlyingPrice\":-5}]}";
    assertThatThrownBy(() -> RiskArrayJson.parse(json, "bad.json"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("riskArrays[1].losses[1]")
        .hasMessageContaining("riskArrays[2].underlying: is required")
        .hasMessageContaining("riskArrays[2].compositeDelta: is required")
        .hasMessageContaining("riskArrays[2].kind")
        .hasMessageContaining(
            "riskArrays[0].losses: A has 3 scenario losses, span-16 has 16 scenarios")
        .hasMessageContaining("riskArrays[3].underlyingPrice");
  }

  @Test
  void csvWrite_hasHeaderLabelsAndOneRowPerInstrument() {
    RiskArray a =
        new RiskArray(
            "BTC-PERPETUAL",
            "BTC",
            "BTC",
            null,
            InstrumentKind.PERPETUAL,
            null,
            new double[] {0.1, -0.25},
            1.0,
            0.0,
            9350.5);
    RiskArraySet set =
        RiskArraySet.of("test", "1", "snap", List.of("up, a lot", "down"), List.of(a));
    String csv = RiskArrayCsv.write(set);
    assertThat(csv.split("\r\n"))
        .containsExactly(
            "instrument,underlying,settlementCurrency,expiry,kind,putCall,compositeDelta,price,underlyingPrice,"
                + "\"up, a lot\",down",
            "BTC-PERPETUAL,BTC,BTC,,PERPETUAL,,1.0,0.0,9350.5,0.1,-0.25");
  }

  private static String losses(int count) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append(i == 0 ? "" : ",").append(i);
    }
    return out.toString();
  }

  @Test
  void parse_span16FileWithThreeLosses_errorNamesEveryInstrument() {
    // Without labels the expected length is the named built-in set's: span-16 has 16 scenarios.
    String json =
        "{\"scenarioSet\":\"span-16\",\"riskArrays\":["
            + "{\"instrument\":\"A\",\"underlying\":\"ES\",\"losses\":["
            + losses(3)
            + "],\"compositeDelta\":1},"
            + "{\"instrument\":\"B\",\"underlying\":\"ES\",\"losses\":["
            + losses(3)
            + "],\"compositeDelta\":1}]}";

    assertThatThrownBy(() -> RiskArrayJson.parse(json, "short.json"))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).hasSize(2))
        .hasMessageContaining(
            "riskArrays[0].losses: A has 3 scenario losses, span-16 has 16 scenarios")
        .hasMessageContaining(
            "riskArrays[1].losses: B has 3 scenario losses, span-16 has 16 scenarios");
  }

  @Test
  void parse_cryptoPmFileWithSpan16Arrays_rejectedAgainstCryptoPmsScenarioCount() {
    int cryptoPm = ModelFiles.scenarioSet("crypto-pm").scenarioCount();
    String json =
        "{\"scenarioSet\":\"crypto-pm\",\"riskArrays\":["
            + "{\"instrument\":\"A\",\"underlying\":\"ES\",\"losses\":["
            + losses(16)
            + "],\"compositeDelta\":1}]}";

    assertThatThrownBy(() -> RiskArrayJson.parse(json, "pm.json"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("A has 16 scenario losses, crypto-pm has " + cryptoPm + " scenarios");
  }

  @Test
  void parse_labelsDisagreeWithTheBuiltInSet_errorOnTheLabels() {
    String json =
        "{\"scenarioSet\":\"span-16\",\"scenarios\":[\"up\",\"down\",\"flat\"],\"riskArrays\":["
            + "{\"instrument\":\"A\",\"underlying\":\"ES\",\"losses\":["
            + losses(3)
            + "],\"compositeDelta\":1}]}";

    assertThatThrownBy(() -> RiskArrayJson.parse(json, "labels.json"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("scenarios: has 3 labels, span-16 has 16 scenarios")
        .hasMessageContaining(
            "riskArrays[0].losses: A has 3 scenario losses, span-16 has 16 scenarios");
  }

  @Test
  void parse_unknownSetWithUnequalArrays_errorNamesTheOddOne() {
    String json =
        "{\"scenarioSet\":\"my-set\",\"riskArrays\":["
            + "{\"instrument\":\"A\",\"underlying\":\"ES\",\"losses\":["
            + losses(4)
            + "],\"compositeDelta\":1},"
            + "{\"instrument\":\"B\",\"underlying\":\"ES\",\"losses\":["
            + losses(3)
            + "],\"compositeDelta\":1}]}";

    assertThatThrownBy(() -> RiskArrayJson.parse(json, "mine.json"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("riskArrays[1].losses: B has 3 scenario losses, riskArrays[0] has 4");
  }

  @Test
  void parse_optionValueWithoutKindOrPutCall_errorNamesTheInstrumentAndTheMissingFields() {
    // Without putCall the array is not known to be an option: held short, its value (NOV) and its
    // short
    // option minimum would silently be zero.
    String json =
        "{\"scenarioSet\":\"span-16\",\"riskArrays\":["
            + "{\"instrument\":\"ESM4 C5000\",\"underlying\":\"ES\",\"losses\":["
            + losses(16)
            + "],"
            + "\"compositeDelta\":0.5,\"optionValue\":12.5},"
            + "{\"instrument\":\"ESM4\",\"underlying\":\"ES\",\"kind\":\"FUTURE\",\"losses\":["
            + losses(16)
            + "],"
            + "\"compositeDelta\":1,\"optionValue\":3}]}";

    assertThatThrownBy(() -> RiskArrayJson.parse(json, "cme.json"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining(
            "riskArrays[0].putCall: ESM4 C5000 has an optionValue but no kind and no putCall")
        .hasMessageContaining("riskArrays[1].kind: ESM4 has an optionValue but is a FUTURE");
  }
}
