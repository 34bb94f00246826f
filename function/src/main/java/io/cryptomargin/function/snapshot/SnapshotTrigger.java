package io.cryptomargin.function.snapshot;

/** What an event says about a snapshot: the snapshot itself, or where its file is. */
public sealed interface SnapshotTrigger {

  /**
   * How messages name this trigger, e.g. {@code EventBridge event 1f0c…} or {@code
   * s3://bucket/key}.
   */
  String origin();

  /**
   * A snapshot carried in the event.
   *
   * @param snapshotJson the snapshot in our snapshot JSON format
   * @param origin how messages name the event
   */
  record Inline(String snapshotJson, String origin) implements SnapshotTrigger {}

  /**
   * A snapshot file in the snapshot bucket.
   *
   * @param bucket the bucket
   * @param key the object key, decoded
   */
  record StoredFile(String bucket, String key) implements SnapshotTrigger {
    @Override
    public String origin() {
      return "s3://" + bucket + "/" + key;
    }
  }
}
