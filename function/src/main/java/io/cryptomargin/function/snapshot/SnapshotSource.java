package io.cryptomargin.function.snapshot;

import io.cryptomargin.validation.ValidationException;

/** Where snapshot files are read from: S3 in the function, a directory in tests. */
public interface SnapshotSource {

  /**
   * The text of a snapshot file.
   *
   * @throws ValidationException naming the file when it does not exist: retrying will not help
   */
  String read(String bucket, String key);
}
