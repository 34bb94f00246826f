package io.cryptomargin.function.store;

import io.cryptomargin.function.snapshot.SnapshotSource;
import io.cryptomargin.io.SnapshotJson;
import io.cryptomargin.market.MarketSnapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The snapshots themselves, kept next to their arrays so a cache miss (an instrument nobody had
 * arrayed) can be computed later from the same market: one item per snapshot in the risk arrays
 * table, pk {@value #PARTITION}, sk the snapshot id, the snapshot JSON gzipped in {@code snapshot}
 * (B), or, when that would not fit DynamoDB's 400 KB item limit, the S3 location of its file in
 * {@code bucket}/{@code key}; with the same {@code expiresAt} as the arrays.
 *
 * <p>Snapshots never change once published, so each container keeps the ones it parsed ({@link
 * #snapshot}) in memory: the second miss on a snapshot costs no read at all.
 */
public final class SnapshotStore {
  /** Partition key of every snapshot item (array partition keys always contain '#'). */
  public static final String PARTITION = "SNAPSHOT";

  /** Gzipped snapshots larger than this are referenced by their S3 file instead. */
  static final int MAX_INLINE_BYTES = 350 * 1024;

  private static final int CACHED_SNAPSHOTS = 4;

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final SnapshotSource files;
  private final Map<String, MarketSnapshot> parsed = new ConcurrentHashMap<>();

  public SnapshotStore(DynamoDbClient dynamoDb, String table, SnapshotSource files) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.files = files;
  }

  /**
   * Stores a snapshot (idempotent: the same snapshot rewrites the same item).
   *
   * @param bucket the snapshot bucket when it came from a file, else null
   * @param key its object key, else null
   */
  public void put(MarketSnapshot snapshot, String bucket, String key, Instant expiresAt) {
    byte[] gzipped = gzip(SnapshotJson.write(snapshot));
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put(RiskArrayCodec.PK, AttributeValue.fromS(PARTITION));
    item.put(RiskArrayCodec.SK, AttributeValue.fromS(snapshot.id()));
    item.put("asOf", AttributeValue.fromS(snapshot.asOf().toString()));
    item.put(
        RiskArrayCodec.EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())));
    if (gzipped.length <= MAX_INLINE_BYTES) {
      item.put("snapshot", AttributeValue.fromB(SdkBytes.fromByteArray(gzipped)));
    } else if (bucket != null) {
      item.put("bucket", AttributeValue.fromS(bucket));
      item.put("key", AttributeValue.fromS(key));
    } else {
      throw new IllegalStateException(
          "snapshot "
              + snapshot.id()
              + " is "
              + gzipped.length
              + " bytes gzipped, too large to keep in DynamoDB, and has no file: publish large snapshots to the bucket");
    }
    dynamoDb.putItem(b -> b.tableName(table).item(item));
    parsed.put(snapshot.id(), snapshot);
  }

  /**
   * A stored snapshot, parsed once per container.
   *
   * @throws SnapshotNotCurrentException when it was never stored or expired
   */
  public MarketSnapshot snapshot(String snapshotId) {
    MarketSnapshot cached = parsed.get(snapshotId);
    if (cached != null) {
      return cached;
    }
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(
                b ->
                    b.tableName(table)
                        .key(
                            Map.of(
                                RiskArrayCodec.PK,
                                AttributeValue.fromS(PARTITION),
                                RiskArrayCodec.SK,
                                AttributeValue.fromS(snapshotId))))
            .item();
    if (item == null || item.isEmpty()) {
      throw new SnapshotNotCurrentException(
          "snapshot "
              + snapshotId
              + " is not stored (expired, or published before"
              + " snapshots were kept): its missing risk arrays cannot be computed");
    }
    MarketSnapshot snapshot;
    if (item.containsKey("snapshot")) {
      snapshot =
          SnapshotJson.parse(
              gunzip(item.get("snapshot").b().asByteArray()), "stored snapshot " + snapshotId);
    } else {
      String bucket = item.get("bucket").s();
      String key = item.get("key").s();
      snapshot = SnapshotJson.parse(files.read(bucket, key), "s3://" + bucket + "/" + key);
    }
    if (parsed.size() >= CACHED_SNAPSHOTS) {
      parsed.clear();
    }
    parsed.put(snapshotId, snapshot);
    return snapshot;
  }

  static byte[] gzip(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static String gunzip(byte[] gzipped) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
