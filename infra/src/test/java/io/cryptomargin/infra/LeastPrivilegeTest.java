package io.cryptomargin.infra;

import static io.cryptomargin.infra.SynthesizedStack.asList;
import static io.cryptomargin.infra.SynthesizedStack.properties;
import static io.cryptomargin.infra.SynthesizedStack.render;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.constructs.IConstruct;

/**
 * Each function's role grants exactly the actions its handler uses on exactly the resources it
 * uses, compared as the full set of (action, resource) pairs so anything added shows up here.
 */
class LeastPrivilegeTest {

  private static final SynthesizedStack DEV = SynthesizedStack.dev();
  private static final CryptomarginStack STACK = DEV.stack();

  private static final List<String> SEND_TO_DESTINATION =
      List.of("sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl");

  @Test
  void snapshotRole_grants_exactlyReadFilesWriteArraysSnapshotsPointersScanAccountsEnqueue() {
    Set<String> expected = new TreeSet<>();
    expected.addAll(pairs(List.of("s3:GetObject"), objects(STACK.storage().snapshotBucket())));
    expected.addAll(
        pairs(
            List.of("dynamodb:BatchWriteItem", "dynamodb:PutItem"),
            arn(STACK.storage().riskArraysTable())));
    expected.addAll(pairs(List.of("dynamodb:Scan"), arn(STACK.storage().accountsTable())));
    expected.addAll(pairs(List.of("sqs:SendMessage"), arn(STACK.messaging().recalcQueue())));
    expected.addAll(
        pairs(SEND_TO_DESTINATION, arn(STACK.messaging().deadLetterQueue("SnapshotFailureDlq"))));

    assertThat(grantsOf("snapshot")).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void snapshotRole_grants_nothingOnPositionsOrMarginResults() {
    assertThat(grantsOf("snapshot"))
        .noneMatch(grant -> grant.endsWith(" on " + arn(STACK.storage().positionsTable())))
        .noneMatch(grant -> grant.endsWith(" on " + arn(STACK.storage().marginResultsTable())));
  }

  @Test
  void positionsRole_grants_exactlyStreamInputsResultsWriteBackAndEvents() {
    Set<String> expected = marginCalculationGrants();
    expected.addAll(
        pairs(
            List.of(
                "dynamodb:DescribeStream",
                "dynamodb:GetRecords",
                "dynamodb:GetShardIterator",
                "dynamodb:ListStreams"),
            DEV.logicalId(STACK.storage().positionsTable()) + ".StreamArn"));
    expected.addAll(
        pairs(
            SEND_TO_DESTINATION,
            arn(STACK.messaging().deadLetterQueue("PositionsStreamFailureDlq"))));

    assertThat(grantsOf("positions")).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void recalcRole_grants_exactlyQueueConsumptionInputsResultsWriteBackAndEvents() {
    Set<String> expected = marginCalculationGrants();
    expected.addAll(
        pairs(
            List.of(
                "sqs:ReceiveMessage",
                "sqs:ChangeMessageVisibility",
                "sqs:GetQueueUrl",
                "sqs:DeleteMessage",
                "sqs:GetQueueAttributes"),
            arn(STACK.messaging().recalcQueue())));

    assertThat(grantsOf("recalc")).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void apiRole_grants_exactlyBookReadsCachedMarginAndStoredResult() {
    Set<String> expected = cachedMarginAndBookGrants();
    expected.addAll(pairs(List.of("dynamodb:GetItem"), arn(STACK.storage().marginResultsTable())));

    assertThat(grantsOf("api")).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void apiRole_grants_cannotWriteMarginResultsOrPublishEvents() {
    assertThat(grantsOf("api"))
        .noneMatch(
            grant ->
                grant.endsWith(" on " + arn(STACK.storage().marginResultsTable()))
                    && !action(grant).equals("dynamodb:GetItem"))
        .noneMatch(grant -> grant.startsWith("events:"))
        .noneMatch(grant -> grant.startsWith("sqs:"));
  }

  @Test
  void marginRoles_cacheMissWriteBack_isBatchWriteItemAndLargeSnapshotsAreReadable() {
    // CachedMargin.computeMissing writes through DynamoDbRiskArrayStore.putAll (BatchWriteItem),
    // and
    // SnapshotStore.snapshot reads a snapshot too large to inline from its S3 file.
    for (String handler : List.of("positions", "recalc", "api")) {
      assertThat(grantsOf(handler))
          .as(handler)
          .contains("dynamodb:BatchWriteItem on " + arn(STACK.storage().riskArraysTable()))
          .contains("s3:GetObject on " + objects(STACK.storage().snapshotBucket()))
          .doesNotContain("dynamodb:PutItem on " + arn(STACK.storage().riskArraysTable()));
    }
  }

  @Test
  void roles_everyFunction_writesOnlyItsOwnLogGroup() {
    for (MarginFunction function : STACK.functions().byHandlerName().values()) {
      Set<String> logGrants =
          allGrantsOf(function.handler().handlerName()).stream()
              .filter(grant -> grant.startsWith("logs:"))
              .collect(java.util.stream.Collectors.toSet());
      assertThat(logGrants)
          .as(function.handler().handlerName())
          .containsExactlyInAnyOrderElementsOf(
              pairs(
                  List.of("logs:CreateLogStream", "logs:PutLogEvents"), arn(function.logGroup())));
    }
  }

  /**
   * positions and recalc: AccountRecalculator's reads and writes on top of the api's margin path:
   * accounts items in batches, stored results in batches, results written in transactions (whose
   * Puts and Updates need PutItem and UpdateItem), no single-result GetItem.
   */
  private static Set<String> marginCalculationGrants() {
    Set<String> expected = cachedMarginAndBookGrants();
    expected.addAll(pairs(List.of("dynamodb:BatchGetItem"), arn(STACK.storage().accountsTable())));
    expected.addAll(
        pairs(List.of("dynamodb:BatchGetItem"), arn(STACK.storage().marginResultsTable())));
    expected.addAll(
        pairs(
            List.of("dynamodb:PutItem", "dynamodb:UpdateItem"),
            arn(STACK.storage().marginResultsTable())));
    expected.addAll(pairs(List.of("events:PutEvents"), arn(STACK.messaging().eventBus())));
    return expected;
  }

  /**
   * AccountStore.positions / account, and CachedMargin (pointers, arrays, snapshots, write-back).
   */
  private static Set<String> cachedMarginAndBookGrants() {
    Set<String> expected = new TreeSet<>();
    expected.addAll(pairs(List.of("dynamodb:Query"), arn(STACK.storage().positionsTable())));
    expected.addAll(pairs(List.of("dynamodb:GetItem"), arn(STACK.storage().accountsTable())));
    expected.addAll(
        pairs(
            List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem"),
            arn(STACK.storage().riskArraysTable())));
    expected.addAll(pairs(List.of("s3:GetObject"), objects(STACK.storage().snapshotBucket())));
    return expected;
  }

  /** Grants other than the two every function has (its logs, X-Ray), which other tests cover. */
  private static Set<String> grantsOf(String handlerName) {
    Set<String> grants = allGrantsOf(handlerName);
    grants.removeIf(grant -> grant.startsWith("logs:") || grant.startsWith("xray:"));
    return grants;
  }

  private static Set<String> allGrantsOf(String handlerName) {
    String roleId = DEV.logicalId(STACK.functions().byHandlerName().get(handlerName).role());
    Set<String> grants = new TreeSet<>();
    for (PolicyStatements.Located statement : PolicyStatements.identityStatements(DEV)) {
      List<Object> attachedRoles =
          asList(properties(DEV.resources().get(statement.owner())).get("Roles"));
      boolean attached =
          statement.owner().equals(roleId)
              || attachedRoles.stream().anyMatch(role -> render(role).equals(roleId));
      if (attached) {
        assertThat(statement.isAllow()).isTrue();
        for (Object resource : statement.resources()) {
          for (Object action : statement.actions()) {
            grants.add(action + " on " + render(resource));
          }
        }
      }
    }
    return grants;
  }

  private static Set<String> pairs(List<String> actions, String resource) {
    Set<String> pairs = new TreeSet<>();
    actions.forEach(action -> pairs.add(action + " on " + resource));
    return pairs;
  }

  private static String arn(IConstruct construct) {
    return DEV.logicalId(construct) + ".Arn";
  }

  private static String objects(IConstruct bucket) {
    return arn(bucket) + "/*";
  }

  private static String action(String grant) {
    return grant.substring(0, grant.indexOf(' '));
  }
}
