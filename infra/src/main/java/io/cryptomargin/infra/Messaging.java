package io.cryptomargin.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.events.targets.SqsQueueProps;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The event bus, the two work queues, every dead-letter queue and on-failure destination, and the
 * rule that queues margin calls and liquidations for downstream consumers. The rules that invoke a
 * function live with the function ({@link MarginFunctions}).
 */
public final class Messaging extends Construct {

  /** Receives before a message is parked in the recalc dead-letter queue. */
  public static final int RECALC_MAX_RECEIVE_COUNT = 5;

  /** EventBridge's retries of a delivery it could not make, before its dead-letter queue. */
  public static final int EVENTBRIDGE_RETRY_ATTEMPTS = 8;

  /** Positions-stream batches that failed every retry (the mapping's on-failure destination). */
  public static final String POSITIONS_STREAM_FAILURE_DLQ = "PositionsStreamFailureDlq";

  /** Snapshot events EventBridge could not hand to the snapshot function. */
  public static final String SNAPSHOT_DELIVERY_DLQ = "SnapshotDeliveryDlq";

  /**
   * Snapshot invocations that failed every asynchronous attempt (the alias's on-failure
   * destination).
   */
  public static final String SNAPSHOT_FAILURE_DLQ = "SnapshotFailureDlq";

  private final StageConfig stage;
  private final EventBus eventBus;
  private final Queue recalcQueue;
  private final Queue marginEventsQueue;
  private final Map<String, Queue> deadLetterQueues = new LinkedHashMap<>();

  /**
   * Creates the bus, the queues and the margin-events rule.
   *
   * @param scope the stack
   * @param id construct id
   * @param stage the stage (bus name, removal policy)
   */
  public Messaging(Construct scope, String id, StageConfig stage) {
    super(scope, id);
    this.stage = stage;
    eventBus =
        EventBus.Builder.create(this, "EventBus")
            .eventBusName("cryptomargin-" + stage.name())
            .description(
                "Market snapshot, margin call and liquidation events of cryptomargin "
                    + stage.name())
            .build();

    Queue recalcDlq = createDeadLetterQueue("RecalcDlq");
    recalcQueue =
        queue(
            "RecalcQueue",
            Duration.days(4),
            // AWS's guidance for an SQS event source: at least six times the function timeout.
            Duration.seconds(6 * MarginHandler.RECALC.timeout().toSeconds().longValue()),
            DeadLetterQueue.builder()
                .queue(recalcDlq)
                .maxReceiveCount(RECALC_MAX_RECEIVE_COUNT)
                .build());
    createDeadLetterQueue(POSITIONS_STREAM_FAILURE_DLQ);
    createDeadLetterQueue(SNAPSHOT_DELIVERY_DLQ);
    createDeadLetterQueue(SNAPSHOT_FAILURE_DLQ);
    Queue marginEventsDlq = createDeadLetterQueue("MarginEventsDlq");
    Queue marginEventsDeliveryDlq = createDeadLetterQueue("MarginEventsDeliveryDlq");
    marginEventsQueue =
        queue(
            "MarginEventsQueue",
            Duration.days(14),
            Duration.seconds(30),
            DeadLetterQueue.builder()
                .queue(marginEventsDlq)
                .maxReceiveCount(RECALC_MAX_RECEIVE_COUNT)
                .build());

    Rule.Builder.create(this, "MarginEventsRule")
        .description("Margin calls and liquidations, queued for downstream consumers")
        .eventBus(eventBus)
        .eventPattern(
            EventPattern.builder()
                .source(List.of(FunctionContract.MARGIN_EVENT_SOURCE))
                .detailType(List.of(FunctionContract.MARGIN_CALL, FunctionContract.LIQUIDATION))
                .build())
        .targets(
            List.of(
                new SqsQueue(
                    marginEventsQueue,
                    SqsQueueProps.builder()
                        .deadLetterQueue(marginEventsDeliveryDlq)
                        .retryAttempts(EVENTBRIDGE_RETRY_ATTEMPTS)
                        .maxEventAge(Duration.hours(24))
                        .build())))
        .build();
  }

  private Queue queue(
      String id, Duration retention, Duration visibilityTimeout, DeadLetterQueue deadLetterQueue) {
    Queue.Builder builder =
        Queue.Builder.create(this, id)
            // SSE-SQS rather than KMS: EventBridge and Lambda destinations can write to it without
            // a key policy, and it is still encryption at rest.
            .encryption(QueueEncryption.SQS_MANAGED)
            .enforceSsl(true)
            .retentionPeriod(retention)
            .visibilityTimeout(visibilityTimeout)
            .removalPolicy(stage.removalPolicy());
    if (deadLetterQueue != null) {
      builder.deadLetterQueue(deadLetterQueue);
    }
    return builder.build();
  }

  private Queue createDeadLetterQueue(String id) {
    // Fourteen days, SQS's maximum, leaves a long weekend plus a release to redrive.
    Queue queue = queue(id, Duration.days(14), Duration.seconds(30), null);
    deadLetterQueues.put(id, queue);
    return queue;
  }

  /**
   * @return the cryptomargin event bus
   */
  public EventBus eventBus() {
    return eventBus;
  }

  /**
   * @return the queue of account batches to recalculate
   */
  public Queue recalcQueue() {
    return recalcQueue;
  }

  /**
   * @return the queue downstream consumers read margin calls and liquidations from
   */
  public Queue marginEventsQueue() {
    return marginEventsQueue;
  }

  /**
   * @param id construct id of a dead-letter queue, e.g. {@link #SNAPSHOT_FAILURE_DLQ}
   * @return that queue
   * @throws IllegalArgumentException when there is none of that name
   */
  public Queue deadLetterQueue(String id) {
    Queue queue = deadLetterQueues.get(id);
    if (queue == null) {
      throw new IllegalArgumentException(
          "No dead-letter queue " + id + "; there are " + deadLetterQueues.keySet());
    }
    return queue;
  }

  /**
   * @return every dead-letter queue and on-failure destination, by construct id, in creation order
   */
  public Map<String, Queue> deadLetterQueues() {
    return new LinkedHashMap<>(deadLetterQueues);
  }
}
