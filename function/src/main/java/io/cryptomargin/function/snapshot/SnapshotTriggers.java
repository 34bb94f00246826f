package io.cryptomargin.function.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the three event shapes that announce a snapshot:
 *
 * <ul>
 *   <li>EventBridge {@code "Market Snapshot Published"} (source {@code io.cryptomargin.market}):
 *       {@code detail.snapshot} holds the snapshot, or {@code detail.bucket} + {@code detail.key}
 *       name its file;
 *   <li>EventBridge {@code "Object Created"} from {@code aws.s3}: how the infra module delivers a
 *       file landing in the snapshot bucket ({@code detail.bucket.name}, {@code
 *       detail.object.key});
 *   <li>an S3 event notification ({@code Records[].s3.bucket.name}, {@code .s3.object.key}, the key
 *       URL-encoded), for a bucket notifying the function directly.
 * </ul>
 *
 * Files must be in the configured snapshot bucket: the function's role may read no other.
 */
public final class SnapshotTriggers {
  /** The detail-type of the infra contract ({@code FunctionContract.MARKET_SNAPSHOT_PUBLISHED}). */
  public static final String MARKET_SNAPSHOT_PUBLISHED = "Market Snapshot Published";

  // The issue spelled it without spaces; accepted too so a publisher following the issue is not
  // dropped.
  private static final Set<String> PUBLISHED_DETAIL_TYPES =
      Set.of(MARKET_SNAPSHOT_PUBLISHED, "MarketSnapshotPublished");
  private static final String S3_OBJECT_CREATED = "Object Created";

  private final ObjectMapper mapper;
  private final String snapshotBucket;

  /**
   * @param mapper turns inline snapshots back into JSON text
   * @param snapshotBucket the only bucket snapshot files may come from
   */
  public SnapshotTriggers(ObjectMapper mapper, String snapshotBucket) {
    this.mapper = mapper;
    this.snapshotBucket = snapshotBucket;
  }

  /**
   * The snapshots an event announces, in order.
   *
   * @throws ValidationException listing every problem with the event, by JSON path
   */
  public List<SnapshotTrigger> parse(SnapshotEvent event) {
    Problems problems = new Problems();
    List<SnapshotTrigger> triggers = new ArrayList<>();
    if (event != null && event.records() != null) {
      s3Notification(event.records(), triggers, problems);
    } else if (event != null && event.detailType() != null) {
      eventBridge(event, triggers, problems);
    } else {
      problems.add(
          "",
          "not a snapshot event: expected an EventBridge event (\"detail-type\": \""
              + MARKET_SNAPSHOT_PUBLISHED
              + "\" or \""
              + S3_OBJECT_CREATED
              + "\") or an S3 notification (\"Records\")");
    }
    if (triggers.isEmpty() && problems.isEmpty()) {
      problems.add("Records", "names no snapshot file");
    }
    problems.throwIfAny();
    return triggers;
  }

  private void eventBridge(SnapshotEvent event, List<SnapshotTrigger> triggers, Problems problems) {
    String detailType = event.detailType();
    String source = event.source() == null ? "" : event.source();
    JsonNode detail = event.detail() == null ? mapper.missingNode() : event.detail();
    if (!detail.isObject()) {
      problems.add("detail", "must be a JSON object");
      return;
    }
    if (PUBLISHED_DETAIL_TYPES.contains(detailType)) {
      JsonNode snapshot = detail.get("snapshot");
      if (snapshot != null && !snapshot.isNull()) {
        if (!snapshot.isObject()) {
          problems.add("detail.snapshot", "must be a snapshot JSON object");
          return;
        }
        triggers.add(
            new SnapshotTrigger.Inline(
                json(snapshot),
                "EventBridge event " + (event.id() == null ? "(no id)" : event.id())));
      } else if (detail.has("bucket") || detail.has("key")) {
        storedFile(
            text(detail.path("bucket")),
            text(detail.path("key")),
            "detail.bucket",
            "detail.key",
            false,
            triggers,
            problems);
      } else {
        problems.add(
            "detail",
            "needs either \"snapshot\" (the snapshot itself) or \"bucket\" and \"key\" (its file)");
      }
    } else if (S3_OBJECT_CREATED.equals(detailType) && "aws.s3".equals(source)) {
      storedFile(
          text(detail.path("bucket").path("name")),
          text(detail.path("object").path("key")),
          "detail.bucket.name",
          "detail.object.key",
          false,
          triggers,
          problems);
    } else {
      problems.add(
          "detail-type",
          "'"
              + detailType
              + "' (source '"
              + source
              + "') does not announce a snapshot: expected '"
              + MARKET_SNAPSHOT_PUBLISHED
              + "' or '"
              + S3_OBJECT_CREATED
              + "' from aws.s3");
    }
  }

  private void s3Notification(
      List<SnapshotEvent.S3Record> records, List<SnapshotTrigger> triggers, Problems problems) {
    if (records.isEmpty()) {
      problems.add("Records", "must be a non-empty array of S3 records");
      return;
    }
    for (int i = 0; i < records.size(); i++) {
      SnapshotEvent.S3Record record = records.get(i);
      String path = "Records[" + i + "]";
      String eventSource =
          record == null || record.eventSource() == null ? "" : record.eventSource();
      String eventName = record == null || record.eventName() == null ? "" : record.eventName();
      if (!"aws:s3".equals(eventSource)) {
        problems.add(path + ".eventSource", "must be 'aws:s3', was '" + eventSource + "'");
        continue;
      }
      if (!eventName.startsWith("ObjectCreated:")) {
        problems.add(
            path + ".eventName", "must be an ObjectCreated event, was '" + eventName + "'");
        continue;
      }
      SnapshotEvent.S3Entity s3 = record.s3();
      String bucket = s3 == null || s3.bucket() == null ? null : s3.bucket().name();
      String key = s3 == null || s3.object() == null ? null : s3.object().key();
      storedFile(
          bucket, key, path + ".s3.bucket.name", path + ".s3.object.key", true, triggers, problems);
    }
  }

  private static String text(JsonNode node) {
    return node.isTextual() ? node.asText() : null;
  }

  private void storedFile(
      String bucketName,
      String objectKey,
      String bucketPath,
      String keyPath,
      boolean urlEncodedKey,
      List<SnapshotTrigger> triggers,
      Problems problems) {
    String bucket = bucketName == null ? "" : bucketName;
    String key = objectKey == null ? "" : objectKey;
    boolean usable = true;
    if (bucket.isBlank()) {
      problems.add(bucketPath, "is required");
      usable = false;
    } else if (!bucket.equals(snapshotBucket)) {
      problems.add(
          bucketPath, "'" + bucket + "' is not the snapshot bucket '" + snapshotBucket + "'");
      usable = false;
    }
    if (key.isBlank()) {
      problems.add(keyPath, "is required");
      usable = false;
    }
    if (usable) {
      // S3 notifications encode keys as in a form (a space arrives as '+'); EventBridge sends them
      // as they are.
      triggers.add(
          new SnapshotTrigger.StoredFile(
              bucket, urlEncodedKey ? URLDecoder.decode(key, StandardCharsets.UTF_8) : key));
    }
  }

  private String json(JsonNode node) {
    try {
      return mapper.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot re-serialise a parsed JSON tree", e);
    }
  }
}
