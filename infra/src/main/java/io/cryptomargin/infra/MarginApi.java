package io.cryptomargin.infra;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpIamAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The HTTP API in front of the api function: its routes, each behind IAM (SigV4) authorization so
 * the function sees the caller's principal ARN, its {@code $default} stage with throttling and JSON
 * access logs, and the explicit admin: {@code ApiAdminRole}, which principals of this AWS account
 * may assume (if their own policies allow {@code sts:AssumeRole} on it), and whose ARN the api
 * function receives in {@code CM_API_ADMIN_PRINCIPALS} together with the deployment's extra admins.
 * Any other caller reads and simulates only the accounts it owns.
 */
public final class MarginApi extends Construct {

  /** Margin of a posted book or of an account with a what-if. */
  public static final String MARGIN_REQUEST_PATH = "/margin";

  /** Latest margin result of one account. */
  public static final String ACCOUNT_MARGIN_PATH = "/accounts/{accountId}/margin";

  private final HttpApi httpApi;
  private final HttpStage httpStage;
  private final LogGroup accessLogs;
  private final Role adminRole;

  /**
   * Creates the API.
   *
   * @param scope the stack
   * @param id construct id
   * @param settings the stage (throttling, log retention) and the extra admin principals
   * @param api the function every route invokes (through its {@code live} alias)
   */
  public MarginApi(Construct scope, String id, DeploymentSettings settings, MarginFunction api) {
    super(scope, id);
    StageConfig stage = settings.stage();
    accessLogs =
        LogGroup.Builder.create(this, "HttpApiAccessLogs")
            .retention(stage.logRetention())
            .removalPolicy(stage.removalPolicy())
            .build();
    httpApi =
        HttpApi.Builder.create(this, "HttpApi")
            .apiName("cryptomargin-" + stage.name())
            .description(
                "Margin requests; every route needs a SigV4-signed caller with execute-api:Invoke")
            .defaultAuthorizer(new HttpIamAuthorizer())
            // Our own stage below, so throttling and access logs are part of it from the start.
            .createDefaultStage(false)
            .build();
    httpStage = createStage(stage);
    HttpLambdaIntegration integration = new HttpLambdaIntegration("ApiIntegration", api.alias());
    httpApi.addRoutes(
        AddRoutesOptions.builder()
            .path(MARGIN_REQUEST_PATH)
            .methods(List.of(HttpMethod.POST))
            .integration(integration)
            .build());
    httpApi.addRoutes(
        AddRoutesOptions.builder()
            .path(ACCOUNT_MARGIN_PATH)
            .methods(List.of(HttpMethod.GET))
            .integration(integration)
            .build());

    adminRole =
        Role.Builder.create(this, "ApiAdminRole")
            .assumedBy(new AccountRootPrincipal())
            .description(
                "Admin of the cryptomargin HTTP API ("
                    + stage.name()
                    + "): reads and simulates every account")
            .build();
    adminRole.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .sid("InvokeEveryRoute")
            .effect(Effect.ALLOW)
            .actions(List.of("execute-api:Invoke"))
            .resources(
                List.of(
                    httpApi.arnForExecuteApi("POST", MARGIN_REQUEST_PATH, httpStage.getStageName()),
                    // A path parameter is matched by "*" in an execute-api ARN.
                    httpApi.arnForExecuteApi(
                        "GET",
                        ACCOUNT_MARGIN_PATH.replace("{accountId}", "*"),
                        httpStage.getStageName())))
            .build());
    List<String> admins = new ArrayList<>();
    admins.add(adminRole.getRoleArn());
    admins.addAll(settings.apiAdminPrincipals());
    api.function().addEnvironment(FunctionContract.API_ADMIN_PRINCIPALS, Fn.join(",", admins));
  }

  private HttpStage createStage(StageConfig stage) {
    IAccessLogDestination destination = new LogGroupLogDestination(accessLogs);
    AccessLogFormat format =
        AccessLogFormat.custom(
            "{\"requestId\":\"$context.requestId\","
                + "\"requestTime\":\"$context.requestTime\",\"routeKey\":\"$context.routeKey\","
                + "\"status\":\"$context.status\",\"caller\":\"$context.identity.caller\","
                + "\"userArn\":\"$context.identity.userArn\",\"sourceIp\":\"$context.identity.sourceIp\","
                + "\"responseLength\":\"$context.responseLength\","
                + "\"integrationLatency\":\"$context.integrationLatency\","
                + "\"integrationError\":\"$context.integrationErrorMessage\"}");
    return HttpStage.Builder.create(this, "HttpApiDefaultStage")
        .httpApi(httpApi)
        // $default: the function sees paths without a stage prefix.
        .stageName("$default")
        .autoDeploy(true)
        .throttle(
            ThrottleSettings.builder()
                .rateLimit(stage.apiThrottle().rateLimit())
                .burstLimit(stage.apiThrottle().burstLimit())
                .build())
        .accessLogSettings(
            new IAccessLogSettings() {
              @Override
              public IAccessLogDestination getDestination() {
                return destination;
              }

              @Override
              public AccessLogFormat getFormat() {
                return format;
              }
            })
        .build();
  }

  /**
   * @return the HTTP API
   */
  public HttpApi httpApi() {
    return httpApi;
  }

  /**
   * @return the API's {@code $default} stage
   */
  public HttpStage httpStage() {
    return httpStage;
  }

  /**
   * @return the role whose callers the api function treats as admins
   */
  public Role adminRole() {
    return adminRole;
  }

  /**
   * @return the log group of the API's access logs
   */
  public LogGroup accessLogs() {
    return accessLogs;
  }
}
