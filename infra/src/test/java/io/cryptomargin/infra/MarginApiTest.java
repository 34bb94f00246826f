package io.cryptomargin.infra;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The HTTP API part in front of a single api function. */
class MarginApiTest {

  private static void build(Stack stack) {
    DeploymentSettings settings =
        DeploymentSettings.of(StageConfig.PROD, FunctionPackaging.JVM, SynthesizedStack.artifact());
    MarginFunction api =
        new MarginFunction(stack, "ApiFunction", MarginHandler.API, settings, Map.of());
    new MarginApi(stack, "Api", settings, api);
  }

  @Test
  void marginApi_routes_bothRequireIamAuthorization() {
    Template template = SynthesizedStack.standalone(MarginApiTest::build);

    template.resourceCountIs("AWS::ApiGatewayV2::Route", 2);
    template.allResourcesProperties(
        "AWS::ApiGatewayV2::Route", Map.of("AuthorizationType", "AWS_IAM"));
    template.hasResourceProperties(
        "AWS::ApiGatewayV2::Route", Map.of("RouteKey", "POST " + MarginApi.MARGIN_REQUEST_PATH));
    template.hasResourceProperties(
        "AWS::ApiGatewayV2::Route", Map.of("RouteKey", "GET " + MarginApi.ACCOUNT_MARGIN_PATH));
  }

  @Test
  void marginApi_prod_throttlesWithProdLimitsAndLogsAccess() {
    Template template = SynthesizedStack.standalone(MarginApiTest::build);

    template.hasResourceProperties(
        "AWS::ApiGatewayV2::Stage",
        Match.objectLike(
            Map.of(
                "StageName", "$default",
                "DefaultRouteSettings",
                    Match.objectLike(
                        Map.of(
                            "ThrottlingRateLimit", StageConfig.PROD.apiThrottle().rateLimit(),
                            "ThrottlingBurstLimit", StageConfig.PROD.apiThrottle().burstLimit())),
                "AccessLogSettings",
                    Match.objectLike(Map.of("Format", Match.stringLikeRegexp(".*userArn.*"))))));
    // One permission per route, each scoped to that route's source ARN.
    template.resourceCountIs("AWS::Lambda::Permission", 2);
  }
}
