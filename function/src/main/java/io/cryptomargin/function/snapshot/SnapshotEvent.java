package io.cryptomargin.function.snapshot;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The events that announce a snapshot, as Lambda delivers them to the {@code snapshot} handler: an
 * S3 event notification ({@code Records}, the fields of the SDK's {@code S3EventNotification} the
 * handler reads) or an EventBridge event (the fields of the SDK's {@code ScheduledEvent}, with
 * {@code detail-type} under its wire name). One type for both, since one function receives both;
 * {@link SnapshotTriggers} says which it is and checks it.
 *
 * @param records the S3 notification's records, or null for an EventBridge event
 * @param id the EventBridge event id
 * @param detailType the EventBridge detail-type
 * @param source the EventBridge source
 * @param detail the EventBridge detail (an inline snapshot, or the file's bucket and key)
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record SnapshotEvent(
    @JsonProperty("Records") List<S3Record> records,
    @JsonProperty("id") String id,
    @JsonProperty("detail-type") String detailType,
    @JsonProperty("source") String source,
    @JsonProperty("detail") JsonNode detail) {

  /** One S3 notification record. */
  @RegisterForReflection
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record S3Record(String eventSource, String eventName, S3Entity s3) {}

  /** The bucket and object of a record. */
  @RegisterForReflection
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record S3Entity(Named bucket, Keyed object) {}

  /** A bucket. */
  @RegisterForReflection
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Named(String name) {}

  /** An object, its key URL-encoded as S3 notifications send it. */
  @RegisterForReflection
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Keyed(String key) {}
}
