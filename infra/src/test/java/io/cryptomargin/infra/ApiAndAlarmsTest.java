package io.cryptomargin.infra;

import static io.cryptomargin.infra.SynthesizedStack.asList;
import static io.cryptomargin.infra.SynthesizedStack.path;
import static io.cryptomargin.infra.SynthesizedStack.properties;
import static io.cryptomargin.infra.SynthesizedStack.render;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The HTTP API's stage (throttling, access logs) and the CloudWatch alarms. */
class ApiAndAlarmsTest {

  @Test
  void httpApi_routes_areThePublishedPathsToTheApiAlias() {
    SynthesizedStack dev = SynthesizedStack.dev();
    Set<Object> routeKeys =
        dev.resourcesOfType("AWS::ApiGatewayV2::Route").values().stream()
            .map(route -> properties(route).get("RouteKey"))
            .collect(Collectors.toSet());
    List<Map<String, Object>> integrations =
        List.copyOf(dev.resourcesOfType("AWS::ApiGatewayV2::Integration").values());

    assertThat(routeKeys)
        .containsExactlyInAnyOrder("POST /margin", "GET /accounts/{accountId}/margin");
    assertThat(integrations).hasSize(1);
    assertThat(render(properties(integrations.get(0)).get("IntegrationUri")))
        .isEqualTo(dev.logicalId(dev.stack().functions().function(MarginHandler.API).alias()));
    assertThat(properties(integrations.get(0)).get("PayloadFormatVersion")).isEqualTo("2.0");
  }

  @Test
  void httpApiStage_eachStage_throttlesDefaultRouteWithStageLimits() {
    for (SynthesizedStack stage : SynthesizedStack.jvmStages()) {
      Map<String, Map<String, Object>> stages = stage.resourcesOfType("AWS::ApiGatewayV2::Stage");
      StageConfig.ApiThrottle throttle = stage.stack().settings().stage().apiThrottle();
      assertThat(stages).hasSize(1);
      Map<String, Object> properties = properties(stages.values().iterator().next());
      assertThat(properties.get("StageName")).isEqualTo("$default");
      assertThat(
              ((Number) path(properties, "DefaultRouteSettings", "ThrottlingRateLimit"))
                  .doubleValue())
          .isEqualTo(throttle.rateLimit());
      assertThat(
              ((Number) path(properties, "DefaultRouteSettings", "ThrottlingBurstLimit"))
                  .intValue())
          .isEqualTo(throttle.burstLimit());
    }
    assertThat(StageConfig.DEV.apiThrottle().rateLimit())
        .isLessThan(StageConfig.PROD.apiThrottle().rateLimit());
  }

  @Test
  void httpApiStage_accessLogs_goToTheirLogGroupAsJsonWithCaller() {
    SynthesizedStack dev = SynthesizedStack.dev();
    Map<String, Object> properties =
        properties(dev.resourcesOfType("AWS::ApiGatewayV2::Stage").values().iterator().next());

    assertThat(render(path(properties, "AccessLogSettings", "DestinationArn")))
        .isEqualTo(dev.logicalId(dev.stack().api().accessLogs()) + ".Arn");
    assertThat((String) path(properties, "AccessLogSettings", "Format"))
        .startsWith("{")
        .contains("$context.requestId", "$context.identity.userArn", "$context.status");
  }

  @Test
  void alarms_everyFunction_hasErrorsAndThrottlesAlarm() {
    SynthesizedStack dev = SynthesizedStack.dev();
    Map<String, Map<String, Object>> alarms = dev.resourcesOfType("AWS::CloudWatch::Alarm");
    for (MarginFunction function : dev.stack().functions().byHandlerName().values()) {
      String functionId = dev.logicalId(function.function());
      for (String metric : List.of("Errors", "Throttles")) {
        assertThat(alarms.values())
            .as("%s alarm of %s", metric, functionId)
            .anySatisfy(
                alarm -> {
                  assertThat(properties(alarm).get("MetricName")).isEqualTo(metric);
                  assertThat(properties(alarm).get("Namespace")).isEqualTo("AWS/Lambda");
                  assertThat(dimensionValues(alarm, "FunctionName")).containsExactly(functionId);
                });
      }
    }
  }

  @Test
  void alarms_everyDeadLetterQueue_hasDepthAlarm() {
    SynthesizedStack dev = SynthesizedStack.dev();
    Map<String, Map<String, Object>> alarms = dev.resourcesOfType("AWS::CloudWatch::Alarm");

    assertThat(dev.stack().messaging().deadLetterQueues()).hasSize(6);
    dev.stack()
        .messaging()
        .deadLetterQueues()
        .forEach(
            (name, queue) ->
                assertThat(alarms.values())
                    .as("depth alarm of %s", name)
                    .anySatisfy(
                        alarm -> {
                          assertThat(properties(alarm).get("MetricName"))
                              .isEqualTo("ApproximateNumberOfMessagesVisible");
                          assertThat(dimensionValues(alarm, "QueueName"))
                              .containsExactly(dev.logicalId(queue) + ".QueueName");
                          assertThat(((Number) properties(alarm).get("Threshold")).intValue())
                              .isEqualTo(1);
                        }));
  }

  @Test
  void alarms_positionsStream_hasIteratorAgeAlarmWithStageThreshold() {
    for (SynthesizedStack stage : SynthesizedStack.jvmStages()) {
      String positionsId =
          stage.logicalId(stage.stack().functions().function(MarginHandler.POSITIONS).function());
      List<Map<String, Object>> iteratorAlarms =
          stage.resourcesOfType("AWS::CloudWatch::Alarm").values().stream()
              .filter(alarm -> "IteratorAge".equals(properties(alarm).get("MetricName")))
              .toList();
      assertThat(iteratorAlarms).hasSize(1);
      assertThat(dimensionValues(iteratorAlarms.get(0), "FunctionName"))
          .containsExactly(positionsId);
      assertThat(((Number) properties(iteratorAlarms.get(0)).get("Threshold")).intValue())
          .isEqualTo(stage.stack().settings().stage().alarms().iteratorAgeSeconds() * 1000);
    }
  }

  @Test
  void alarms_prodStage_fireOnFirstErrorDevToleratesMore() {
    assertThat(errorThresholds(SynthesizedStack.prod())).containsOnly(1);
    assertThat(errorThresholds(SynthesizedStack.dev()))
        .containsOnly(StageConfig.DEV.alarms().functionErrors());
    assertThat(StageConfig.DEV.alarms().functionErrors()).isGreaterThan(1);
  }

  private static List<Integer> errorThresholds(SynthesizedStack stage) {
    return stage.resourcesOfType("AWS::CloudWatch::Alarm").values().stream()
        .filter(alarm -> "Errors".equals(properties(alarm).get("MetricName")))
        .map(alarm -> ((Number) properties(alarm).get("Threshold")).intValue())
        .toList();
  }

  private static List<String> dimensionValues(Map<String, Object> alarm, String dimension) {
    return asList(properties(alarm).get("Dimensions")).stream()
        .filter(d -> dimension.equals(path(d, "Name")))
        .map(d -> render(path(d, "Value")))
        .toList();
  }
}
