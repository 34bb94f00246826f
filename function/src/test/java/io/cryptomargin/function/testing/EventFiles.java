package io.cryptomargin.function.testing;

import java.nio.file.Path;

/**
 * Where the sample events live. Free of engine types, so test classes can use it before Quarkus
 * loads them.
 */
public final class EventFiles {
  /** The repository's {@code events/} directory (tests run in {@code function/}). */
  public static final Path EVENTS = Path.of("..", "events").toAbsolutePath().normalize();

  /** The snapshot file both the inline and the S3 samples carry. */
  public static final Path SNAPSHOT_FILE =
      EVENTS.resolve("s3-objects/snapshots/2020/05/14/deribit-btc-eth-0544Z.json");

  private EventFiles() {}
}
