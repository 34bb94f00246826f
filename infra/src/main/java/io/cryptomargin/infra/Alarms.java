package io.cryptomargin.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The CloudWatch alarms of a stage: errors and throttles of every function, the depth of every
 * dead-letter queue and the age of the positions stream, each notifying the operations topic when
 * the deployment names one.
 */
public final class Alarms extends Construct {

  private final StageConfig stage;
  private final Optional<String> topicArn;
  private final List<Alarm> alarms = new ArrayList<>();

  /**
   * Creates the alarms.
   *
   * @param scope the stack
   * @param id construct id
   * @param settings the stage's thresholds and the alarm topic, if any
   * @param functions the functions whose errors and throttles are watched
   * @param deadLetterQueues every queue whose depth is watched, by name
   */
  public Alarms(
      Construct scope,
      String id,
      DeploymentSettings settings,
      MarginFunctions functions,
      Map<String, Queue> deadLetterQueues) {
    super(scope, id);
    this.stage = settings.stage();
    this.topicArn = settings.alarmTopicArn();
    StageConfig.AlarmThresholds thresholds = stage.alarms();
    MetricOptions fiveMinuteSum =
        MetricOptions.builder().period(Duration.minutes(5)).statistic("Sum").build();
    MetricOptions fiveMinuteMax =
        MetricOptions.builder().period(Duration.minutes(5)).statistic("Maximum").build();
    for (MarginFunction function : functions.byHandlerName().values()) {
      String name = capitalized(function.handler().handlerName());
      alarm(
          name + "ErrorsAlarm",
          "Errors of the " + function.handler().handlerName() + " function",
          function.function().metricErrors(fiveMinuteSum),
          thresholds.functionErrors());
      alarm(
          name + "ThrottlesAlarm",
          "Throttled invocations of the " + function.handler().handlerName() + " function",
          function.function().metricThrottles(fiveMinuteSum),
          thresholds.functionThrottles());
    }
    for (Map.Entry<String, Queue> dlq : deadLetterQueues.entrySet()) {
      alarm(
          dlq.getKey() + "DepthAlarm",
          "Messages waiting in " + dlq.getKey(),
          dlq.getValue().metricApproximateNumberOfMessagesVisible(fiveMinuteMax),
          thresholds.deadLetterMessages());
    }
    alarm(
        "PositionsStreamIteratorAgeAlarm",
        "Age of the oldest positions-stream record not yet processed (ms)",
        functions.function(MarginHandler.POSITIONS).function().metric("IteratorAge", fiveMinuteMax),
        thresholds.iteratorAgeSeconds() * 1000);
  }

  private void alarm(String id, String description, IMetric metric, double threshold) {
    Alarm alarm =
        Alarm.Builder.create(this, id)
            .alarmDescription(description + " (" + stage.name() + ")")
            .metric(metric)
            .threshold(threshold)
            .evaluationPeriods(1)
            .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
            .treatMissingData(TreatMissingData.NOT_BREACHING)
            .build();
    topicArn.ifPresent(
        arn -> alarm.addAlarmAction(new SnsAction(Topic.fromTopicArn(this, id + "Topic", arn))));
    alarms.add(alarm);
  }

  private static String capitalized(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  /**
   * @return every alarm, in creation order
   */
  public List<Alarm> all() {
    return List.copyOf(alarms);
  }
}
