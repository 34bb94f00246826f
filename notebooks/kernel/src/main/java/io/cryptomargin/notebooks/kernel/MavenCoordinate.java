package io.cryptomargin.notebooks.kernel;

import java.util.regex.Pattern;

/**
 * A Maven artifact as written after {@code %maven}: {@code group:artifact:version}, {@code
 * group:artifact:type:version} or {@code group:artifact:type:classifier:version}.
 *
 * @param groupId the group id
 * @param artifactId the artifact id
 * @param type the packaging type, {@code jar} unless given
 * @param classifier the classifier, empty unless given
 * @param version the version
 */
public record MavenCoordinate(
    String groupId, String artifactId, String type, String classifier, String version) {

  private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.\\-\\[\\](),+]+");

  /**
   * Parses a coordinate.
   *
   * @param text the coordinate
   * @return the parsed coordinate
   * @throws IllegalArgumentException when the text is not a Maven coordinate
   */
  public static MavenCoordinate parse(String text) {
    String[] parts = text.strip().split(":", -1);
    for (String part : parts) {
      if (!PART.matcher(part).matches()) {
        throw invalid(text);
      }
    }
    return switch (parts.length) {
      case 3 -> new MavenCoordinate(parts[0], parts[1], "jar", "", parts[2]);
      case 4 -> new MavenCoordinate(parts[0], parts[1], parts[2], "", parts[3]);
      case 5 -> new MavenCoordinate(parts[0], parts[1], parts[2], parts[3], parts[4]);
      default -> throw invalid(text);
    };
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "'"
            + text
            + "' is not a Maven coordinate;"
            + " expected group:artifact:version (or group:artifact:type[:classifier]:version)");
  }

  /**
   * @return the {@code <dependency>} element declaring this artifact
   */
  String toDependencyXml() {
    StringBuilder xml =
        new StringBuilder()
            .append("    <dependency>\n")
            .append("      <groupId>")
            .append(groupId)
            .append("</groupId>\n")
            .append("      <artifactId>")
            .append(artifactId)
            .append("</artifactId>\n")
            .append("      <version>")
            .append(version)
            .append("</version>\n")
            .append("      <type>")
            .append(type)
            .append("</type>\n");
    if (!classifier.isEmpty()) {
      xml.append("      <classifier>").append(classifier).append("</classifier>\n");
    }
    return xml.append("    </dependency>\n").toString();
  }

  @Override
  public String toString() {
    return classifier.isEmpty()
        ? (type.equals("jar")
            ? groupId + ":" + artifactId + ":" + version
            : groupId + ":" + artifactId + ":" + type + ":" + version)
        : groupId + ":" + artifactId + ":" + type + ":" + classifier + ":" + version;
  }
}
