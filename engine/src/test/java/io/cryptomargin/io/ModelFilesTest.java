package io.cryptomargin.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptomargin.scenario.CryptoPmDefinition;
import io.cryptomargin.scenario.CryptoPmParameters;
import io.cryptomargin.scenario.Span16Definition;
import io.cryptomargin.scenario.Span16Parameters;
import io.cryptomargin.scenario.TermScaledVolShock;
import io.cryptomargin.validation.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelFilesTest {
  @Test
  void load_span16_hasMethodologyDefaults() {
    ModelFile file = ModelFiles.load("span-16");
    assertThat(file.id()).isEqualTo("span-16");
    assertThat(file.version()).isEqualTo("2.0.0");
    assertThat(file.profile().name()).isEqualTo("cme-span-form");
    Span16Definition d = (Span16Definition) file.scenarioSet();
    assertThat(d.lookAheadDays()).isEqualTo(1.0);
    assertThat(d.volFloor()).isEqualTo(0.01);
    assertThat(d.defaults()).isEqualTo(new Span16Parameters(0.25, 0.25, 2, 0.35));
    assertThat(d.parameters("BTC")).isEqualTo(new Span16Parameters(0.15, 0.25, 2, 0.35));
    assertThat(d.parameters("ETH")).isEqualTo(new Span16Parameters(0.20, 0.25, 2, 0.35));
    assertThat(d.parameters("SOL")).isEqualTo(d.defaults());
    // The margin part belongs to the margin layer: only check it arrives as plain values.
    assertThat(file.margin()).isNotEmpty();
  }

  @Test
  void load_cryptoPm_hasMethodologyDefaults() {
    CryptoPmDefinition d = (CryptoPmDefinition) ModelFiles.scenarioSet("crypto-pm");
    assertThat(d.lookAheadDays()).isEqualTo(0.0);
    List<Double> moves = List.of(-0.66, -0.33, 0.5, 1.0, 2.0, 3.0, 4.0, 5.0);
    TermScaledVolShock ethShock = new TermScaledVolShock(0.4, 0.25, 0.3, 0.13, 30, 0.01, 1, 0.5);
    assertThat(d.defaults()).isEqualTo(new CryptoPmParameters(0.24, 9, moves, 1, ethShock));
    assertThat(d.parameters("BTC"))
        .isEqualTo(
            new CryptoPmParameters(
                0.16, 9, moves, 1, new TermScaledVolShock(0.5, 0.25, 0.3, 0.13, 30, 0.01, 1, 0.5)));
    assertThat(d.parameters("ETH")).isEqualTo(new CryptoPmParameters(0.18, 9, moves, 1, ethShock));
    assertThat(d.scenarioCount()).isEqualTo(35);
  }

  @Test
  void load_unknownId_listsBuiltIns() {
    assertThatThrownBy(() -> ModelFiles.scenarioSet("span-99"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("span-99")
        .hasMessageContaining("span-16")
        .hasMessageContaining("crypto-pm");
  }

  @Test
  void load_userFileWithPartialUnderlying_mergesOverDefaultsAndKeepsMargin(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("my-span.json");
    Files.writeString(
        file,
        "{\"id\":\"my-span\",\"version\":\"2.1.0\",\"scenarioSet\":{\"type\":\"span-16\","
            + "\"lookAheadDays\":2,\"volFloor\":0.02,\"defaults\":{\"priceScanRange\":0.3,\"volScanRange\":0.2,"
            + "\"extremeMultiple\":3,\"extremeCoverFraction\":0.3},\"underlyings\":{\"BTC\":{\"volScanRange\":0.1}}},"
            + "\"margin\":{\"imFactor\":1.2,\"pairs\":[{\"a\":\"BTC\",\"b\":\"ETH\",\"credit\":0.5}]}}");
    ModelFile model = ModelFiles.load(file.toString());
    Span16Definition d = (Span16Definition) model.scenarioSet();
    assertThat(d.id()).isEqualTo("my-span");
    assertThat(d.version()).isEqualTo("2.1.0");
    assertThat(d.parameters("BTC")).isEqualTo(new Span16Parameters(0.3, 0.1, 3, 0.3));
    assertThat(model.margin().get("imFactor")).isEqualTo(1.2);
    assertThat(model.margin().get("pairs")).isInstanceOf(List.class);
  }

  @Test
  void parse_badFile_listsEveryProblemWithPath() {
    String bad =
        "{\"id\":\"x\",\"version\":\"1\",\"scenarioSet\":{\"type\":\"crypto-pm\",\"lookAheadDays\":-1,"
            + "\"defaults\":{\"priceRange\":2,\"priceSteps\":8,\"extendedMoves\":[\"big\"],"
            + "\"extendedFactor\":1,\"volShock\":{\"up\":0.5}}}}";
    assertThatThrownBy(() -> ModelFiles.parse(bad, "bad.json"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("scenarioSet.lookAheadDays")
        .hasMessageContaining("scenarioSet.defaults.volShock.down: is required")
        .hasMessageContaining("scenarioSet.defaults.extendedMoves[0]");
    assertThatThrownBy(
            () ->
                ModelFiles.parse(
                    "{\"id\":\"x\",\"version\":\"1\",\"scenarioSet\":{\"type\":\"var\"}}", "t"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("unknown scenario set type 'var'");
  }

  @Test
  void parse_missingFieldsAndBadRanges_listsEveryProblemInOnePass() {
    String span =
        "{\"id\":\"x\",\"version\":\"1\",\"scenarioSet\":{\"type\":\"span-16\",\"lookAheadDays\":1,"
            + "\"volFloor\":0.01,\"defaults\":{\"priceScanRange\":-0.15,\"extremeMultiple\":-2,"
            + "\"extremeCoverFraction\":0.35},\"underlyings\":{\"ETH\":{\"volScanRange\":2}}}}";
    assertThatThrownBy(() -> ModelFiles.parse(span, "span.json"))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).hasSize(6))
        .hasMessageContaining("scenarioSet.defaults.volScanRange: is required")
        .hasMessageContaining("scenarioSet.defaults.priceScanRange: must be in (0, 1)")
        .hasMessageContaining("scenarioSet.defaults.extremeMultiple: must be >= 1")
        .hasMessageContaining("scenarioSet.underlyings.ETH.volScanRange: must be in [0, 1)")
        .hasMessageContaining("scenarioSet.underlyings.ETH.priceScanRange: must be in (0, 1)")
        .hasMessageContaining("scenarioSet.underlyings.ETH.extremeMultiple: must be >= 1");
    String pm =
        "{\"id\":\"x\",\"version\":\"1\",\"scenarioSet\":{\"type\":\"crypto-pm\",\"lookAheadDays\":-1,"
            + "\"defaults\":{\"priceRange\":-0.16,\"priceSteps\":9.5,\"extendedMoves\":[0.5],\"extendedFactor\":1,"
            + "\"volShock\":{\"up\":-0.5,\"down\":0.25,\"powerShortDated\":0.3,\"powerLongDated\":0.13,"
            + "\"pivotDays\":30,\"minDaysToExpiry\":1,\"minVolShockUp\":0.5}}}}";
    assertThatThrownBy(() -> ModelFiles.parse(pm, "pm.json"))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).hasSize(5))
        .hasMessageContaining("scenarioSet.lookAheadDays")
        .hasMessageContaining("scenarioSet.defaults.volShock.floorVol: is required")
        .hasMessageContaining("scenarioSet.defaults.volShock.up: must be a finite number >= 0")
        .hasMessageContaining("scenarioSet.defaults.priceRange: must be in (0, 1)")
        .hasMessageContaining("scenarioSet.defaults.priceSteps: must be a whole number");
  }

  @Test
  void parse_unknownKeysAndMissingType_areReportedWithTheirPath() {
    String file =
        "{\"id\":\"x\",\"version\":\"1\",\"descripton\":\"typo\",\"scenarioSet\":{\"lookAheadDays\":1}}";
    assertThatThrownBy(() -> ModelFiles.parse(file, "x.json"))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).hasSize(2))
        .hasMessageContaining("descripton: unknown key: did you mean \"description\"?")
        .hasMessageContaining("scenarioSet.type: is required");
    String typos =
        "{\"id\":\"x\",\"version\":\"1\",\"scenarioSet\":{\"type\":\"span-16\",\"lookAheadDays\":1,"
            + "\"volFloor\":0.01,\"defaults\":{\"priceScanRange\":0.25,\"volScanRange\":0.25,\"extremeMultiple\":2,"
            + "\"extremeCoverFraction\":0.35},\"underlyings\":{\"BTC\":{\"priceScanRnage\":0.15}}}}";
    assertThatThrownBy(() -> ModelFiles.parse(typos, "typos.json"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining(
            "scenarioSet.underlyings.BTC.priceScanRnage: unknown key: did you mean \"priceScanRange\"?");
  }

  @Test
  void parse_badCryptoPmFloor_namesTheFilesKey() {
    String pm =
        "{\"id\":\"x\",\"version\":\"1\",\"scenarioSet\":{\"type\":\"crypto-pm\",\"lookAheadDays\":0,"
            + "\"defaults\":{\"priceRange\":0.16,\"priceSteps\":9,\"extendedMoves\":[0.5],\"extendedFactor\":1,"
            + "\"volShock\":{\"up\":0.5,\"down\":0.25,\"powerShortDated\":0.3,\"powerLongDated\":0.13,"
            + "\"pivotDays\":30,\"floorVol\":-0.01,\"minDaysToExpiry\":1,\"minVolShockUp\":0.5}}}}";
    assertThatThrownBy(() -> ModelFiles.parse(pm, "pm.json"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("scenarioSet.defaults.volShock.floorVol: must be a finite number > 0")
        .hasMessageNotContaining("volFloor");
  }

  /**
   * Every number of a built-in model file names its tag, source and date (METHODOLOGY 0), and
   * nothing else does.
   */
  @ParameterizedTest
  @ValueSource(strings = {"span-16", "crypto-pm", "crypto-pm-2026-09", "tims"})
  void builtIn_everyParameterValue_hasTagSourceAndDate(String id) throws Exception {
    JsonNode root = Json.parse(Json.builtInModel(id), id);
    List<String> parameters = new ArrayList<>();
    leaves(root.get("scenarioSet"), "scenarioSet", parameters);
    leaves(root.get("margin"), "margin", parameters);
    ModelFile file = ModelFiles.load(id);
    assertThat(file.provenance().keySet()).containsExactlyInAnyOrderElementsOf(parameters);
    file.provenance()
        .values()
        .forEach(
            p -> {
              assertThat(ModelFiles.TAGS).contains(p.tag());
              assertThat(p.source()).isNotBlank();
              assertThat(p.date()).matches("\\d{4}(-\\d{2}){0,2}");
            });
    assertThat(file.profile().name()).isNotEqualTo("unnamed");
    assertThat(file.profile().date()).matches("\\d{4}(-\\d{2}){0,2}");
  }

  /**
   * The paths of a part's values; a list (moves, tiers, credit pairs) is one parameter, "type" is
   * not one.
   */
  private static void leaves(JsonNode node, String path, List<String> out) {
    if (node.isObject()) {
      node.properties()
          .forEach(
              e -> {
                if (!e.getKey().equals("type")) {
                  leaves(e.getValue(), path + "." + e.getKey(), out);
                }
              });
    } else {
      out.add(path);
    }
  }
}
