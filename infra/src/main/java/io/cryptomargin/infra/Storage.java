package io.cryptomargin.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CfnBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The stateful stores: the four DynamoDB tables and the bucket snapshot files are uploaded to.
 * Nothing here grants access; {@link MarginFunctions} writes each function's statements.
 */
public final class Storage extends Construct {

  /** Partition key of every table. */
  public static final String PARTITION_KEY = "pk";

  /** Sort key of the risk arrays and positions tables. */
  public static final String SORT_KEY = "sk";

  /** TTL attribute of the risk arrays table (epoch seconds). */
  public static final String RISK_ARRAYS_TTL_ATTRIBUTE = "expiresAt";

  private final StageConfig stage;
  private final Table riskArraysTable;
  private final Table positionsTable;
  private final Table marginResultsTable;
  private final Table accountsTable;
  private final Bucket snapshotBucket;

  /**
   * Creates the tables and the bucket.
   *
   * @param scope the stack
   * @param id construct id
   * @param stage removal policy, deletion protection and snapshot expiry of the stage
   */
  public Storage(Construct scope, String id, StageConfig stage) {
    super(scope, id);
    this.stage = stage;
    riskArraysTable = table("RiskArraysTable", true, null, RISK_ARRAYS_TTL_ATTRIBUTE);
    positionsTable = table("PositionsTable", true, StreamViewType.NEW_AND_OLD_IMAGES, null);
    marginResultsTable = table("MarginResultsTable", false, null, null);
    accountsTable = table("AccountsTable", false, null, null);
    snapshotBucket = createSnapshotBucket();
  }

  private Table table(String id, boolean withSortKey, StreamViewType stream, String ttlAttribute) {
    Table.Builder builder =
        Table.Builder.create(this, id)
            .partitionKey(
                Attribute.builder().name(PARTITION_KEY).type(AttributeType.STRING).build())
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .pointInTimeRecoverySpecification(
                PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
            // The aws/dynamodb key: every use is in CloudTrail and no key policy has to follow each
            // new function. A customer-managed key would add cost and grants for no requirement we
            // have (no cross-account readers, no crypto-shredding); switch here if one appears.
            .encryption(TableEncryption.AWS_MANAGED)
            .deletionProtection(stage.deletionProtection())
            .removalPolicy(stage.removalPolicy());
    if (withSortKey) {
      builder.sortKey(Attribute.builder().name(SORT_KEY).type(AttributeType.STRING).build());
    }
    if (stream != null) {
      builder.stream(stream);
    }
    if (ttlAttribute != null) {
      builder.timeToLiveAttribute(ttlAttribute);
    }
    return builder.build();
  }

  private Bucket createSnapshotBucket() {
    Bucket bucket =
        Bucket.Builder.create(this, "SnapshotBucket")
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .encryption(BucketEncryption.S3_MANAGED)
            .enforceSsl(true)
            .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
            .lifecycleRules(
                List.of(
                    LifecycleRule.builder()
                        .id("ExpireOldSnapshots")
                        .expiration(Duration.days(stage.snapshotExpirationDays()))
                        .abortIncompleteMultipartUploadAfter(Duration.days(1))
                        .build()))
            .removalPolicy(stage.removalPolicy())
            .build();
    // Set on the CloudFormation resource itself: CDK's eventBridgeEnabled and addEventNotification
    // deploy a custom-resource Lambda whose role may call s3:PutBucketNotification on "*".
    ((CfnBucket) bucket.getNode().getDefaultChild())
        .setNotificationConfiguration(
            CfnBucket.NotificationConfigurationProperty.builder()
                .eventBridgeConfiguration(
                    CfnBucket.EventBridgeConfigurationProperty.builder()
                        .eventBridgeEnabled(true)
                        .build())
                .build());
    return bucket;
  }

  /**
   * @return the risk arrays table ({@code pk}, {@code sk}, TTL {@code expiresAt}); also holds
   *     snapshots and pointers
   */
  public Table riskArraysTable() {
    return riskArraysTable;
  }

  /**
   * @return the positions table, whose stream feeds the positions function
   */
  public Table positionsTable() {
    return positionsTable;
  }

  /**
   * @return the margin results table
   */
  public Table marginResultsTable() {
    return marginResultsTable;
  }

  /**
   * @return the accounts table
   */
  public Table accountsTable() {
    return accountsTable;
  }

  /**
   * @return the bucket snapshot files are uploaded to
   */
  public Bucket snapshotBucket() {
    return snapshotBucket;
  }
}
