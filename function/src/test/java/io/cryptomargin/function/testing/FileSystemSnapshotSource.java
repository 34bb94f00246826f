package io.cryptomargin.function.testing;

import io.cryptomargin.function.snapshot.SnapshotSource;
import io.cryptomargin.validation.ValidationException;
import io.quarkus.test.Mock;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stands in for S3 in tests: object {@code key} of any bucket is the file {@code
 * events/s3-objects/<key>} at the repository root. No S3 server runs on loopback here, so the S3
 * SDK call itself is not exercised; everything around it (event parsing, bucket check, key
 * decoding, reading) is.
 */
@Mock
@ApplicationScoped
public class FileSystemSnapshotSource implements SnapshotSource {
  @Override
  public String read(String bucket, String key) {
    Path file = EventFiles.EVENTS.resolve("s3-objects").resolve(key).normalize();
    if (!Files.isRegularFile(file)) {
      throw ValidationException.of("s3://" + bucket + "/" + key, "no such snapshot file");
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
