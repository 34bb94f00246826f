package io.cryptomargin.infra;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * One named handler of the function artifact: its own execution role (no managed policies, only the
 * statements added through {@link #allow}), its own log group, the function, and a {@code live}
 * alias on the published version that every trigger invokes, because SnapStart snapshots exist only
 * for published versions.
 */
public final class MarginFunction extends Construct {

  /** Name of the alias every trigger targets. */
  public static final String LIVE_ALIAS = "live";

  private final MarginHandler handler;
  private final Role role;
  private final LogGroup logGroup;
  private final Function function;
  private final Alias alias;

  /**
   * Creates the function.
   *
   * @param scope parent construct
   * @param id construct id
   * @param handler which named handler and its sizing
   * @param settings stage, packaging and artifact
   * @param environment the contract's environment variables (the handler selector is added here)
   */
  public MarginFunction(
      Construct scope,
      String id,
      MarginHandler handler,
      DeploymentSettings settings,
      Map<String, String> environment) {
    super(scope, id);
    this.handler = handler;
    StageConfig stage = settings.stage();
    FunctionPackaging packaging = settings.packaging();

    // A role of our own: the default one would attach AWSLambdaBasicExecutionRole, whose log
    // statements name every log group in the account.
    this.role =
        Role.Builder.create(this, "Role")
            .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
            .description(
                "Execution role of the cryptomargin "
                    + handler.handlerName()
                    + " function ("
                    + stage.name()
                    + ")")
            .build();

    this.logGroup =
        LogGroup.Builder.create(this, "Logs")
            .retention(stage.logRetention())
            .removalPolicy(stage.removalPolicy())
            .build();

    Map<String, String> variables = new TreeMap<>(environment);
    variables.put(FunctionContract.HANDLER_SELECTOR, handler.handlerName());
    if (packaging == FunctionPackaging.NATIVE) {
      // Quarkus's native Lambda guide: the runtime owns the signals, the binary must not install
      // handlers.
      variables.put("DISABLE_SIGNAL_HANDLERS", "true");
    }

    this.function =
        Function.Builder.create(this, "Function")
            .description(handler.purpose() + " (" + stage.name() + ")")
            .runtime(packaging.runtime())
            .handler(packaging.lambdaHandler())
            .code(Code.fromAsset(settings.artifact().zip().toString()))
            // x86_64 because the native build on this project's machines produces an x86_64 binary.
            .architecture(Architecture.X86_64)
            .memorySize(handler.memoryMb())
            .timeout(handler.timeout())
            .role(role)
            .logGroup(logGroup)
            .loggingFormat(LoggingFormat.JSON)
            .applicationLogLevelV2(ApplicationLogLevel.INFO)
            .systemLogLevelV2(SystemLogLevel.INFO)
            .tracing(Tracing.ACTIVE)
            .snapStart(packaging.supportsSnapStart() ? SnapStartConf.ON_PUBLISHED_VERSIONS : null)
            .environment(variables)
            .build();
    if (packaging.supportsSnapStart()) {
      // CDK warns because no version exists yet when the function is built; the alias below
      // publishes one.
      Annotations.of(function)
          .acknowledgeWarning(
              "@aws-cdk/aws-lambda:snapStartRequirePublish",
              "The live alias publishes a version of every function");
    }

    allow(
        "WriteOwnLogs",
        List.of("logs:CreateLogStream", "logs:PutLogEvents"),
        List.of(logGroup.getLogGroupArn()));

    this.alias =
        Alias.Builder.create(this, "LiveAlias")
            .aliasName(LIVE_ALIAS)
            .version(function.getCurrentVersion())
            .description("The version triggers invoke; SnapStart restores from its snapshot")
            .build();
  }

  /**
   * Grants exactly these actions on exactly these resources to this function's role.
   *
   * @param sid statement id, readable in the template and in IAM
   * @param actions fully named actions (no wildcards)
   * @param resources ARNs of specific resources
   */
  public void allow(String sid, List<String> actions, List<String> resources) {
    allow(sid, actions, resources, Map.of());
  }

  /**
   * Grants exactly these actions on exactly these resources, only when the conditions hold.
   *
   * @param sid statement id, readable in the template and in IAM
   * @param actions fully named actions (no wildcards)
   * @param resources ARNs of specific resources
   * @param conditions IAM condition block: operator to (key to values)
   */
  public void allow(
      String sid,
      List<String> actions,
      List<String> resources,
      Map<String, Map<String, List<String>>> conditions) {
    PolicyStatement.Builder statement =
        PolicyStatement.Builder.create()
            .sid(sid)
            .effect(Effect.ALLOW)
            .actions(actions)
            .resources(resources);
    if (!conditions.isEmpty()) {
      statement.conditions(Map.copyOf(conditions));
    }
    role.addToPrincipalPolicy(statement.build());
  }

  /**
   * @return the handler this function runs
   */
  public MarginHandler handler() {
    return handler;
  }

  /**
   * @return the execution role
   */
  public Role role() {
    return role;
  }

  /**
   * @return the function's log group
   */
  public LogGroup logGroup() {
    return logGroup;
  }

  /**
   * @return the unqualified function (metrics, version)
   */
  public Function function() {
    return function;
  }

  /**
   * @return the {@code live} alias that triggers invoke
   */
  public Alias alias() {
    return alias;
  }
}
