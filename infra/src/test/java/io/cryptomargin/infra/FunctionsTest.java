package io.cryptomargin.infra;

import static io.cryptomargin.infra.SynthesizedStack.path;
import static io.cryptomargin.infra.SynthesizedStack.properties;
import static io.cryptomargin.infra.SynthesizedStack.render;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The four Lambda functions: runtime, handler selection, SnapStart, tracing, logging, sizing,
 * aliases.
 */
class FunctionsTest {

  private static final List<MarginHandler> HANDLERS =
      List.of(
          MarginHandler.SNAPSHOT, MarginHandler.POSITIONS, MarginHandler.RECALC, MarginHandler.API);

  @Test
  void functions_jvmBuild_runQuarkusStreamHandlerOnJava21() {
    SynthesizedStack.dev()
        .resourcesOfType("AWS::Lambda::Function")
        .forEach(
            (id, function) -> {
              assertThat(properties(function).get("Runtime")).as(id).isEqualTo("java21");
              assertThat(properties(function).get("Handler"))
                  .as(id)
                  .isEqualTo(
                      "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest");
            });
  }

  @Test
  void functions_eachNamedHandler_selectedByQuarkusLambdaHandlerVariable() {
    List<Object> selected =
        SynthesizedStack.dev().resourcesOfType("AWS::Lambda::Function").values().stream()
            .map(
                function ->
                    path(
                        properties(function), "Environment", "Variables", "QUARKUS_LAMBDA_HANDLER"))
            .toList();

    assertThat(selected).containsExactlyInAnyOrder("snapshot", "positions", "recalc", "api");
  }

  @Test
  void functions_everyFunction_receivesEveryContractVariable() {
    SynthesizedStack dev = SynthesizedStack.dev();
    dev.resourcesOfType("AWS::Lambda::Function")
        .forEach(
            (id, function) -> {
              @SuppressWarnings("unchecked")
              Map<String, Object> variables =
                  (Map<String, Object>) path(properties(function), "Environment", "Variables");
              assertThat(variables.keySet())
                  .as(id)
                  .containsAll(FunctionContract.ENVIRONMENT_VARIABLES);
              assertThat(variables.get("CM_STAGE")).as(id).isEqualTo("dev");
              assertThat(render(variables.get("CM_RISK_ARRAYS_TABLE")))
                  .isEqualTo(dev.logicalId(dev.stack().storage().riskArraysTable()));
              assertThat(render(variables.get("CM_POSITIONS_TABLE")))
                  .isEqualTo(dev.logicalId(dev.stack().storage().positionsTable()));
              assertThat(render(variables.get("CM_MARGIN_RESULTS_TABLE")))
                  .isEqualTo(dev.logicalId(dev.stack().storage().marginResultsTable()));
              assertThat(render(variables.get("CM_ACCOUNTS_TABLE")))
                  .isEqualTo(dev.logicalId(dev.stack().storage().accountsTable()));
              assertThat(render(variables.get("CM_EVENT_BUS")))
                  .isEqualTo(dev.logicalId(dev.stack().messaging().eventBus()));
              assertThat(render(variables.get("CM_SNAPSHOT_BUCKET")))
                  .isEqualTo(dev.logicalId(dev.stack().storage().snapshotBucket()));
              assertThat(render(variables.get("CM_RECALC_QUEUE_URL")))
                  .isEqualTo(dev.logicalId(dev.stack().messaging().recalcQueue()));
            });
  }

  @Test
  void functions_jvmBuild_haveSnapStartOnPublishedVersions() {
    for (SynthesizedStack stage : SynthesizedStack.jvmStages()) {
      stage
          .resourcesOfType("AWS::Lambda::Function")
          .forEach(
              (id, function) ->
                  assertThat(path(properties(function), "SnapStart", "ApplyOn"))
                      .as(id)
                      .isEqualTo("PublishedVersions"));
    }
  }

  @Test
  void functions_everyFunction_hasActiveTracingAndJsonLogsInItsOwnLogGroup() {
    SynthesizedStack dev = SynthesizedStack.dev();
    List<String> logGroups = List.copyOf(dev.resourcesOfType("AWS::Logs::LogGroup").keySet());
    dev.resourcesOfType("AWS::Lambda::Function")
        .forEach(
            (id, function) -> {
              Map<String, Object> properties = properties(function);
              assertThat(path(properties, "TracingConfig", "Mode")).as(id).isEqualTo("Active");
              assertThat(path(properties, "LoggingConfig", "LogFormat")).as(id).isEqualTo("JSON");
              assertThat(render(path(properties, "LoggingConfig", "LogGroup")))
                  .as(id)
                  .isIn(logGroups);
            });
  }

  @Test
  void functions_eachHandler_sizedByItsConstants() {
    SynthesizedStack dev = SynthesizedStack.dev();
    for (MarginHandler handler : HANDLERS) {
      MarginFunction function = dev.stack().functions().byHandlerName().get(handler.handlerName());
      Map<String, Object> properties =
          properties(dev.resources().get(dev.logicalId(function.function())));
      assertThat(((Number) properties.get("MemorySize")).intValue())
          .as(handler.handlerName())
          .isEqualTo(handler.memoryMb())
          .isEqualTo(1024);
      assertThat(((Number) properties.get("Timeout")).intValue())
          .as(handler.handlerName())
          .isEqualTo(handler.timeout().toSeconds().intValue());
    }
  }

  @Test
  void apiFunction_timeout_staysBelowApiGatewaysThirtySeconds() {
    assertThat(MarginHandler.API.timeout().toSeconds().intValue()).isLessThan(30);
  }

  @Test
  void aliases_everyFunction_hasLiveAliasOnAPublishedVersion() {
    SynthesizedStack dev = SynthesizedStack.dev();
    Map<String, Map<String, Object>> aliases = dev.resourcesOfType("AWS::Lambda::Alias");
    Map<String, Map<String, Object>> versions = dev.resourcesOfType("AWS::Lambda::Version");

    assertThat(aliases).hasSize(4);
    aliases.forEach(
        (id, alias) -> {
          assertThat(properties(alias).get("Name")).isEqualTo("live");
          String version = render(properties(alias).get("FunctionVersion"));
          assertThat(version).as(id).endsWith(".Version");
          assertThat(versions).containsKey(version.substring(0, version.indexOf('.')));
        });
  }

  @Test
  void triggers_everyEventSourceRuleAndIntegration_invokesTheAliasNotLatest() {
    SynthesizedStack dev = SynthesizedStack.dev();
    List<String> aliases = List.copyOf(dev.resourcesOfType("AWS::Lambda::Alias").keySet());

    // A mapping names the alias as "<function name>:live", derived from the alias ARN.
    dev.resourcesOfType("AWS::Lambda::EventSourceMapping")
        .forEach(
            (id, mapping) ->
                assertThat(SynthesizedStack.references(properties(mapping).get("FunctionName")))
                    .as(id)
                    .hasSize(1)
                    .allMatch(aliases::contains));
    dev.resourcesOfType("AWS::Lambda::Permission")
        .forEach(
            (id, permission) ->
                assertThat(render(properties(permission).get("FunctionName")))
                    .as(id)
                    .isIn(aliases));
    List<String> lambdaTargets =
        dev.resourcesOfType("AWS::Events::Rule").values().stream()
            .flatMap(rule -> SynthesizedStack.asList(properties(rule).get("Targets")).stream())
            .map(target -> render(path(target, "Arn")))
            .filter(arn -> !arn.contains("Queue"))
            .collect(Collectors.toList());
    assertThat(lambdaTargets).hasSize(2).allSatisfy(arn -> assertThat(arn).isIn(aliases));
  }
}
