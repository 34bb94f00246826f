package io.cryptomargin.infra;

import static io.cryptomargin.infra.SynthesizedStack.path;
import static io.cryptomargin.infra.SynthesizedStack.properties;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.services.dynamodb.Table;

/** The DynamoDB tables of the contract and their per-stage protection. */
class TablesTest {

  @Test
  void riskArraysTable_contract_hasStringPkSkAndExpiresAtTtl() {
    Map<String, Object> table =
        tableProperties(
            SynthesizedStack.dev(), SynthesizedStack.dev().stack().storage().riskArraysTable());

    assertThat(table.get("KeySchema"))
        .isEqualTo(
            List.of(
                Map.of("AttributeName", "pk", "KeyType", "HASH"),
                Map.of("AttributeName", "sk", "KeyType", "RANGE")));
    assertThat(table.get("AttributeDefinitions"))
        .isEqualTo(
            List.of(
                Map.of("AttributeName", "pk", "AttributeType", "S"),
                Map.of("AttributeName", "sk", "AttributeType", "S")));
    assertThat(table.get("TimeToLiveSpecification"))
        .isEqualTo(Map.of("AttributeName", "expiresAt", "Enabled", true));
    assertThat(table).doesNotContainKey("StreamSpecification");
  }

  @Test
  void positionsTable_contract_hasStringPkSkAndNewAndOldImagesStream() {
    Map<String, Object> table =
        tableProperties(
            SynthesizedStack.dev(), SynthesizedStack.dev().stack().storage().positionsTable());

    assertThat(table.get("KeySchema"))
        .isEqualTo(
            List.of(
                Map.of("AttributeName", "pk", "KeyType", "HASH"),
                Map.of("AttributeName", "sk", "KeyType", "RANGE")));
    assertThat(path(table, "StreamSpecification", "StreamViewType"))
        .isEqualTo("NEW_AND_OLD_IMAGES");
  }

  @Test
  void marginResultsAndAccountsTables_contract_havePartitionKeyOnly() {
    SynthesizedStack dev = SynthesizedStack.dev();
    for (Table table :
        List.of(
            dev.stack().storage().marginResultsTable(), dev.stack().storage().accountsTable())) {
      Map<String, Object> properties = tableProperties(dev, table);
      assertThat(properties.get("KeySchema"))
          .isEqualTo(List.of(Map.of("AttributeName", "pk", "KeyType", "HASH")));
      assertThat(properties.get("AttributeDefinitions"))
          .isEqualTo(List.of(Map.of("AttributeName", "pk", "AttributeType", "S")));
    }
  }

  @Test
  void tables_everyStage_onDemandWithPointInTimeRecovery() {
    for (SynthesizedStack stage : SynthesizedStack.jvmStages()) {
      stage
          .resourcesOfType("AWS::DynamoDB::Table")
          .forEach(
              (id, table) -> {
                assertThat(properties(table).get("BillingMode"))
                    .as(id)
                    .isEqualTo("PAY_PER_REQUEST");
                assertThat(
                        path(
                            properties(table),
                            "PointInTimeRecoverySpecification",
                            "PointInTimeRecoveryEnabled"))
                    .as(id)
                    .isEqualTo(true);
              });
    }
  }

  @Test
  void tables_prodStage_deletionProtectedAndRetained() {
    Map<String, Map<String, Object>> tables =
        SynthesizedStack.prod().resourcesOfType("AWS::DynamoDB::Table");

    assertThat(tables)
        .hasSize(4)
        .allSatisfy(
            (id, table) -> {
              assertThat(properties(table).get("DeletionProtectionEnabled")).as(id).isEqualTo(true);
              assertThat(table.get("DeletionPolicy")).as(id).isEqualTo("Retain");
              assertThat(table.get("UpdateReplacePolicy")).as(id).isEqualTo("Retain");
            });
  }

  @Test
  void tables_devStage_unprotectedAndDestroyed() {
    Map<String, Map<String, Object>> tables =
        SynthesizedStack.dev().resourcesOfType("AWS::DynamoDB::Table");

    assertThat(tables)
        .hasSize(4)
        .allSatisfy(
            (id, table) -> {
              assertThat(properties(table).get("DeletionProtectionEnabled"))
                  .as(id)
                  .isEqualTo(false);
              assertThat(table.get("DeletionPolicy")).as(id).isEqualTo("Delete");
            });
  }

  @Test
  void statefulResources_prodStage_retainedOnStackDeletion() {
    SynthesizedStack prod = SynthesizedStack.prod();
    for (String type : List.of("AWS::S3::Bucket", "AWS::SQS::Queue", "AWS::Logs::LogGroup")) {
      assertThat(prod.resourcesOfType(type))
          .as(type)
          .isNotEmpty()
          .allSatisfy(
              (id, resource) ->
                  assertThat(resource.get("DeletionPolicy")).as(id).isEqualTo("Retain"));
    }
  }

  private static Map<String, Object> tableProperties(SynthesizedStack stage, Table table) {
    return properties(stage.resources().get(stage.logicalId(table)));
  }
}
