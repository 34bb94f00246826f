package io.cryptomargin.io;

import io.cryptomargin.validation.ValidationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Writes command output to files, saying why when it cannot (no such directory, no permission). */
public final class OutputFiles {
  private OutputFiles() {}

  /**
   * Writes UTF-8 text to a file, replacing it.
   *
   * @param field how the error names the option or field that gave the path (e.g. {@code --output})
   * @throws ValidationException saying why the file cannot be written
   */
  public static void write(Path path, String text, String field) {
    try {
      Files.writeString(path, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw ValidationException.of(field, "cannot write " + path + ": " + why(path, e));
    }
  }

  /** The reason in words: the exception's message is often just the path again. */
  static String why(Path path, IOException e) {
    Path parent = path.toAbsolutePath().getParent();
    if (Files.isDirectory(path)) {
      return "it is a directory";
    }
    if (e instanceof NoSuchFileException || (parent != null && !Files.exists(parent))) {
      return parent == null ? "no such file or directory" : "no such directory " + parent;
    }
    if (parent != null && !Files.isDirectory(parent)) {
      return parent + " is not a directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
