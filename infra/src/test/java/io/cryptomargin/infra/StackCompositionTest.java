package io.cryptomargin.infra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The stack is composed of parts, yet its stateful resources keep the logical ids they had when the
 * stack created them directly. The expected ids are copied from the templates synthesised before
 * the parts existed; a changed id would make CloudFormation replace the resource.
 */
class StackCompositionTest {

  @Test
  void logicalIds_statefulResources_areTheIdsOfTheFlatStack() {
    SynthesizedStack dev = SynthesizedStack.dev();
    Storage storage = dev.stack().storage();
    Messaging messaging = dev.stack().messaging();

    assertThat(dev.logicalId(storage.riskArraysTable())).isEqualTo("RiskArraysTable6E70655A");
    assertThat(dev.logicalId(storage.positionsTable())).isEqualTo("PositionsTable41EA5B9F");
    assertThat(dev.logicalId(storage.marginResultsTable())).isEqualTo("MarginResultsTableE2FE845D");
    assertThat(dev.logicalId(storage.accountsTable())).isEqualTo("AccountsTable81C15AE5");
    assertThat(dev.logicalId(storage.snapshotBucket())).isEqualTo("SnapshotBucketB2BF31D3");
    assertThat(dev.logicalId(messaging.eventBus())).isEqualTo("EventBus7B8748AA");
    assertThat(dev.logicalId(messaging.recalcQueue())).isEqualTo("RecalcQueue9682B692");
    assertThat(dev.logicalId(messaging.marginEventsQueue())).isEqualTo("MarginEventsQueue413A146B");
    assertThat(dev.logicalId(messaging.deadLetterQueue("RecalcDlq")))
        .isEqualTo("RecalcDlqD04EB5EF");
    assertThat(dev.logicalId(dev.stack().functions().function(MarginHandler.API).logGroup()))
        .isEqualTo("ApiFunctionLogsA98C1C37");
    assertThat(dev.logicalId(dev.stack().api().accessLogs()))
        .isEqualTo("HttpApiAccessLogs4B419BF6");
  }

  @Test
  void constructTree_parts_holdTheirResources() {
    CryptomarginStack stack = SynthesizedStack.dev().stack();

    assertThat(stack.storage().riskArraysTable().getNode().getPath())
        .isEqualTo("cryptomargin-dev/Storage/RiskArraysTable");
    assertThat(stack.messaging().recalcQueue().getNode().getPath())
        .isEqualTo("cryptomargin-dev/Messaging/RecalcQueue");
    assertThat(stack.functions().function(MarginHandler.RECALC).getNode().getPath())
        .isEqualTo("cryptomargin-dev/Functions/RecalcFunction");
    assertThat(stack.api().httpApi().getNode().getPath()).isEqualTo("cryptomargin-dev/Api/HttpApi");
    assertThat(stack.alarms().all())
        .allSatisfy(
            alarm -> assertThat(alarm.getNode().getPath()).startsWith("cryptomargin-dev/Alarms/"));
  }
}
