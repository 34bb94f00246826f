package io.cryptomargin.notebooks.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * throw-away pom: Maven already knows parent poms, dependency management, ranges, mirrors and
 * the local repository, which a hand-written resolver would get subtly wrong.
 */
public final class MavenResolver {

    /** Environment variable naming the Maven executable; the kernelspec points it at the project's {@code mvnw}. */
    public static final String MAVEN_EXECUTABLE_ENV = "CRYPTOMARGIN_KERNEL_MAVEN";

    private static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";
    private static final long TIMEOUT_MINUTES = 10;
    private static final int ERROR_LINES_SHOWN = 15;

    private final String mavenExecutable;
    private final Map<String, List<Path>> resolvedThisSession = new ConcurrentHashMap<>();

    /**
     * Creates a resolver running the given Maven executable.
     *
     * @param mavenExecutable path or name of {@code mvn}/{@code mvnw}
     */
    public MavenResolver(String mavenExecutable) {
        this.mavenExecutable = mavenExecutable;
    }

    /**
     * Creates a resolver using {@value #MAVEN_EXECUTABLE_ENV}, or {@code mvn} from the PATH.
     *
     * @return the resolver
     */
    public static MavenResolver fromEnvironment() {
        String configured = System.getenv(MAVEN_EXECUTABLE_ENV);
        return new MavenResolver(configured == null || configured.isBlank() ? "mvn" : configured);
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
        if (cached != null) {
            return cached;
        }
        Path workDir = null;
        try {
            workDir = Files.createTempDirectory("kernel-maven-");
            List<Path> jars = runMaven(coordinates, workDir);
            resolvedThisSession.put(key, jars);
            return jars;
        } catch (IOException e) {
            throw new MagicException("%maven could not run Maven (" + mavenExecutable + "): " + e.getMessage()
                    + "; set " + MAVEN_EXECUTABLE_ENV + " to a Maven executable", e);
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

        Process maven = new ProcessBuilder(mavenExecutable, "-B", "-q", "-f", pom.toString(),
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
            throw new MagicException("%maven " + coordinates + ": Maven did not finish within "
                    + TIMEOUT_MINUTES + " minutes");
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

    static String pomFor(List<MavenCoordinate> coordinates) {
        StringBuilder pom = new StringBuilder()
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
        List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
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

    /** @return the Maven executable this resolver runs */
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
                Arrays.stream(argument.split(",")).filter(s -> !s.isBlank())
                        .map(MavenCoordinate::parse).forEach(coordinates::add);
            } catch (IllegalArgumentException e) {
                throw new MagicException("%maven: " + e.getMessage(), e);
            }
        }
        return coordinates;
    }
}
