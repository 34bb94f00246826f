package io.cryptomargin.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The alarms part: two per function, one per dead-letter queue, one on the stream's age. */
class AlarmsTest {

  private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:ops";

  private static Template synthesize(Optional<String> topic, AtomicReference<Alarms> alarms) {
    return SynthesizedStack.standalone(
        stack -> {
          DeploymentSettings settings =
              new DeploymentSettings(
                  StageConfig.PROD, FunctionPackaging.JVM, SynthesizedStack.artifact(), topic);
          Storage storage = new Storage(stack, "Storage", StageConfig.PROD);
          Messaging messaging = new Messaging(stack, "Messaging", StageConfig.PROD);
          MarginFunctions functions =
              new MarginFunctions(stack, "Functions", settings, storage, messaging);
          alarms.set(
              new Alarms(stack, "Alarms", settings, functions, messaging.deadLetterQueues()));
        });
  }

  @Test
  void alarms_prod_areFifteenFiringOnTheFirstErrorWithoutActionsWhenNoTopic() {
    AtomicReference<Alarms> alarms = new AtomicReference<>();
    Template template = synthesize(Optional.empty(), alarms);

    // 4 functions x (errors, throttles) + 6 dead-letter queues + the stream's iterator age.
    template.resourceCountIs("AWS::CloudWatch::Alarm", 15);
    assertThat(alarms.get().all()).hasSize(15);
    template.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Match.objectLike(
            Map.of(
                "MetricName",
                "IteratorAge",
                "Threshold",
                StageConfig.PROD.alarms().iteratorAgeSeconds() * 1000)));
    assertThat(
            template.findResources(
                "AWS::CloudWatch::Alarm",
                Map.of("Properties", Map.of("AlarmActions", Match.anyValue()))))
        .isEmpty();
  }

  @Test
  void alarms_withTopic_everyAlarmNotifiesIt() {
    Template template = synthesize(Optional.of(TOPIC), new AtomicReference<>());

    template.allResourcesProperties(
        "AWS::CloudWatch::Alarm", Map.of("AlarmActions", List.of(TOPIC)));
  }
}
