package io.cryptomargin.infra;

import static io.cryptomargin.infra.SynthesizedStack.asList;
import static io.cryptomargin.infra.SynthesizedStack.path;
import static io.cryptomargin.infra.SynthesizedStack.properties;
import static io.cryptomargin.infra.SynthesizedStack.render;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Events, queues, streams and the bucket: every asynchronous path ends in a dead-letter queue. */
class AsyncPathsTest {

  @Test
  void eventRules_everyTarget_hasDeadLetterQueueAndRetryPolicy() {
    Map<String, Map<String, Object>> rules =
        SynthesizedStack.dev().resourcesOfType("AWS::Events::Rule");

    assertThat(rules).hasSize(3);
    rules.forEach(
        (id, rule) ->
            assertThat(asList(properties(rule).get("Targets")))
                .as(id)
                .isNotEmpty()
                .allSatisfy(
                    target -> {
                      assertThat(render(path(target, "DeadLetterConfig", "Arn")))
                          .as(id)
                          .contains("Dlq");
                      assertThat(path(target, "RetryPolicy", "MaximumRetryAttempts"))
                          .as(id)
                          .isNotNull();
                      assertThat(path(target, "RetryPolicy", "MaximumEventAgeInSeconds"))
                          .as(id)
                          .isNotNull();
                    }));
  }

  @Test
  void asyncInvokedFunctions_everyOne_hasOnFailureDestinationAndRetryLimit() {
    SynthesizedStack dev = SynthesizedStack.dev();
    Set<String> invokedByEventBridge = new HashSet<>();
    dev.resourcesOfType("AWS::Events::Rule")
        .values()
        .forEach(
            rule ->
                asList(properties(rule).get("Targets"))
                    .forEach(target -> invokedByEventBridge.add(render(path(target, "Arn")))));
    invokedByEventBridge.removeIf(
        arn -> !dev.resourcesOfType("AWS::Lambda::Alias").containsKey(arn));
    Map<String, Map<String, Object>> configs =
        dev.resourcesOfType("AWS::Lambda::EventInvokeConfig");

    assertThat(invokedByEventBridge).hasSize(1);
    for (String alias : invokedByEventBridge) {
      String functionId = render(properties(dev.resources().get(alias)).get("FunctionName"));
      assertThat(configs.values())
          .as(alias)
          .anySatisfy(
              config -> {
                assertThat(render(properties(config).get("FunctionName"))).isEqualTo(functionId);
                // The qualifier is cut out of the alias ARN at deploy time.
                assertThat(SynthesizedStack.references(properties(config).get("Qualifier")))
                    .containsExactly(alias);
                assertThat(
                        render(
                            path(
                                properties(config),
                                "DestinationConfig",
                                "OnFailure",
                                "Destination")))
                    .contains("Dlq");
                assertThat(properties(config).get("MaximumRetryAttempts")).isNotNull();
              });
    }
  }

  @Test
  void positionsStream_mapping_bisectsReportsItemFailuresAndHasOnFailureQueue() {
    SynthesizedStack dev = SynthesizedStack.dev();
    String streamArn = dev.logicalId(dev.stack().storage().positionsTable()) + ".StreamArn";
    List<Map<String, Object>> mappings =
        dev.resourcesOfType("AWS::Lambda::EventSourceMapping").values().stream()
            .map(SynthesizedStack::properties)
            .filter(mapping -> render(mapping.get("EventSourceArn")).equals(streamArn))
            .toList();

    assertThat(mappings).hasSize(1);
    Map<String, Object> mapping = mappings.get(0);
    assertThat(mapping.get("BisectBatchOnFunctionError")).isEqualTo(true);
    assertThat(mapping.get("FunctionResponseTypes")).isEqualTo(List.of("ReportBatchItemFailures"));
    assertThat(mapping.get("MaximumRetryAttempts"))
        .isEqualTo(MarginFunctions.POSITIONS_STREAM_RETRY_ATTEMPTS);
    assertThat(mapping.get("StartingPosition")).isEqualTo("TRIM_HORIZON");
    assertThat(render(path(mapping, "DestinationConfig", "OnFailure", "Destination")))
        .isEqualTo(
            dev.logicalId(dev.stack().messaging().deadLetterQueue("PositionsStreamFailureDlq"))
                + ".Arn");
    assertThat(SynthesizedStack.references(mapping.get("FunctionName")))
        .containsExactly(
            dev.logicalId(dev.stack().functions().function(MarginHandler.POSITIONS).alias()));
    assertThat(render(mapping.get("FunctionName"))).endsWith(":live");
  }

  @Test
  void recalcQueue_mapping_reportsItemFailuresAndQueueRedrivesToItsDlq() {
    SynthesizedStack dev = SynthesizedStack.dev();
    String queueArn = dev.logicalId(dev.stack().messaging().recalcQueue()) + ".Arn";
    List<Map<String, Object>> mappings =
        dev.resourcesOfType("AWS::Lambda::EventSourceMapping").values().stream()
            .map(SynthesizedStack::properties)
            .filter(mapping -> render(mapping.get("EventSourceArn")).equals(queueArn))
            .toList();
    Map<String, Object> queue =
        properties(dev.resources().get(dev.logicalId(dev.stack().messaging().recalcQueue())));

    assertThat(mappings).hasSize(1);
    assertThat(mappings.get(0).get("FunctionResponseTypes"))
        .isEqualTo(List.of("ReportBatchItemFailures"));
    assertThat(SynthesizedStack.references(mappings.get(0).get("FunctionName")))
        .containsExactly(
            dev.logicalId(dev.stack().functions().function(MarginHandler.RECALC).alias()));
    assertThat(path(queue, "RedrivePolicy", "maxReceiveCount"))
        .isEqualTo(Messaging.RECALC_MAX_RECEIVE_COUNT);
    assertThat(render(path(queue, "RedrivePolicy", "deadLetterTargetArn")))
        .isEqualTo(dev.logicalId(dev.stack().messaging().deadLetterQueue("RecalcDlq")) + ".Arn");
    assertThat(((Number) queue.get("VisibilityTimeout")).intValue())
        .isGreaterThanOrEqualTo(6 * MarginHandler.RECALC.timeout().toSeconds().intValue());
  }

  @Test
  void queues_everyWorkQueue_redrivesAndEveryOtherQueueIsADeadLetterTarget() {
    SynthesizedStack dev = SynthesizedStack.dev();
    Set<String> deadLetterTargets = new HashSet<>();
    dev.resources()
        .values()
        .forEach(resource -> collectDeadLetterTargets(resource, deadLetterTargets));

    dev.resourcesOfType("AWS::SQS::Queue")
        .forEach(
            (id, queue) -> {
              boolean redrives =
                  path(properties(queue), "RedrivePolicy", "deadLetterTargetArn") != null;
              assertThat(redrives || deadLetterTargets.contains(id + ".Arn"))
                  .as("%s is a work queue with a DLQ, or itself a DLQ", id)
                  .isTrue();
            });
    assertThat(deadLetterTargets).hasSize(6);
  }

  @Test
  void marketSnapshotRule_onCustomBus_triggersSnapshotFunction() {
    SynthesizedStack dev = SynthesizedStack.dev();
    Map<String, Object> rule = ruleWithSource(dev, FunctionContract.MARKET_EVENT_SOURCE);

    assertThat(render(rule.get("EventBusName")))
        .isEqualTo(dev.logicalId(dev.stack().messaging().eventBus()));
    assertThat(path(rule, "EventPattern", "detail-type"))
        .isEqualTo(List.of("Market Snapshot Published", "MarketSnapshotPublished"));
    assertThat(render(path(asList(rule.get("Targets")).get(0), "Arn")))
        .isEqualTo(dev.logicalId(dev.stack().functions().function(MarginHandler.SNAPSHOT).alias()));
  }

  @Test
  void snapshotFileRule_onDefaultBus_matchesOnlyObjectsCreatedInSnapshotBucket() {
    SynthesizedStack dev = SynthesizedStack.dev();
    Map<String, Object> rule = ruleWithSource(dev, "aws.s3");
    Map<String, Object> bucket =
        properties(dev.resources().get(dev.logicalId(dev.stack().storage().snapshotBucket())));

    assertThat(rule).doesNotContainKey("EventBusName");
    assertThat(path(rule, "EventPattern", "detail-type")).isEqualTo(List.of("Object Created"));
    assertThat(
            asList(path(rule, "EventPattern", "detail", "bucket", "name")).stream()
                .map(SynthesizedStack::render))
        .containsExactly(dev.logicalId(dev.stack().storage().snapshotBucket()));
    assertThat(render(path(asList(rule.get("Targets")).get(0), "Arn")))
        .isEqualTo(dev.logicalId(dev.stack().functions().function(MarginHandler.SNAPSHOT).alias()));
    assertThat(
            path(
                bucket,
                "NotificationConfiguration",
                "EventBridgeConfiguration",
                "EventBridgeEnabled"))
        .isEqualTo(true);
  }

  @Test
  void marginEventsRule_marginCallsAndLiquidations_goToConsumerQueue() {
    SynthesizedStack dev = SynthesizedStack.dev();
    Map<String, Object> rule = ruleWithSource(dev, FunctionContract.MARGIN_EVENT_SOURCE);

    assertThat(render(rule.get("EventBusName")))
        .isEqualTo(dev.logicalId(dev.stack().messaging().eventBus()));
    assertThat(path(rule, "EventPattern", "detail-type"))
        .isEqualTo(List.of("Margin Call", "Liquidation"));
    assertThat(render(path(asList(rule.get("Targets")).get(0), "Arn")))
        .isEqualTo(dev.logicalId(dev.stack().messaging().marginEventsQueue()) + ".Arn");
  }

  @Test
  void snapshotBucket_lifecycle_expiresSnapshotsAfterStageDays() {
    for (SynthesizedStack stage : SynthesizedStack.jvmStages()) {
      Map<String, Object> bucket =
          properties(
              stage.resources().get(stage.logicalId(stage.stack().storage().snapshotBucket())));
      List<Object> rules = asList(path(bucket, "LifecycleConfiguration", "Rules"));
      assertThat(rules).hasSize(1);
      assertThat(path(rules.get(0), "ExpirationInDays"))
          .isEqualTo(stage.stack().settings().stage().snapshotExpirationDays());
      assertThat(path(rules.get(0), "Status")).isEqualTo("Enabled");
    }
    assertThat(StageConfig.DEV.snapshotExpirationDays())
        .isLessThan(StageConfig.PROD.snapshotExpirationDays());
  }

  private static Map<String, Object> ruleWithSource(SynthesizedStack stage, String source) {
    List<Map<String, Object>> rules =
        stage.resourcesOfType("AWS::Events::Rule").values().stream()
            .map(SynthesizedStack::properties)
            .filter(rule -> List.of(source).equals(path(rule, "EventPattern", "source")))
            .toList();
    assertThat(rules).as("rules with source %s", source).hasSize(1);
    return rules.get(0);
  }

  /** Queues named as a dead-letter queue or failure destination anywhere in a resource. */
  private static void collectDeadLetterTargets(Object node, Set<String> into) {
    if (node instanceof Map<?, ?> map) {
      map.forEach(
          (key, value) -> {
            if ("deadLetterTargetArn".equals(key) || ("DeadLetterConfig".equals(key))) {
              Object arn =
                  value instanceof Map<?, ?> config && config.containsKey("Arn")
                      ? config.get("Arn")
                      : value;
              into.add(render(arn));
            } else if ("OnFailure".equals(key)) {
              into.add(render(path(value, "Destination")));
            } else {
              collectDeadLetterTargets(value, into);
            }
          });
    } else if (node instanceof List<?> list) {
      list.forEach(item -> collectDeadLetterTargets(item, into));
    }
  }
}
