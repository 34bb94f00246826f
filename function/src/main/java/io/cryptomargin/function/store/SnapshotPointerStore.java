package io.cryptomargin.function.store;

import io.cryptomargin.riskarray.RiskArrayStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The "current snapshot" pointers, one item per scenario set in the risk arrays table: pk {@value
 * #POINTER_PARTITION}, sk the scenario-set id. Array partition keys always contain {@code #}, so
 * the two kinds of item never collide.
 *
 * <p>The writer moves a pointer only after every array of the snapshot is written, so a reader that
 * resolves its key here never sees half a snapshot. The move is conditional on the new snapshot
 * being later than the stored one: a late or re-delivered old snapshot never moves the pointer
 * back, and re-delivering the current snapshot is a harmless no-op.
 */
public final class SnapshotPointerStore {
  /** Partition key of every pointer item. */
  public static final String POINTER_PARTITION = "CURRENT";

  static final String SNAPSHOT_ID = "snapshotId";
  static final String PARAMETER_VERSION = "parameterVersion";
  static final String AS_OF = "asOf";
  static final String AS_OF_MILLIS = "asOfEpochMillis";
  static final String UNDERLYINGS = "underlyings";

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;

  /**
   * @param dynamoDb the client
   * @param table the risk arrays table
   * @param clock the time expiry is checked against
   */
  public SnapshotPointerStore(DynamoDbClient dynamoDb, String table, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.clock = clock;
  }

  /**
   * Makes a snapshot current for its scenario set, unless a later one already is.
   *
   * @return true when the pointer now names this snapshot (moved, or it already did); false when a
   *     later snapshot, or another one of the same time, is current
   */
  public boolean advance(SnapshotPointer pointer) {
    Map<String, AttributeValue> item =
        Map.of(
            RiskArrayCodec.PK,
            AttributeValue.fromS(POINTER_PARTITION),
            RiskArrayCodec.SK,
            AttributeValue.fromS(pointer.scenarioSetId()),
            SNAPSHOT_ID,
            AttributeValue.fromS(pointer.snapshotId()),
            PARAMETER_VERSION,
            AttributeValue.fromS(pointer.parameterVersion()),
            AS_OF,
            AttributeValue.fromS(pointer.asOf().toString()),
            AS_OF_MILLIS,
            AttributeValue.fromN(Long.toString(pointer.asOf().toEpochMilli())),
            // A list, not a string set: a set cannot be empty and loses nothing here by keeping
            // order.
            UNDERLYINGS,
            AttributeValue.fromL(
                pointer.underlyings().stream().map(AttributeValue::fromS).toList()),
            RiskArrayCodec.EXPIRES_AT,
            AttributeValue.fromN(Long.toString(pointer.expiresAt().getEpochSecond())));
    try {
      dynamoDb.putItem(
          b ->
              b.tableName(table)
                  .item(item)
                  .conditionExpression(
                      "attribute_not_exists(#pk) OR #asOf < :asOf OR (#asOf = :asOf AND #id = :id)")
                  .expressionAttributeNames(
                      Map.of("#pk", RiskArrayCodec.PK, "#asOf", AS_OF_MILLIS, "#id", SNAPSHOT_ID))
                  .expressionAttributeValues(
                      Map.of(":asOf", item.get(AS_OF_MILLIS), ":id", item.get(SNAPSHOT_ID))));
      return true;
    } catch (ConditionalCheckFailedException laterSnapshotIsCurrent) {
      return false;
    }
  }

  /** The pointer of a scenario set as stored, expired or not; empty when none was ever written. */
  public Optional<SnapshotPointer> find(String scenarioSetId) {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(
                b ->
                    b.tableName(table)
                        .consistentRead(true)
                        .key(
                            Map.of(
                                RiskArrayCodec.PK,
                                AttributeValue.fromS(POINTER_PARTITION),
                                RiskArrayCodec.SK,
                                AttributeValue.fromS(scenarioSetId))))
            .item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new SnapshotPointer(
            scenarioSetId,
            item.get(SNAPSHOT_ID).s(),
            item.get(PARAMETER_VERSION).s(),
            Instant.parse(item.get(AS_OF).s()),
            item.get(UNDERLYINGS).l().stream().map(AttributeValue::s).toList(),
            Instant.ofEpochSecond(Long.parseLong(item.get(RiskArrayCodec.EXPIRES_AT).n()))));
  }

  /**
   * The current, unexpired pointer of a scenario set.
   *
   * @throws SnapshotNotCurrentException when there is none or it expired
   */
  public SnapshotPointer current(String scenarioSetId) {
    SnapshotPointer pointer =
        find(scenarioSetId)
            .orElseThrow(
                () ->
                    new SnapshotNotCurrentException(
                        "no current snapshot for scenario set "
                            + scenarioSetId
                            + ": none has been published"));
    if (!pointer.expiresAt().isAfter(clock.instant())) {
      throw new SnapshotNotCurrentException(
          "the current snapshot "
              + pointer.snapshotId()
              + " of scenario set "
              + scenarioSetId
              + " expired at "
              + pointer.expiresAt()
              + ": no snapshot was published since");
    }
    return pointer;
  }

  /**
   * The array key of an underlying in the current snapshot of a scenario set.
   *
   * @throws SnapshotNotCurrentException when there is no current snapshot, or it has no market for
   *     the underlying
   */
  public RiskArrayStore.Key currentKey(String scenarioSetId, String underlying) {
    return keyIn(current(scenarioSetId), underlying);
  }

  /**
   * The array key of an underlying in a given snapshot, which must be the current one.
   *
   * @throws SnapshotNotCurrentException naming the current snapshot when {@code snapshotId} is not
   *     it
   */
  public RiskArrayStore.Key keyFor(String scenarioSetId, String snapshotId, String underlying) {
    SnapshotPointer pointer = current(scenarioSetId);
    if (!pointer.snapshotId().equals(snapshotId)) {
      throw new SnapshotNotCurrentException(
          "snapshot "
              + snapshotId
              + " is not current for scenario set "
              + scenarioSetId
              + ": it was superseded by, or never replaced, "
              + pointer.snapshotId()
              + " (as of "
              + pointer.asOf()
              + ")");
    }
    return keyIn(pointer, underlying);
  }

  private static RiskArrayStore.Key keyIn(SnapshotPointer pointer, String underlying) {
    List<String> underlyings = pointer.underlyings();
    if (!underlyings.contains(underlying)) {
      throw new SnapshotNotCurrentException(
          "the current snapshot "
              + pointer.snapshotId()
              + " of scenario set "
              + pointer.scenarioSetId()
              + " has no market for "
              + underlying
              + ", only "
              + underlyings);
    }
    return pointer.key(underlying);
  }
}
