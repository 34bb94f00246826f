package io.cryptomargin.infra;

import java.nio.file.Path;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;

/**
 * Writes the cloud assembly of every stage into {@code <outdir>/<stage>}, run by Maven in the
 * {@code package} phase so the templates can be read without an AWS account or the CDK CLI. Uses a
 * placeholder artifact when the function module has not been built, and says so.
 */
public final class SynthesizeAllStages {

  private SynthesizeAllStages() {}

  /**
   * Synthesises dev and prod.
   *
   * @param args output directory, function zip path, placeholder directory
   */
  public static void main(String[] args) {
    if (args.length != 3) {
      throw new IllegalArgumentException(
          "usage: SynthesizeAllStages <outdir> <function.zip> <placeholderDir>");
    }
    Path outdir = Path.of(args[0]);
    FunctionArtifact artifact = FunctionArtifact.resolve(Path.of(args[1]), Path.of(args[2]));
    for (StageConfig stage : List.of(StageConfig.DEV, StageConfig.PROD)) {
      Path stageOutdir = outdir.resolve(stage.name());
      App app = new App(AppProps.builder().outdir(stageOutdir.toString()).build());
      CryptomarginApp.createStack(
          app,
          DeploymentSettings.of(stage, FunctionPackaging.JVM, artifact),
          Environment.builder().build());
      app.synth();
      System.out.println(
          "Synthesised "
              + CryptomarginApp.stackName(stage)
              + " into "
              + stageOutdir.resolve(CryptomarginApp.stackName(stage) + ".template.json")
              + (artifact.placeholder() ? " (placeholder function artifact)" : ""));
    }
  }
}
