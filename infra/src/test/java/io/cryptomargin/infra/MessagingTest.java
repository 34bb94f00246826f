package io.cryptomargin.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The messaging part on its own: bus, work queues, dead-letter queues and the margin-events rule.
 */
class MessagingTest {

  @Test
  void messaging_dev_hasOneBusTwoWorkQueuesSixDeadLetterQueuesAndOneRule() {
    AtomicReference<Messaging> messaging = new AtomicReference<>();
    Template template =
        SynthesizedStack.standalone(
            stack -> messaging.set(new Messaging(stack, "Messaging", StageConfig.DEV)));

    template.resourceCountIs("AWS::Events::EventBus", 1);
    template.hasResourceProperties("AWS::Events::EventBus", Map.of("Name", "cryptomargin-dev"));
    template.resourceCountIs("AWS::SQS::Queue", 8);
    template.resourceCountIs("AWS::Events::Rule", 1);
    assertThat(messaging.get().deadLetterQueues())
        .containsOnlyKeys(
            "RecalcDlq",
            "PositionsStreamFailureDlq",
            "SnapshotDeliveryDlq",
            "SnapshotFailureDlq",
            "MarginEventsDlq",
            "MarginEventsDeliveryDlq");
  }

  @Test
  void messaging_recalcQueue_hidesMessagesSixRecalcTimeoutsAndRedrivesAfterFiveReceives() {
    Template template =
        SynthesizedStack.standalone(stack -> new Messaging(stack, "Messaging", StageConfig.DEV));
    long sixTimeouts = 6 * MarginHandler.RECALC.timeout().toSeconds().longValue();

    template.hasResourceProperties(
        "AWS::SQS::Queue",
        Match.objectLike(
            Map.of(
                "VisibilityTimeout",
                sixTimeouts,
                "RedrivePolicy",
                Match.objectLike(Map.of("maxReceiveCount", Messaging.RECALC_MAX_RECEIVE_COUNT)))));
    template.allResourcesProperties("AWS::SQS::Queue", Map.of("SqsManagedSseEnabled", true));
  }

  @Test
  void messaging_marginEventsRule_queuesMarginCallsAndLiquidationsWithItsOwnDeadLetterQueue() {
    Template template =
        SynthesizedStack.standalone(stack -> new Messaging(stack, "Messaging", StageConfig.DEV));

    template.hasResourceProperties(
        "AWS::Events::Rule",
        Match.objectLike(
            Map.of(
                "EventPattern",
                    Map.of(
                        "source",
                        List.of(FunctionContract.MARGIN_EVENT_SOURCE),
                        "detail-type",
                        List.of(FunctionContract.MARGIN_CALL, FunctionContract.LIQUIDATION)),
                "Targets",
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "DeadLetterConfig",
                                    Match.objectLike(Map.of("Arn", Match.anyValue())),
                                "RetryPolicy",
                                    Map.of(
                                        "MaximumRetryAttempts",
                                        Messaging.EVENTBRIDGE_RETRY_ATTEMPTS,
                                        "MaximumEventAgeInSeconds",
                                        86400)))))));
  }

  @Test
  void deadLetterQueue_unknownName_throwsListingTheKnownOnes() {
    SynthesizedStack.standalone(
        stack -> {
          Messaging messaging = new Messaging(stack, "Messaging", StageConfig.DEV);
          assertThatThrownBy(() -> messaging.deadLetterQueue("RecalcDLQ"))
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageContaining("RecalcDLQ")
              .hasMessageContaining("RecalcDlq");
        });
  }
}
