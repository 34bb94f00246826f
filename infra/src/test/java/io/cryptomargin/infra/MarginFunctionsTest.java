package io.cryptomargin.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The functions part with the storage and messaging it needs: functions, grants and triggers. */
class MarginFunctionsTest {

  private static MarginFunctions build(Stack stack) {
    DeploymentSettings settings =
        DeploymentSettings.of(StageConfig.DEV, FunctionPackaging.JVM, SynthesizedStack.artifact());
    Storage storage = new Storage(stack, "Storage", StageConfig.DEV);
    Messaging messaging = new Messaging(stack, "Messaging", StageConfig.DEV);
    return new MarginFunctions(stack, "Functions", settings, storage, messaging);
  }

  @Test
  void marginFunctions_dev_createsOneFunctionRoleAndLiveAliasPerHandler() {
    AtomicReference<MarginFunctions> functions = new AtomicReference<>();
    Template template = SynthesizedStack.standalone(stack -> functions.set(build(stack)));

    template.resourceCountIs("AWS::Lambda::Function", 4);
    template.resourceCountIs("AWS::IAM::Role", 4);
    template.resourceCountIs("AWS::Lambda::Alias", 4);
    assertThat(functions.get().byHandlerName())
        .containsOnlyKeys("snapshot", "positions", "recalc", "api");
    for (MarginHandler handler :
        List.of(
            MarginHandler.SNAPSHOT,
            MarginHandler.POSITIONS,
            MarginHandler.RECALC,
            MarginHandler.API)) {
      assertThat(functions.get().function(handler).handler()).isEqualTo(handler);
    }
  }

  @Test
  void marginFunctions_triggers_areTwoSnapshotRulesAStreamAndAQueueMapping() {
    Template template = SynthesizedStack.standalone(MarginFunctionsTest::build);

    // Two snapshot rules here, plus the margin-events rule of Messaging.
    template.resourceCountIs("AWS::Events::Rule", 3);
    template.resourceCountIs("AWS::Lambda::EventSourceMapping", 2);
    template.hasResourceProperties(
        "AWS::Lambda::EventSourceMapping",
        Match.objectLike(
            Map.of(
                "StartingPosition",
                "TRIM_HORIZON",
                "BisectBatchOnFunctionError",
                true,
                "MaximumRetryAttempts",
                MarginFunctions.POSITIONS_STREAM_RETRY_ATTEMPTS,
                "FunctionResponseTypes",
                List.of("ReportBatchItemFailures"))));
    template.hasResourceProperties(
        "AWS::Lambda::EventInvokeConfig",
        Match.objectLike(
            Map.of(
                "MaximumRetryAttempts",
                MarginFunctions.SNAPSHOT_ASYNC_RETRY_ATTEMPTS,
                "DestinationConfig",
                Map.of("OnFailure", Map.of("Destination", Match.anyValue())))));
  }

  @Test
  void marginFunctions_grants_nameEveryActionWithoutWildcards() {
    Template template = SynthesizedStack.standalone(MarginFunctionsTest::build);

    template.allResourcesProperties(
        "AWS::IAM::Policy",
        Map.of(
            "PolicyDocument",
            Map.of(
                "Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Sid", "WriteOwnLogs")))))));
    SynthesizedStack synthesized = new SynthesizedStack(null, template, template.toJSON());
    List<PolicyStatements.Located> statements = PolicyStatements.identityStatements(synthesized);
    assertThat(statements).hasSizeGreaterThan(20);
    assertThat(statements).flatMap(PolicyStatements::wildcardViolations).isEmpty();
  }
}
