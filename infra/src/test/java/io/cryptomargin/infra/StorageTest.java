package io.cryptomargin.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The storage part on its own: four tables and the snapshot bucket, shaped by the stage. */
class StorageTest {

  @Test
  void storage_dev_hasFourTablesAndOneBucketThatAreDestroyedWithTheStack() {
    Template template =
        SynthesizedStack.standalone(stack -> new Storage(stack, "Storage", StageConfig.DEV));

    template.resourceCountIs("AWS::DynamoDB::Table", 4);
    template.resourceCountIs("AWS::S3::Bucket", 1);
    template.allResources("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Delete"));
    template.allResourcesProperties(
        "AWS::DynamoDB::Table",
        Map.of(
            "DeletionProtectionEnabled",
            false,
            "BillingMode",
            "PAY_PER_REQUEST",
            "SSESpecification",
            Map.of("SSEEnabled", true)));
  }

  @Test
  void storage_prod_retainsAndProtectsEveryTable() {
    Template template =
        SynthesizedStack.standalone(stack -> new Storage(stack, "Storage", StageConfig.PROD));

    template.allResources(
        "AWS::DynamoDB::Table",
        Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
    template.allResourcesProperties(
        "AWS::DynamoDB::Table", Map.of("DeletionProtectionEnabled", true));
    template.hasResource("AWS::S3::Bucket", Map.of("DeletionPolicy", "Retain"));
  }

  @Test
  void storage_riskArraysAndPositions_haveSortKeysAndOnlyPositionsStreams() {
    Template template =
        SynthesizedStack.standalone(stack -> new Storage(stack, "Storage", StageConfig.DEV));
    Map<String, Object> compositeKey =
        Map.of(
            "KeySchema",
            List.of(
                Map.of("AttributeName", Storage.PARTITION_KEY, "KeyType", "HASH"),
                Map.of("AttributeName", Storage.SORT_KEY, "KeyType", "RANGE")));

    template.hasResourceProperties(
        "AWS::DynamoDB::Table",
        Match.objectLike(
            Map.of(
                "KeySchema", compositeKey.get("KeySchema"),
                "TimeToLiveSpecification",
                    Map.of("AttributeName", Storage.RISK_ARRAYS_TTL_ATTRIBUTE, "Enabled", true))));
    template.hasResourceProperties(
        "AWS::DynamoDB::Table",
        Match.objectLike(
            Map.of(
                "KeySchema", compositeKey.get("KeySchema"),
                "StreamSpecification", Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"))));
    assertThat(
            template.findResources(
                "AWS::DynamoDB::Table",
                Map.of("Properties", Map.of("StreamSpecification", Match.anyValue()))))
        .hasSize(1);
    assertThat(
            template.findResources(
                "AWS::DynamoDB::Table",
                Map.of("Properties", Map.of("KeySchema", compositeKey.get("KeySchema")))))
        .hasSize(2);
  }

  @Test
  void storage_snapshotBucket_blocksPublicAccessAndNotifiesEventBridgeWithoutCustomResource() {
    Template template =
        SynthesizedStack.standalone(stack -> new Storage(stack, "Storage", StageConfig.DEV));

    template.hasResourceProperties(
        "AWS::S3::Bucket",
        Match.objectLike(
            Map.of(
                "NotificationConfiguration",
                    Map.of("EventBridgeConfiguration", Map.of("EventBridgeEnabled", true)),
                "PublicAccessBlockConfiguration",
                    Map.of(
                        "BlockPublicAcls",
                        true,
                        "BlockPublicPolicy",
                        true,
                        "IgnorePublicAcls",
                        true,
                        "RestrictPublicBuckets",
                        true))));
    template.resourceCountIs("AWS::Lambda::Function", 0);
    template.resourceCountIs("Custom::S3BucketNotifications", 0);
  }
}
