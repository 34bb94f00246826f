package io.cryptomargin.notebooks.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Resolves {@code %maven} artifacts with their runtime dependencies by running Maven itself on a
 * throw-away pom: Maven already knows parent poms, dependency management, ranges, mirrors and the
 * local repository, which a hand-written resolver would get subtly wrong.
 *
 * <p>Starting Maven costs seconds per notebook, so the classpath of fixed release versions is
 * remembered in a small cache file and reused while all of its jars still exist.
 */
public final class MavenResolver {

  /**
   * Environment variable naming the Maven executable; the kernelspec points it at the project's
   * {@code mvnw}.
   */
  public static final String MAVEN_EXECUTABLE_ENV = "CRYPTOMARGIN_KERNEL_MAVEN";

  /** Environment variable overriding the directory of the resolved-classpath cache. */
  public static final String CACHE_DIR_ENV = "CRYPTOMARGIN_KERNEL_MAVEN_CACHE";

  private static final String DEPENDENCY_PLUGIN =
      "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";
  private static final long TIMEOUT_MINUTES = 10;
  private static final int ERROR_LINES_SHOWN = 15;

  private final String mavenExecutable;
  private final Path cacheDir;
  private final Map<String, List<Path>> resolvedThisSession = new ConcurrentHashMap<>();

  /**
   * Creates a resolver running the given Maven executable.
   *
   * @param mavenExecutable path or name of {@code mvn}/{@code mvnw}
   * @param cacheDir where resolved classpaths of release versions are remembered, or null for no
   *     cache
   */
  public MavenResolver(String mavenExecutable, Path cacheDir) {
    this.mavenExecutable = mavenExecutable;
    this.cacheDir = cacheDir;
  }

  /**
   * Creates a resolver using {@value #MAVEN_EXECUTABLE_ENV} (else {@code mvn} from the PATH) and
   * the cache in {@value #CACHE_DIR_ENV} (else {@code ~/.cache/cryptomargin-notebooks/maven}).
   *
   * @return the resolver
   */
  public static MavenResolver fromEnvironment() {
    String configured = System.getenv(MAVEN_EXECUTABLE_ENV);
    String cache = System.getenv(CACHE_DIR_ENV);
    Path cacheDir =
        cache == null || cache.isBlank()
            ? Path.of(System.getProperty("user.home"), ".cache", "cryptomargin-notebooks", "maven")
            : Path.of(cache);
    return new MavenResolver(
        configured == null || configured.isBlank() ? "mvn" : configured, cacheDir);
  }

  /**
   * Resolves the artifacts and everything they need at runtime.
   *
   * @param coordinates the artifacts
   * @return absolute paths of the jars, in Maven's classpath order
   * @throws MagicException when Maven cannot be run or cannot resolve an artifact
   */
  public List<Path> resolve(List<MavenCoordinate> coordinates) throws MagicException {
    String key = coordinates.toString();
    List<Path> cached = resolvedThisSession.get(key);
    if (cached == null) {
      cached = readCache(coordinates);
    }
    if (cached != null) {
      resolvedThisSession.put(key, cached);
      return cached;
    }
    Path workDir = null;
    try {
      workDir = Files.createTempDirectory("kernel-maven-");
      List<Path> jars = runMaven(coordinates, workDir);
      resolvedThisSession.put(key, jars);
      writeCache(coordinates, jars);
      return jars;
    } catch (IOException e) {
      throw new MagicException(
          "%maven could not run Maven ("
              + mavenExecutable
              + "): "
              + e.getMessage()
              + "; set "
              + MAVEN_EXECUTABLE_ENV
              + " to a Maven executable",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MagicException("%maven was interrupted", e);
    } finally {
      deleteQuietly(workDir);
    }
  }

  private List<Path> runMaven(List<MavenCoordinate> coordinates, Path workDir)
      throws IOException, InterruptedException, MagicException {
    Path pom = workDir.resolve("pom.xml");
    Path classpathFile = workDir.resolve("classpath.txt");
    Path log = workDir.resolve("maven.log");
    Files.writeString(pom, pomFor(coordinates), StandardCharsets.UTF_8);

    Process maven =
        new ProcessBuilder(
                mavenExecutable,
                "-B",
                "-q",
                "-f",
                pom.toString(),
                DEPENDENCY_PLUGIN + ":build-classpath",
                "-Dmdep.outputFile=" + classpathFile,
                "-Dmdep.includeScope=runtime",
                "-Dmdep.pathSeparator=" + File.pathSeparator)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!maven.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      maven.destroyForcibly();
      throw new MagicException(
          "%maven "
              + coordinates
              + ": Maven did not finish within "
              + TIMEOUT_MINUTES
              + " minutes");
    }
    if (maven.exitValue() != 0 || !Files.exists(classpathFile)) {
      throw new MagicException("%maven could not resolve " + coordinates + ":\n" + errorLines(log));
    }
    String classpath = Files.readString(classpathFile, StandardCharsets.UTF_8).strip();
    List<Path> jars = new ArrayList<>();
    if (!classpath.isEmpty()) {
      for (String entry : classpath.split(File.pathSeparator)) {
        jars.add(Path.of(entry).toAbsolutePath());
      }
    }
    return List.copyOf(jars);
  }

  private Path cacheFile(List<MavenCoordinate> coordinates) {
    if (cacheDir == null || !coordinates.stream().allMatch(MavenResolver::isFixedRelease)) {
      return null;
    }
    String name = coordinates.toString().replaceAll("[^A-Za-z0-9_.-]+", "_");
    return cacheDir.resolve(name.length() > 200 ? Integer.toHexString(name.hashCode()) : name);
  }

  /**
   * Snapshots and ranges can change under the same text, so only plain release versions are cached.
   */
  private static boolean isFixedRelease(MavenCoordinate coordinate) {
    String version = coordinate.version();
    return !version.endsWith("-SNAPSHOT")
        && !version.equals("LATEST")
        && !version.equals("RELEASE")
        && version.chars().noneMatch(c -> "[](),".indexOf(c) >= 0);
  }

  private List<Path> readCache(List<MavenCoordinate> coordinates) {
    Path file = cacheFile(coordinates);
    if (file == null || !Files.isRegularFile(file)) {
      return null;
    }
    try {
      List<Path> jars =
          Files.readAllLines(file, StandardCharsets.UTF_8).stream()
              .filter(line -> !line.isBlank())
              .map(Path::of)
              .toList();
      return jars.stream().allMatch(Files::isRegularFile) ? jars : null;
    } catch (IOException | RuntimeException e) {
      return null; // an unreadable cache only costs a Maven run
    }
  }

  private void writeCache(List<MavenCoordinate> coordinates, List<Path> jars) {
    Path file = cacheFile(coordinates);
    if (file == null) {
      return;
    }
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), "classpath-", ".tmp");
      Files.write(temp, jars.stream().map(Path::toString).toList(), StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // Not caching only costs a Maven run next time.
    }
  }

  static String pomFor(List<MavenCoordinate> coordinates) {
    StringBuilder pom =
        new StringBuilder()
            .append("<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n")
            .append("  <modelVersion>4.0.0</modelVersion>\n")
            .append("  <groupId>io.cryptomargin.notebooks.kernel</groupId>\n")
            .append("  <artifactId>maven-magic-resolution</artifactId>\n")
            .append("  <version>1</version>\n")
            .append("  <packaging>pom</packaging>\n")
            .append("  <dependencies>\n");
    coordinates.forEach(c -> pom.append(c.toDependencyXml()));
    return pom.append("  </dependencies>\n</project>\n").toString();
  }

  private static String errorLines(Path log) throws IOException {
    List<String> lines =
        Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    List<String> errors = lines.stream().filter(l -> l.startsWith("[ERROR]")).toList();
    List<String> shown = errors.isEmpty() ? lines : errors;
    return String.join("\n", shown.subList(0, Math.min(ERROR_LINES_SHOWN, shown.size())));
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A leftover temp directory is harmless.
    }
  }

  /**
   * @return the Maven executable this resolver runs
   */
  public String mavenExecutable() {
    return mavenExecutable;
  }

  /**
   * Splits {@code %maven} arguments into coordinates.
   *
   * @param arguments the words after {@code %maven}
   * @return the coordinates
   * @throws MagicException when an argument is not a coordinate or none is given
   */
  static List<MavenCoordinate> parseArguments(List<String> arguments) throws MagicException {
    if (arguments.isEmpty()) {
      throw new MagicException("%maven needs at least one group:artifact:version");
    }
    List<MavenCoordinate> coordinates = new ArrayList<>();
    for (String argument : arguments) {
      try {
        Arrays.stream(argument.split(","))
            .filter(s -> !s.isBlank())
            .map(MavenCoordinate::parse)
            .forEach(coordinates::add);
      } catch (IllegalArgumentException e) {
        throw new MagicException("%maven: " + e.getMessage(), e);
      }
    }
    return coordinates;
  }
}
