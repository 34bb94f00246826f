package io.cryptomargin.notebooks.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenResolverTest {

  @Test
  void parse_groupArtifactVersion_defaultsToJarWithoutClassifier() {
    MavenCoordinate coordinate = MavenCoordinate.parse("org.knowm.xchart:xchart:3.8.8");

    assertThat(coordinate)
        .isEqualTo(new MavenCoordinate("org.knowm.xchart", "xchart", "jar", "", "3.8.8"));
    assertThat(coordinate).hasToString("org.knowm.xchart:xchart:3.8.8");
  }

  @Test
  void parse_withTypeAndClassifier_keepsBoth() {
    MavenCoordinate coordinate =
        MavenCoordinate.parse("io.cryptomargin:cryptomargin-engine:jar:cli:0.1.0-SNAPSHOT");

    assertThat(coordinate.classifier()).isEqualTo("cli");
    assertThat(coordinate.toDependencyXml()).contains("<classifier>cli</classifier>");
  }

  @Test
  void parse_twoParts_throwsWithExpectedFormat() {
    assertThatThrownBy(() -> MavenCoordinate.parse("org.knowm.xchart:xchart"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("group:artifact:version");
  }

  @Test
  void parseArguments_none_throwsMagicException() {
    assertThatThrownBy(() -> MavenResolver.parseArguments(List.of()))
        .isInstanceOf(MagicException.class)
        .hasMessageContaining("%maven needs");
  }

  @Test
  void resolve_mavenWritesClasspath_returnsItsJarsAndDeclaresTheDependency(@TempDir Path dir)
      throws Exception {
    Path jar = Files.createFile(dir.resolve("xchart-3.8.8.jar"));
    Path pomCopy = dir.resolve("seen-pom.xml");
    Path maven =
        fakeMaven(
            dir,
            "cp \"$(dirname \"$out\")/pom.xml\" "
                + pomCopy
                + "\nprintf '%s' "
                + jar
                + " > \"$out\"\n");

    List<Path> jars =
        new MavenResolver(maven.toString(), null)
            .resolve(List.of(MavenCoordinate.parse("org.knowm.xchart:xchart:3.8.8")));

    assertThat(jars).containsExactly(jar);
    assertThat(Files.readString(pomCopy))
        .contains("<artifactId>xchart</artifactId>")
        .contains("<version>3.8.8</version>");
  }

  @Test
  void resolve_mavenFails_throwsMagicExceptionWithMavensErrorLines(@TempDir Path dir)
      throws Exception {
    Path maven =
        fakeMaven(
            dir,
            "echo '[INFO] noise'\necho '[ERROR] Could not find artifact no.such:thing:jar:1.0'\nexit 1\n");

    assertThatThrownBy(
            () ->
                new MavenResolver(maven.toString(), null)
                    .resolve(List.of(MavenCoordinate.parse("no.such:thing:1.0"))))
        .isInstanceOf(MagicException.class)
        .hasMessageContaining("could not resolve [no.such:thing:1.0]")
        .hasMessageContaining("[ERROR] Could not find artifact")
        .hasMessageNotContaining("noise");
  }

  @Test
  void resolve_mavenMissing_throwsMagicExceptionNamingTheSetting(@TempDir Path dir) {
    assertThatThrownBy(
            () ->
                new MavenResolver(dir.resolve("no-mvn").toString(), null)
                    .resolve(List.of(MavenCoordinate.parse("a:b:1"))))
        .isInstanceOf(MagicException.class)
        .hasMessageContaining(MavenResolver.MAVEN_EXECUTABLE_ENV);
  }

  @Test
  void resolve_releaseResolvedBefore_usesCacheWithoutRunningMaven(@TempDir Path dir)
      throws Exception {
    Path jar = Files.createFile(dir.resolve("lib-1.0.jar"));
    Path cache = dir.resolve("cache");
    Path maven = fakeMaven(dir, "printf '%s' " + jar + " > \"$out\"\n");
    new MavenResolver(maven.toString(), cache).resolve(List.of(MavenCoordinate.parse("a:lib:1.0")));
    Files.delete(maven); // a second Maven run would now fail

    List<Path> jars =
        new MavenResolver(maven.toString(), cache)
            .resolve(List.of(MavenCoordinate.parse("a:lib:1.0")));

    assertThat(jars).containsExactly(jar);
  }

  /** A stand-in for mvn: finds -Dmdep.outputFile=... and runs {@code body} with it in $out. */
  private static Path fakeMaven(Path dir, String body) throws IOException {
    Path script = dir.resolve("fake-mvn.sh");
    Files.writeString(
        script,
        "#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in -Dmdep.outputFile=*) out=\"${a#*=}\";; esac; done\n"
            + body);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }
}
