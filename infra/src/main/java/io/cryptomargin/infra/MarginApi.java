package io.cryptomargin.infra;

import java.util.List;
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
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The HTTP API in front of the api function: its routes, each behind IAM (SigV4) authorization,
 * its {@code $default} stage with throttling and JSON access logs.
 */
public final class MarginApi extends Construct {

    /** Margin of a posted book or of an account with a what-if. */
    public static final String MARGIN_REQUEST_PATH = "/margin";
    /** Latest margin result of one account. */
    public static final String ACCOUNT_MARGIN_PATH = "/accounts/{accountId}/margin";

    private final HttpApi httpApi;
    private final HttpStage httpStage;
    private final LogGroup accessLogs;

    /**
     * Creates the API.
     *
     * @param scope the stack
     * @param id    construct id
     * @param stage throttling and log retention of the stage
     * @param api   the function every route invokes (through its {@code live} alias)
     */
    public MarginApi(Construct scope, String id, StageConfig stage, MarginFunction api) {
        super(scope, id);
        accessLogs = LogGroup.Builder.create(this, "HttpApiAccessLogs")
                .retention(stage.logRetention())
                .removalPolicy(stage.removalPolicy())
                .build();
        httpApi = HttpApi.Builder.create(this, "HttpApi")
                .apiName("cryptomargin-" + stage.name())
                .description("Margin requests; every route needs a SigV4-signed caller with execute-api:Invoke")
                .defaultAuthorizer(new HttpIamAuthorizer())
                // Our own stage below, so throttling and access logs are part of it from the start.
                .createDefaultStage(false)
                .build();
        httpStage = createStage(stage);
        HttpLambdaIntegration integration = new HttpLambdaIntegration("ApiIntegration", api.alias());
        httpApi.addRoutes(AddRoutesOptions.builder()
                .path(MARGIN_REQUEST_PATH).methods(List.of(HttpMethod.POST)).integration(integration).build());
        httpApi.addRoutes(AddRoutesOptions.builder()
                .path(ACCOUNT_MARGIN_PATH).methods(List.of(HttpMethod.GET)).integration(integration).build());
    }

    private HttpStage createStage(StageConfig stage) {
        IAccessLogDestination destination = new LogGroupLogDestination(accessLogs);
        AccessLogFormat format = AccessLogFormat.custom("{\"requestId\":\"$context.requestId\","
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
                .throttle(ThrottleSettings.builder()
                        .rateLimit(stage.apiThrottle().rateLimit())
                        .burstLimit(stage.apiThrottle().burstLimit())
                        .build())
                .accessLogSettings(new IAccessLogSettings() {
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

    /** @return the HTTP API */
    public HttpApi httpApi() {
        return httpApi;
    }

    /** @return the API's {@code $default} stage */
    public HttpStage httpStage() {
        return httpStage;
    }

    /** @return the log group of the API's access logs */
    public LogGroup accessLogs() {
        return accessLogs;
    }
}
