package io.cryptomargin.notebooks.kernel;

import io.github.spencerpark.jupyter.kernel.util.GlobFinder;
import java.io.File;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * IJava's classpath line magics: {@code %jars}, {@code %classpath} and {@code %maven}.
 *
 * <p>Unlike IJava, a pattern that matches nothing is an error: silently adding nothing only moves
 * the failure to a confusing "cannot find symbol" a few cells later.
 */
final class LineMagics {

  private final Consumer<String> addToClasspath;
  private final MavenResolver mavenResolver;

  LineMagics(Consumer<String> addToClasspath, MavenResolver mavenResolver) {
    this.addToClasspath = addToClasspath;
    this.mavenResolver = mavenResolver;
  }

  /**
   * Runs one magic line.
   *
   * @param line the line, starting with {@code %}
   * @return the classpath entries that were added
   * @throws MagicException when the magic is unknown or fails
   */
  List<String> run(String line) throws MagicException {
    String body = line.strip().substring(1);
    if (body.startsWith("%")) {
      throw new MagicException(
          "cell magics ("
              + line.strip()
              + ") are not supported;"
              + " this kernel knows the line magics %jars, %classpath and %maven");
    }
    List<String> words = splitArguments(body);
    if (words.isEmpty()) {
      throw new MagicException("'%' must be followed by a magic name: %jars, %classpath or %maven");
    }
    String name = words.get(0);
    List<String> arguments = words.subList(1, words.size());
    return switch (name) {
      case "jars" -> addAll(matching(name, arguments, true));
      case "classpath" -> addAll(matching(name, splitPathLists(arguments), false));
      case "maven" ->
          addAll(
              mavenResolver.resolve(MavenResolver.parseArguments(arguments)).stream()
                  .map(Path::toString)
                  .toList());
      default ->
          throw new MagicException(
              "unknown line magic %" + name + "; this kernel knows %jars, %classpath and %maven");
    };
  }

  private List<String> addAll(List<String> paths) {
    paths.forEach(addToClasspath);
    return paths;
  }

  private static List<String> matching(String magic, List<String> patterns, boolean filesOnly)
      throws MagicException {
    if (patterns.isEmpty()) {
      throw new MagicException("%" + magic + " needs at least one path or glob");
    }
    List<String> paths = new ArrayList<>();
    for (String pattern : patterns) {
      List<String> matches = new ArrayList<>();
      try {
        GlobFinder finder = new GlobFinder(pattern);
        Iterable<Path> found =
            filesOnly ? finder.computeMatchingFiles() : finder.computeMatchingPaths();
        found.forEach(p -> matches.add(p.toAbsolutePath().normalize().toString()));
      } catch (NoSuchFileException e) {
        // The glob's directory does not exist: the same as no match, reported below.
      } catch (IOException | RuntimeException e) {
        throw new MagicException(
            "%" + magic + " could not search '" + pattern + "': " + e.getMessage(), e);
      }
      if (matches.isEmpty()) {
        throw new MagicException(
            "%"
                + magic
                + ": nothing matches '"
                + pattern
                + "' (relative paths start at "
                + Path.of("").toAbsolutePath()
                + "); was the jar built?");
      }
      matches.sort(String::compareTo);
      paths.addAll(matches);
    }
    return paths;
  }

  private static List<String> splitPathLists(List<String> arguments) {
    List<String> entries = new ArrayList<>();
    for (String argument : arguments) {
      for (String entry : argument.split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          entries.add(entry);
        }
      }
    }
    return entries;
  }

  /** Splits on whitespace, keeping double-quoted words (paths with spaces) together. */
  static List<String> splitArguments(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean inWord = false;
    for (char c : text.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        inWord = true;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
