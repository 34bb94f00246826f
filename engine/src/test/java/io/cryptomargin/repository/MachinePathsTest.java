package io.cryptomargin.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No tracked text file names a path of the machine it was written on (a home directory or a work
 * area): such a path means nothing on a reader's machine, and it leaks how one machine was set up.
 * The files are the ones git tracks; in a source tarball without git, every file of the tree
 * outside build output.
 */
class MachinePathsTest {
  /**
   * An absolute path into a home directory (home or Users at the file system root followed by a
   * user name, root's own home, a Windows user profile) or into a work area (work at the root), at
   * the start of a path: never inside a URL or a relative path, which may well have such a segment.
   */
  private static final Pattern MACHINE_PATH =
      Pattern.compile(
          "(?<![\\w.~:/\\\\-])(/(?:home|Users)/\\w|/(?:root|work)/|[A-Za-z]:\\\\Users\\\\)");

  /**
   * Directories that hold build output or tools' caches, never sources (a tarball has no
   * .gitignore).
   */
  private static final Set<String> UNTRACKED_DIRECTORIES =
      Set.of(".git", "target", "node_modules", "cdk.out", ".ipynb_checkpoints", ".idea", ".vscode");

  private static final int BINARY_PROBE_BYTES = 8192;

  @Test
  void trackedTextFiles_scannedForMachinePaths_holdNone() throws IOException {
    Path root = repositoryRoot();
    List<String> offences = new ArrayList<>();
    for (Path file : sourceFiles(root)) {
      offences.addAll(offendingLines(root.relativize(file).toString(), file));
    }
    assertThat(offences)
        .as(
            "absolute home or work paths in tracked files (write them relative to the repository, or as ~/...)")
        .isEmpty();
  }

  @Test
  void offendingLines_homeWorkAndUserPaths_areReportedWithFileAndLine() {
    String text =
        String.join(
            "\n",
            "see /work" + "/shared/STACK.md",
            "cd /ho" + "me/alice/cryptomargin",
            "\"/ro" + "ot/.m2/repository\"",
            "open /Us" + "ers/bob/x",
            "C:\\Us" + "ers\\carol\\x");

    assertThat(offendingLines("README.md", text))
        .containsExactly(
            "README.md:1: see /work" + "/shared/STACK.md",
            "README.md:2: cd /ho" + "me/alice/cryptomargin",
            "README.md:3: \"/ro" + "ot/.m2/repository\"",
            "README.md:4: open /Us" + "ers/bob/x",
            "README.md:5: C:\\Us" + "ers\\carol\\x");
  }

  @Test
  void offendingLines_urlsRelativeAndHomeRelativePaths_areAccepted() {
    String text =
        String.join(
            "\n",
            "https://github.com/ho" + "me/x and https://example.org/wo" + "rk/y",
            "notebooks/wo" + "rk/z and ~/.m2/repository",
            "the root/ directory, work/ and home/ as words");

    assertThat(offendingLines("README.md", text)).isEmpty();
  }

  private static List<String> offendingLines(String name, Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    for (int i = 0; i < Math.min(bytes.length, BINARY_PROBE_BYTES); i++) {
      if (bytes[i] == 0) {
        return List.of(); // binary: no text to read
      }
    }
    return offendingLines(name, new String(bytes, StandardCharsets.UTF_8));
  }

  private static List<String> offendingLines(String name, String text) {
    List<String> found = new ArrayList<>();
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      if (MACHINE_PATH.matcher(lines[i]).find()) {
        found.add(name + ":" + (i + 1) + ": " + lines[i].strip());
      }
    }
    return found;
  }

  /** The repository root: the tests run in engine/, one level below it. */
  private static Path repositoryRoot() {
    Path root = Path.of("").toAbsolutePath().getParent();
    assertThat(root.resolve("engine").resolve("pom.xml"))
        .as("repository root above the engine module")
        .exists();
    return root;
  }

  private static List<Path> sourceFiles(Path root) throws IOException {
    Optional<List<Path>> tracked = gitTrackedFiles(root);
    if (tracked.isPresent()) {
      return tracked.get();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> !inUntrackedDirectory(root.relativize(p)))
          .filter(Files::isRegularFile)
          .toList();
    }
  }

  private static boolean inUntrackedDirectory(Path relative) {
    for (Path part : relative) {
      if (UNTRACKED_DIRECTORIES.contains(part.toString())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The files git tracks (that still exist), or empty when git is missing or this is no git
   * checkout.
   */
  private static Optional<List<Path>> gitTrackedFiles(Path root) {
    Process git;
    try {
      git =
          new ProcessBuilder("git", "ls-files", "-z")
              .directory(root.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException noGit) {
      return Optional.empty();
    }
    try (InputStream out = git.getInputStream()) {
      String listing = new String(out.readAllBytes(), StandardCharsets.UTF_8);
      if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
        return Optional.empty(); // e.g. a source tarball: not a git checkout
      }
      List<Path> files = new ArrayList<>();
      for (String name : listing.split("\0", -1)) {
        Path file = root.resolve(name);
        if (!name.isEmpty() && Files.isRegularFile(file)) {
          files.add(file);
        }
      }
      return Optional.of(files);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing tracked files", e);
    }
  }
}
