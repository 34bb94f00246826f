package io.cryptomargin.infra;

import static io.cryptomargin.infra.SynthesizedStack.path;
import static io.cryptomargin.infra.SynthesizedStack.properties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.RemovalPolicy;

/** Stage selection, the native switch, context parsing and the artifact fallback. */
class StagesAndPackagingTest {

  @Test
  void forName_absentOrMixedCase_resolvesKnownStages() {
    assertThat(StageConfig.forName(null)).isEqualTo(StageConfig.DEV);
    assertThat(StageConfig.forName("PROD")).isEqualTo(StageConfig.PROD);
  }

  @Test
  void forName_unknownStage_throwsNamingTheChoices() {
    assertThatThrownBy(() -> StageConfig.forName("staging"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stage=prod");
  }

  @Test
  void stageConfigs_devAndProd_differInProtectionAndRetention() {
    assertThat(StageConfig.PROD.removalPolicy()).isEqualTo(RemovalPolicy.RETAIN);
    assertThat(StageConfig.DEV.removalPolicy()).isEqualTo(RemovalPolicy.DESTROY);
    assertThat(StageConfig.PROD.deletionProtection()).isTrue();
    assertThat(StageConfig.DEV.deletionProtection()).isFalse();
    assertThat(StageConfig.PROD.logRetention().ordinal())
        .isGreaterThan(StageConfig.DEV.logRetention().ordinal());
  }

  @Test
  void logGroups_eachStage_keepLogsForStageRetention() {
    assertThat(SynthesizedStack.dev().resourcesOfType("AWS::Logs::LogGroup"))
        .hasSize(5)
        .allSatisfy(
            (id, group) -> assertThat(properties(group).get("RetentionInDays")).isEqualTo(7));
    assertThat(SynthesizedStack.prod().resourcesOfType("AWS::Logs::LogGroup"))
        .hasSize(5)
        .allSatisfy(
            (id, group) -> assertThat(properties(group).get("RetentionInDays")).isEqualTo(90));
  }

  @Test
  void nativeSwitch_on_usesProvidedAl2023WithoutSnapStart() {
    SynthesizedStack nativeDev = SynthesizedStack.nativeDev();

    assertThat(nativeDev.resourcesOfType("AWS::Lambda::Function"))
        .hasSize(4)
        .allSatisfy(
            (id, function) -> {
              Map<String, Object> properties = properties(function);
              assertThat(properties.get("Runtime")).as(id).isEqualTo("provided.al2023");
              assertThat(properties.get("Handler"))
                  .as(id)
                  .isEqualTo(FunctionPackaging.QUARKUS_NATIVE_HANDLER);
              assertThat(properties).as(id).doesNotContainKey("SnapStart");
              assertThat(path(properties, "TracingConfig", "Mode")).as(id).isEqualTo("Active");
              assertThat(path(properties, "Environment", "Variables", "DISABLE_SIGNAL_HANDLERS"))
                  .isEqualTo("true");
            });
  }

  @Test
  void nativeSwitch_off_usesJava21() {
    assertThat(SynthesizedStack.dev().resourcesOfType("AWS::Lambda::Function"))
        .allSatisfy(
            (id, function) -> assertThat(properties(function).get("Runtime")).isEqualTo("java21"));
  }

  @Test
  void fromNativeFlag_contextValues_parseStringsAndBooleans() {
    assertThat(FunctionPackaging.fromNativeFlag("true")).isEqualTo(FunctionPackaging.NATIVE);
    assertThat(FunctionPackaging.fromNativeFlag(Boolean.TRUE)).isEqualTo(FunctionPackaging.NATIVE);
    assertThat(FunctionPackaging.fromNativeFlag("false")).isEqualTo(FunctionPackaging.JVM);
    assertThat(FunctionPackaging.fromNativeFlag(null)).isEqualTo(FunctionPackaging.JVM);
  }

  @Test
  void settingsFromContext_prodNativeAndZip_readFromCdkContext(@TempDir Path directory)
      throws IOException {
    Path zip = Files.write(directory.resolve("function.zip"), new byte[] {1});
    App app =
        new App(
            AppProps.builder()
                .context(
                    Map.of(
                        "stage",
                        "prod",
                        "native",
                        "true",
                        "functionZip",
                        zip.toString(),
                        "alarmTopicArn",
                        "arn:aws:sns:eu-west-1:123456789012:ops"))
                .build());

    DeploymentSettings settings = CryptomarginApp.settingsFromContext(app.getNode(), null);

    assertThat(settings.stage()).isEqualTo(StageConfig.PROD);
    assertThat(settings.packaging()).isEqualTo(FunctionPackaging.NATIVE);
    assertThat(settings.artifact())
        .isEqualTo(new FunctionArtifact(zip.toAbsolutePath().normalize(), false));
    assertThat(settings.alarmTopicArn()).contains("arn:aws:sns:eu-west-1:123456789012:ops");
  }

  @Test
  void resolve_realArtifactPresent_usesItAndWritesNoPlaceholder(@TempDir Path directory)
      throws IOException {
    Path zip = Files.write(directory.resolve("function.zip"), new byte[] {1});
    Path placeholderDir = directory.resolve("placeholder");

    FunctionArtifact artifact = FunctionArtifact.resolve(zip, placeholderDir);

    assertThat(artifact.placeholder()).isFalse();
    assertThat(artifact.zip()).isEqualTo(zip.toAbsolutePath().normalize());
    assertThat(placeholderDir).doesNotExist();
  }

  @Test
  void resolve_artifactAbsent_generatesReadableDeterministicPlaceholder(@TempDir Path directory)
      throws IOException {
    Path placeholderDir = directory.resolve("placeholder");

    FunctionArtifact first =
        FunctionArtifact.resolve(directory.resolve("missing.zip"), placeholderDir);
    byte[] firstBytes = Files.readAllBytes(first.zip());
    FunctionArtifact second =
        FunctionArtifact.resolve(directory.resolve("missing.zip"), placeholderDir);

    assertThat(first.placeholder()).isTrue();
    assertThat(first.zip()).startsWith(placeholderDir);
    try (ZipFile zipFile = new ZipFile(first.zip().toFile())) {
      assertThat(zipFile.getEntry("PLACEHOLDER.txt")).isNotNull();
    }
    assertThat(Files.readAllBytes(second.zip())).isEqualTo(firstBytes);
  }

  @Test
  void resolve_artifactAbsentAndNoPlaceholderAllowed_failsWithBuildHint(@TempDir Path directory) {
    assertThatThrownBy(() -> FunctionArtifact.resolve(directory.resolve("missing.zip"), null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("./mvnw -pl function package");
  }
}
