package io.cryptomargin.function.snapshot;

import io.cryptomargin.validation.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Reads snapshot files from S3. Other S3 failures propagate, so Lambda retries the event. */
@ApplicationScoped
public class S3SnapshotSource implements SnapshotSource {
  private final S3Client s3;

  @Inject
  public S3SnapshotSource(S3Client s3) {
    this.s3 = s3;
  }

  @Override
  public String read(String bucket, String key) {
    try {
      return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8);
    } catch (NoSuchKeyException e) {
      throw ValidationException.of("s3://" + bucket + "/" + key, "no such snapshot file");
    }
  }
}
