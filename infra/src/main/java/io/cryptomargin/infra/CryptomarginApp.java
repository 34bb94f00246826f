package io.cryptomargin.infra;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.constructs.Node;

/**
 * The CDK app {@code cdk.json} runs. Context values ({@code -c key=value}):
 *
 * <ul>
 *   <li>{@code stage}: {@code dev} (default) or {@code prod}
 *   <li>{@code native}: {@code true} deploys the Quarkus native build on {@code provided.al2023}
 *   <li>{@code functionZip}: the function artifact, default {@code ../function/target/function.zip}
 *       relative to {@code infra/}
 *   <li>{@code allowPlaceholderAsset}: {@code true} synthesises with a generated stand-in when the
 *       artifact is absent (for reading templates; never for a deploy)
 *   <li>{@code alarmTopicArn}: an existing SNS topic every alarm notifies
 *   <li>{@code apiAdminPrincipals}: comma-separated IAM/STS principal ARNs the API treats as
 *       admins, besides the stack's own {@code ApiAdminRole}
 * </ul>
 */
public final class CryptomarginApp {

  /** Context key of the stage name. */
  public static final String STAGE_CONTEXT = "stage";

  /** Context key of the native switch. */
  public static final String NATIVE_CONTEXT = "native";

  /** Context key of the artifact path. */
  public static final String FUNCTION_ZIP_CONTEXT = "functionZip";

  /** Context key that permits a placeholder artifact. */
  public static final String ALLOW_PLACEHOLDER_CONTEXT = "allowPlaceholderAsset";

  /** Context key of the alarm topic. */
  public static final String ALARM_TOPIC_CONTEXT = "alarmTopicArn";

  /** Context key of the extra API admins. */
  public static final String API_ADMIN_PRINCIPALS_CONTEXT = "apiAdminPrincipals";

  /** Where the function module writes its zip, relative to {@code infra/}. */
  public static final Path DEFAULT_FUNCTION_ZIP =
      Path.of("..", "function", "target", "function.zip");

  private CryptomarginApp() {}

  /**
   * Synthesises the stage named by the context into {@code CDK_OUTDIR} (set by the CDK CLI).
   *
   * @param args unused; the CDK CLI passes everything as context
   */
  public static void main(String[] args) {
    App app = new App(AppProps.builder().build());
    Node node = app.getNode();
    Path placeholderDir =
        Boolean.parseBoolean(String.valueOf(node.tryGetContext(ALLOW_PLACEHOLDER_CONTEXT)))
            ? Path.of("target", "placeholder-function")
            : null;
    DeploymentSettings settings = settingsFromContext(node, placeholderDir);
    // Account and region from the CLI's credentials when deploying; absent, the stack stays
    // environment-agnostic.
    Environment environment =
        Environment.builder()
            .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
            .region(System.getenv("CDK_DEFAULT_REGION"))
            .build();
    createStack(app, settings, environment);
    app.synth();
  }

  /**
   * Reads the deployment settings from the app's context.
   *
   * @param node the app's node
   * @param placeholderDir where to generate a stand-in artifact when the real one is absent; null
   *     forbids it
   * @return the settings
   */
  public static DeploymentSettings settingsFromContext(Node node, Path placeholderDir) {
    StageConfig stage = StageConfig.forName(stringContext(node, STAGE_CONTEXT));
    FunctionPackaging packaging =
        FunctionPackaging.fromNativeFlag(node.tryGetContext(NATIVE_CONTEXT));
    String zip = stringContext(node, FUNCTION_ZIP_CONTEXT);
    FunctionArtifact artifact =
        FunctionArtifact.resolve(zip == null ? DEFAULT_FUNCTION_ZIP : Path.of(zip), placeholderDir);
    String admins = stringContext(node, API_ADMIN_PRINCIPALS_CONTEXT);
    List<String> adminPrincipals =
        admins == null
            ? List.of()
            : Arrays.stream(admins.split(","))
                .map(String::trim)
                .filter(principal -> !principal.isEmpty())
                .toList();
    return new DeploymentSettings(
        stage,
        packaging,
        artifact,
        Optional.ofNullable(stringContext(node, ALARM_TOPIC_CONTEXT)),
        adminPrincipals);
  }

  /**
   * Adds the stack of one stage to an app.
   *
   * @param app the app
   * @param settings the deployment settings
   * @param environment account and region, or an empty environment for an agnostic template
   * @return the stack, named {@code cryptomargin-<stage>}
   */
  public static CryptomarginStack createStack(
      App app, DeploymentSettings settings, Environment environment) {
    return new CryptomarginStack(
        app,
        stackName(settings.stage()),
        StackProps.builder()
            .env(environment)
            .description(
                "cryptomargin portfolio-margin engine, stage "
                    + settings.stage().name()
                    + (settings.packaging() == FunctionPackaging.NATIVE ? " (native build)" : ""))
            .build(),
        settings);
  }

  /**
   * @param stage a stage
   * @return the CloudFormation stack name of that stage
   */
  public static String stackName(StageConfig stage) {
    return "cryptomargin-" + stage.name();
  }

  private static String stringContext(Node node, String key) {
    Object value = node.tryGetContext(key);
    return value == null ? null : String.valueOf(value);
  }
}
