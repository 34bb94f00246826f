package io.cryptomargin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import picocli.CommandLine;

/**
 * A seeded fuzzer of the command line: mutates real sample inputs (a portfolio, a snapshot, risk
 * arrays computed from it, Deribit's 2020-05-14 chain CSV and book summary, and the options of
 * {@code price}) and runs each through the CLI in this JVM, classifying what happened.
 *
 * <p>Every mutation is known to make the input invalid (a number beyond the stated ranges, a type
 * swap, a duplicate or unknown key, trailing content, a truncation, bad UTF-8, a huge string, a
 * date out of range), known to keep it valid (whitespace, key order, a number moved inside its
 * range), or undetermined (an arbitrary finite number in a read field). The verdicts that must
 * never happen are an escaped failure (exit 1 or a throwable out of the CLI), a bad input accepted,
 * a valid input refused, and an accepted input printing a non-finite figure.
 *
 * <p>{@link CliFuzzTest} runs it; {@code docs/fuzzing.md} gives the commands of the bounded and the
 * longer run.
 */
final class CliFuzz {
  /** What a mutation does to the validity of its input. */
  enum Expect {
    INVALID,
    VALID,
    EITHER
  }

  /** What happened to one input. */
  enum Outcome {
    /** An invalid input refused with exit 2 and a message. */
    REJECTED_INVALID,
    /** An input of undetermined validity refused with exit 2 and a message. */
    REJECTED_EITHER,
    /** An accepted input whose printed figures are all finite. */
    ACCEPTED_FINITE,
    /** Failure: an invalid input accepted (exit 0). */
    ACCEPTED_INVALID,
    /** Failure: a valid input refused (exit 2). */
    REJECTED_VALID,
    /** Failure: exit 0 with a NaN, infinite or missing figure in the output. */
    NON_FINITE_OUTPUT,
    /** Failure: exit 1, any other code, a stack trace, or a throwable out of the CLI. */
    ESCAPED;

    boolean isFailure() {
      return this == ACCEPTED_INVALID
          || this == REJECTED_VALID
          || this == NON_FINITE_OUTPUT
          || this == ESCAPED;
    }
  }

  /** One generated input: what it was, what must happen, and the command line that runs it. */
  record Case(String target, String mutation, Expect expect, List<String> args) {}

  /** Counts by outcome, and the first few failures in words. */
  record Report(int inputs, Map<Outcome, Integer> counts, List<String> failures) {
    int failureCount() {
      return counts.entrySet().stream()
          .filter(e -> e.getKey().isFailure())
          .mapToInt(Map.Entry::getValue)
          .sum();
    }

    @Override
    public String toString() {
      return inputs
          + " CLI inputs: "
          + counts
          + (failures.isEmpty() ? "" : "\nfirst failures:\n  " + String.join("\n  ", failures));
    }
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * Numbers beyond every stated range (the largest is 1e15 for any figure): each makes its input
   * invalid.
   */
  private static final String[] OUT_OF_RANGE = {
    "1e309",
    "-1.8e308",
    "1e308",
    "-1e306",
    "1e300",
    "1e16",
    "-1e20",
    "1E+400",
    "123456789012345678901234567890"
  };

  /** Times outside 1970–2200. */
  private static final String[] BAD_TIMES = {
    "+99999-01-01T08:00:00Z",
    "1969-12-31T00:00:00Z",
    "9999-12-31T08:00:00Z",
    "-0001-01-01T00:00:00Z",
    "2200-01-02T00:00:00Z"
  };

  private static final String[] BAD_DATES = {
    "9999-12-31", "1960-01-01", "+99999-01-01", "2201-01-01"
  };

  /** Cells that are not plain decimal numbers in range. */
  private static final String[] BAD_CELLS = {
    "NaN", "Infinity", "-Infinity", "1e400", "-5", "0x1p3", "1d", "abc", "", "1e20"
  };

  /** The Deribit book summary fields the reader uses (other venue fields are ignored by design). */
  private static final Set<String> BOOK_SUMMARY_READ =
      Set.of("mark_price", "estimated_delivery_price", "mark_iv", "underlying_price");

  private static final String[] CHAIN_READ = {
    "underlying_price", "index_price", "mark_price", "mark_iv"
  };

  /** Output keys whose null means "unknown" by their documentation. */
  private static final Set<String> NULL_ALLOWED =
      Set.of("value", "underlyingPrice", "capitalEfficiencyGain", "snapshot");

  private final Random random;
  private final Path dir;
  private final String market;
  private final String book;
  private final String riskArrays;
  private final String chain;
  private final String bookSummary;
  private int fileNumber;

  /** The bytes a {@link #BAD_BYTES} marker stands for in the next input written. */
  private byte[] badBytes = new byte[0];

  private static final String BAD_BYTES = "\u0000bad-bytes\u0000";

  CliFuzz(long seed, Path dir) {
    this.random = new Random(seed);
    this.dir = dir;
    this.market = resource("/fuzz/market.json");
    this.book = resource("/fuzz/book.json");
    this.chain = resource("/deribit/btc_options_2020-05-14.csv");
    this.bookSummary = resource("/deribit/book_summary_btc_2020-05-14.json");
    Path arrays = dir.resolve("risk-arrays.json");
    CliRun made =
        CliRun.of(
            "risk-arrays",
            "--market",
            write("market.json", market).toString(),
            "--output",
            arrays.toString());
    if (made.code() != 0) {
      throw new IllegalStateException("cannot make the risk arrays to fuzz: " + made.err());
    }
    try {
      this.riskArrays = Files.readString(arrays);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code count} generated inputs and counts their outcomes. */
  Report run(int count) {
    Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Case c = next();
      Result r = execute(c);
      counts.merge(r.outcome, 1, Integer::sum);
      if (r.outcome.isFailure() && failures.size() < 20) {
        failures.add(
            r.outcome
                + " "
                + c.target()
                + "/"
                + c.mutation()
                + " "
                + abbreviate(String.join(" ", c.args()))
                + " -> "
                + abbreviate(r.detail));
      }
      deleteWritten();
    }
    return new Report(count, counts, failures);
  }

  private record Result(Outcome outcome, String detail) {}

  private Result execute(Case c) {
    CommandLine cli = CryptomarginCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code;
    try {
      code = cli.execute(c.args().toArray(String[]::new));
    } catch (Throwable t) {
      return new Result(Outcome.ESCAPED, t.toString());
    }
    String error = err.toString();
    if (code == 2) {
      if ((!error.startsWith("error: ") && !error.contains("Usage:")) || error.contains("\tat ")) {
        return new Result(Outcome.ESCAPED, "exit 2 without a clean message: " + error);
      }
      return new Result(
          switch (c.expect()) {
            case INVALID -> Outcome.REJECTED_INVALID;
            case EITHER -> Outcome.REJECTED_EITHER;
            case VALID -> Outcome.REJECTED_VALID;
          },
          error);
    }
    if (code != 0) {
      return new Result(Outcome.ESCAPED, "exit " + code + ": " + error);
    }
    if (c.expect() == Expect.INVALID) {
      return new Result(Outcome.ACCEPTED_INVALID, out.toString());
    }
    String bad = nonFinite(out.toString());
    return bad == null
        ? new Result(Outcome.ACCEPTED_FINITE, "")
        : new Result(Outcome.NON_FINITE_OUTPUT, bad);
  }

  /** The first figure of a JSON output that is not a finite number, or null when there is none. */
  static String nonFinite(String output) {
    JsonNode root;
    try {
      root = MAPPER.readTree(output);
    } catch (IOException e) {
      return "output is not JSON (a NaN or Infinity token?): "
          + e.getMessage().lines().findFirst().orElse("");
    }
    return nonFinite(root, "");
  }

  private static String nonFinite(JsonNode node, String path) {
    if (node.isNumber() && !Double.isFinite(node.doubleValue())) {
      return path + " = " + node;
    }
    if (node.isTextual()
        && (node.textValue().equals("NaN") || node.textValue().contains("Infinity"))) {
      return path + " = " + node;
    }
    if (node.isNull() && !NULL_ALLOWED.contains(path.substring(path.lastIndexOf('.') + 1))) {
      return path + " = null";
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String found = nonFinite(e.getValue(), path + "." + e.getKey());
        if (found != null) {
          return found;
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String found = nonFinite(node.get(i), path + "[" + i + "]");
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** The next input: a target chosen at random, then a mutation of it. */
  Case next() {
    return switch (random.nextInt(7)) {
      case 0, 1 ->
          jsonCase(
              "portfolio",
              book,
              n -> true,
              (text, expect, what) ->
                  new Case(
                      "portfolio",
                      what,
                      expect,
                      List.of(
                          "margin",
                          "--portfolio",
                          write("book.json", text),
                          "--market",
                          write("market.json", market),
                          "--format",
                          "json")));
      case 2 ->
          jsonCase(
              "snapshot",
              market,
              n -> true,
              (text, expect, what) ->
                  new Case(
                      "snapshot",
                      what,
                      expect,
                      random.nextBoolean()
                          ? List.of(
                              "margin",
                              "--portfolio",
                              write("book.json", book),
                              "--market",
                              write("market.json", text),
                              "--format",
                              "json")
                          : List.of(
                              "risk-arrays",
                              "--market",
                              write("market.json", text),
                              "--scenarios",
                              random.nextBoolean() ? "span-16" : "crypto-pm")));
      case 3 ->
          jsonCase(
              "risk-arrays",
              riskArrays,
              n -> true,
              (text, expect, what) ->
                  new Case(
                      "risk-arrays",
                      what,
                      expect,
                      List.of(
                          "margin",
                          "--portfolio",
                          write("book.json", book),
                          "--risk-arrays",
                          write("arrays.json", text),
                          "--format",
                          "json")));
      case 4 ->
          jsonCase(
              "book-summary",
              bookSummary,
              BOOK_SUMMARY_READ::contains,
              (text, expect, what) ->
                  new Case(
                      "book-summary",
                      what,
                      expect,
                      List.of(
                          "validate-market",
                          "--market",
                          write("summary.json", text),
                          "--worst",
                          "3",
                          "--format",
                          "json")));
      case 5 -> chainCase();
      default -> priceCase();
    };
  }

  @FunctionalInterface
  private interface Runner {
    Case of(String text, Expect expect, String mutation);
  }

  /**
   * A mutation of a JSON input. {@code readNumber} says which numeric fields (by key) the reader
   * checks: every one for the strict formats, the documented ones for the venue's book summary.
   */
  private Case jsonCase(String target, String text, Predicate<String> readNumber, Runner runner) {
    boolean strict = !target.equals("book-summary");
    JsonNode root = parse(text);
    List<String[]> numbers = new ArrayList<>();
    collect(root, "", readNumber, numbers);
    int kind = random.nextInt(strict ? 13 : 11);
    switch (kind) {
      case 0:
        {
          JsonNode copy = root.deepCopy();
          String[] leaf = pick(numbers);
          replace(
              copy,
              leaf[0],
              NODES.rawValueNode(
                  new com.fasterxml.jackson.databind.util.RawValue(pick(OUT_OF_RANGE))));
          return runner.of(compact(copy), Expect.INVALID, "number-out-of-range " + leaf[0]);
        }
      case 1:
        {
          JsonNode copy = root.deepCopy();
          String[] leaf = pick(numbers);
          JsonNode[] swaps = {
            NODES.textNode("12"), NODES.booleanNode(true), NODES.objectNode(), NODES.arrayNode()
          };
          replace(copy, leaf[0], pick(swaps));
          return runner.of(compact(copy), Expect.INVALID, "type-swap " + leaf[0]);
        }
      case 2:
        {
          // A duplicate key: a sentinel key is added to an object, then renamed in the text to one
          // it already has.
          JsonNode copy = root.deepCopy();
          ObjectNode object = pickObject(copy, false);
          String key = pick(names(object));
          object.set("__duplicate__", object.get(key).deepCopy());
          return runner.of(
              compact(copy).replace("\"__duplicate__\"", MAPPER.valueToTree(key).toString()),
              Expect.INVALID,
              "duplicate-key " + key);
        }
      case 3:
        return runner.of(
            text + pick(new String[] {"{}", "x", ",", "]", "1", "\"more\"", "{\"a\":1}"}),
            Expect.INVALID,
            "trailing-content");
      case 4:
        {
          int end = text.lastIndexOf('}');
          int cut = random.nextInt(Math.max(1, end));
          return runner.of(text.substring(0, cut), Expect.INVALID, "truncated at " + cut);
        }
      case 5:
        {
          int quote = nthIndex(text, '"', random.nextInt(count(text, '"')));
          byte[][] bad = {
            {(byte) 0xFF}, {(byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xC0, (byte) 0xAF}
          };
          badBytes = pick(bad);
          return runner.of(
              text.substring(0, quote + 1) + BAD_BYTES + text.substring(quote + 1),
              Expect.INVALID,
              "bad-utf8");
        }
      case 6:
        {
          JsonNode copy = root.deepCopy();
          List<String[]> strings = new ArrayList<>();
          collectStrings(copy, "", strings);
          String[] leaf = pick(strings);
          replace(copy, leaf[0], NODES.textNode("x".repeat(1_000_001)));
          return runner.of(compact(copy), Expect.INVALID, "huge-string " + leaf[0]);
        }
      case 7:
        return runner.of(
            pick(new String[] {"", "   ", "null", "[]", "42", "\"text\""}),
            Expect.INVALID,
            "not-an-object");
      case 8:
        return runner.of(pretty(root), Expect.VALID, "whitespace");
      case 9:
        {
          JsonNode copy = root.deepCopy();
          shuffleKeys(copy);
          return runner.of(compact(copy), Expect.VALID, "key-order");
        }
      case 10:
        {
          // An arbitrary finite number in a read field: may or may not be valid, never a failure.
          JsonNode copy = root.deepCopy();
          String[] leaf = pick(numbers);
          double[] values = {0, -0.0, -1, 1e-9, 1e-320, 1e9, 1e12, 1e15, -1e9, 0.5, 3e6};
          replace(copy, leaf[0], NODES.numberNode(pick(values)));
          return runner.of(compact(copy), Expect.EITHER, "finite-number " + leaf[0]);
        }
      case 11:
        {
          JsonNode copy = root.deepCopy();
          ObjectNode object = pickObject(copy, true);
          String key =
              random.nextBoolean() && object.size() > 0
                  ? typo(pick(names(object)))
                  : "extra" + random.nextInt(99);
          if (object.has(key)) {
            key = key + "_";
          }
          object.put(key, 1);
          return runner.of(compact(copy), Expect.INVALID, "unknown-key " + key);
        }
      default:
        return timeCase(target, root, runner);
    }
  }

  /** A time or date out of 1970–2200 in a strict JSON target (a value, or a date key of a map). */
  private Case timeCase(String target, JsonNode root, Runner runner) {
    JsonNode copy = root.deepCopy();
    switch (target) {
      case "snapshot":
        {
          if (random.nextBoolean()) {
            ((ObjectNode) copy).put("asOf", pick(BAD_TIMES));
          } else {
            ObjectNode smiles = (ObjectNode) copy.get("underlyings").get("BTC").get("smiles");
            smiles.set(pick(BAD_DATES), smiles.remove("2024-03-29"));
          }
          return runner.of(compact(copy), Expect.INVALID, "time-out-of-range");
        }
      case "risk-arrays":
        {
          ArrayNode arrays = (ArrayNode) copy.get("riskArrays");
          ObjectNode array = (ObjectNode) arrays.get(random.nextInt(arrays.size()));
          if (random.nextBoolean()) {
            ((ObjectNode) copy).put("asOf", pick(BAD_TIMES));
          } else {
            array.put("expiry", pick(BAD_TIMES));
          }
          return runner.of(compact(copy), Expect.INVALID, "time-out-of-range");
        }
      default:
        {
          if (random.nextBoolean()) {
            ((ObjectNode) copy).put("account", "a".repeat(257));
            return runner.of(compact(copy), Expect.INVALID, "id-too-long");
          }
          // A strike no double holds (it would read as infinity) or beyond the price range.
          ObjectNode position = (ObjectNode) copy.get("positions").get(0);
          position.put(
              "instrument",
              "BTC-29MAR24-" + pick(new String[] {"9".repeat(400), "20000000000", "0d0"}) + "-C");
          return runner.of(compact(copy), Expect.INVALID, "strike-out-of-range");
        }
    }
  }

  /** A mutation of Deribit's chain CSV in a column the reader uses. */
  private Case chainCase() {
    List<String> lines = new ArrayList<>(chain.lines().toList());
    List<String> header = splitCsv(lines.get(0));
    int row = 1 + random.nextInt(lines.size() - 1);
    List<String> fields = splitCsv(lines.get(row));
    String column = pick(CHAIN_READ);
    int c = header.indexOf(column);
    String mutation;
    Expect expect;
    int kind = random.nextInt(5);
    if (kind == 0) {
      // A valid change: the mark price moved by under 1 %.
      c = header.indexOf("mark_price");
      double price = Double.parseDouble(fields.get(c));
      fields.set(c, Double.toString(price * (1 + (random.nextDouble() - 0.5) / 50)));
      mutation = "mark-price-within-1%";
      expect = Expect.VALID;
    } else if (kind == 1) {
      c = header.indexOf("timestamp");
      fields.set(
          c, pick(new String[] {"99999999999999999", "-1", "9223372036854775807", "1e12", "x"}));
      mutation = "timestamp-out-of-range";
      expect = Expect.INVALID;
    } else if (kind == 2) {
      lines.set(row, lines.get(row) + ",extra");
      mutation = "extra-field";
      expect = Expect.INVALID;
      return new Case(
          "chain",
          mutation,
          expect,
          List.of(
              "validate-market",
              "--market",
              write("chain.csv", String.join("\n", lines)),
              "--worst",
              "3",
              "--format",
              "json"));
    } else {
      fields.set(c, pick(BAD_CELLS));
      mutation = "bad-cell " + column + "=" + fields.get(c);
      expect = Expect.INVALID;
    }
    lines.set(row, joinCsv(fields));
    return new Case(
        "chain",
        mutation,
        expect,
        List.of(
            "validate-market",
            "--market",
            write("chain.csv", String.join("\n", lines)),
            "--worst",
            "3",
            "--format",
            "json"));
  }

  /** The options of {@code price}, each valid or not by the documented ranges. */
  private Case priceCase() {
    String[][] options = {
      {"--forward", "1e-8", "1e9"},
      {"--strike", "1e-8", "1e9"},
      {"--years", "0", "50"},
      {"--vol", "1e-4", "10"},
      {"--rate", "-1", "1"}
    };
    String[] edges = {
      "1e309",
      "-1.8e308",
      "NaN",
      "Infinity",
      "-Infinity",
      "0",
      "-0",
      "1e-320",
      "1e300",
      "-1",
      "1e-9",
      "abc",
      ""
    };
    // One in three runs implied-vol on the same terms, with a price in place of the vol: whether a
    // price in
    // range lies between the option's no-arbitrage bounds is not known here, so such an input may
    // be refused.
    boolean impliedVol = random.nextInt(3) == 0;
    if (impliedVol) {
      options[3] = new String[] {"--price", "0", "1e9"};
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                impliedVol ? "implied-vol" : "price",
                "--type",
                random.nextBoolean() ? "call" : "put",
                "--format",
                "json"));
    if (random.nextBoolean()) {
      args.add("--inverse");
    }
    boolean valid = true;
    StringBuilder what = new StringBuilder();
    for (String[] option : options) {
      double low = Double.parseDouble(option[1]);
      double high = Double.parseDouble(option[2]);
      String value;
      if (random.nextInt(4) == 0) {
        value = pick(edges);
      } else if (random.nextInt(5) == 0) {
        value = option[random.nextBoolean() ? 1 : 2];
      } else {
        // Log-uniform inside the range (uniform for the rate and for ranges starting at zero).
        value =
            low > 0
                ? Double.toString(
                    Math.exp(Math.log(low) + random.nextDouble() * Math.log(high / low)))
                : Double.toString(low + random.nextDouble() * (high - low));
      }
      double parsed;
      try {
        parsed = Double.parseDouble(value);
      } catch (NumberFormatException e) {
        parsed = Double.NaN;
      }
      boolean inRange = !value.isEmpty() && parsed >= low && parsed <= high;
      valid &= inRange;
      if (!inRange) {
        what.append(option[0]).append('=').append(value).append(' ');
      }
      args.add(option[0]);
      args.add(value);
    }
    return new Case(
        args.get(0),
        valid ? "in-range" : what.toString().strip(),
        !valid ? Expect.INVALID : impliedVol ? Expect.EITHER : Expect.VALID,
        args);
  }

  /**
   * Writes a text as UTF-8; a {@link #BAD_BYTES} marker in it becomes the bytes of {@link
   * #badBytes}, which are not UTF-8 (a Java string cannot hold them).
   */
  private String write(String name, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int marker = text.indexOf(BAD_BYTES);
    if (marker >= 0) {
      byte[] before = text.substring(0, marker).getBytes(StandardCharsets.UTF_8);
      byte[] after = text.substring(marker + BAD_BYTES.length()).getBytes(StandardCharsets.UTF_8);
      bytes = new byte[before.length + badBytes.length + after.length];
      System.arraycopy(before, 0, bytes, 0, before.length);
      System.arraycopy(badBytes, 0, bytes, before.length, badBytes.length);
      System.arraycopy(after, 0, bytes, before.length + badBytes.length, after.length);
    }
    return write(name, bytes).toString();
  }

  /** Deletes the files of the last input (a run writes megabytes of huge strings otherwise). */
  private void deleteWritten() {
    try (var files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.getFileName().toString().matches("\\d+-.*")).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    fileNumber = 0;
  }

  private Path write(String name, byte[] bytes) {
    Path path = dir.resolve(fileNumber++ + "-" + name);
    try {
      Files.write(path, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return path;
  }

  private static String resource(String name) {
    try {
      return Files.readString(Path.of(CliFuzz.class.getResource(name).toURI()));
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("missing fuzz seed " + name, e);
    }
  }

  private static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String compact(JsonNode node) {
    return node.toString();
  }

  private static String pretty(JsonNode node) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Collects the JSON pointer and key of every numeric leaf whose key is read. */
  private static void collect(
      JsonNode node, String pointer, Predicate<String> readKey, List<String[]> out) {
    collect(node, pointer, "", readKey, out);
  }

  private static void collect(
      JsonNode node, String pointer, String key, Predicate<String> readKey, List<String[]> out) {
    if (node.isNumber() && readKey.test(key)) {
      out.add(new String[] {pointer, key});
    } else if (node.isObject()) {
      node.properties()
          .forEach(
              e ->
                  collect(
                      e.getValue(), pointer + "/" + escape(e.getKey()), e.getKey(), readKey, out));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), pointer + "/" + i, key, readKey, out);
      }
    }
  }

  private static void collectStrings(JsonNode node, String pointer, List<String[]> out) {
    if (node.isTextual()) {
      out.add(new String[] {pointer});
    } else if (node.isObject()) {
      node.properties()
          .forEach(e -> collectStrings(e.getValue(), pointer + "/" + escape(e.getKey()), out));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectStrings(node.get(i), pointer + "/" + i, out);
      }
    }
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static void replace(JsonNode root, String pointer, JsonNode value) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = root.at(pointer.substring(0, slash));
    String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
    if (parent.isArray()) {
      ((ArrayNode) parent).set(Integer.parseInt(last), value);
    } else {
      ((ObjectNode) parent).set(last, value);
    }
  }

  /** A random object of the tree; with {@code strictOnly}, one whose keys the reader checks. */
  private ObjectNode pickObject(JsonNode root, boolean strictOnly) {
    List<ObjectNode> objects = new ArrayList<>();
    collectObjects(root, objects, strictOnly, false);
    return pick(objects);
  }

  /**
   * Objects whose keys the readers check: maps keyed by free names (collateral currencies,
   * underlyings, marks, smiles, forwards) take any key, so a new key there is not an unknown key.
   */
  private static void collectObjects(
      JsonNode node, List<ObjectNode> out, boolean strictOnly, boolean isMap) {
    if (node.isObject()) {
      if (!node.isEmpty() && (!strictOnly || !isMap)) {
        out.add((ObjectNode) node);
      }
      node.properties()
          .forEach(
              e ->
                  collectObjects(
                      e.getValue(),
                      out,
                      strictOnly,
                      Set.of("collateral", "underlyings", "marks", "smiles", "forwards")
                          .contains(e.getKey())));
    } else if (node.isArray()) {
      node.forEach(n -> collectObjects(n, out, strictOnly, false));
    }
  }

  private void shuffleKeys(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      List<String> keys = new ArrayList<>(names(object));
      Collections.shuffle(keys, random);
      List<JsonNode> values = keys.stream().map(object::get).toList();
      object.removeAll();
      for (int i = 0; i < keys.size(); i++) {
        object.set(keys.get(i), values.get(i));
      }
      values.forEach(this::shuffleKeys);
    } else if (node.isArray()) {
      node.forEach(this::shuffleKeys);
    }
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private String typo(String key) {
    int i = random.nextInt(key.length());
    return random.nextBoolean()
        ? key.substring(0, i) + key.charAt(i) + key.substring(i)
        : key.toLowerCase(Locale.ROOT).equals(key)
            ? key.toUpperCase(Locale.ROOT)
            : key.toLowerCase(Locale.ROOT);
  }

  private static int count(String text, char c) {
    return (int) text.chars().filter(x -> x == c).count();
  }

  private static int nthIndex(String text, char c, int n) {
    int at = -1;
    for (int i = 0; i <= n; i++) {
      at = text.indexOf(c, at + 1);
    }
    return at;
  }

  /** Splits one CSV line (no line breaks inside quotes in the chain files). */
  static List<String> splitCsv(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(ch);
      }
    }
    fields.add(field.toString());
    return fields;
  }

  private static String joinCsv(List<String> fields) {
    return String.join(
        ",",
        fields.stream()
            .map(
                f ->
                    f.contains(",") || f.contains("\"") ? "\"" + f.replace("\"", "\"\"") + "\"" : f)
            .toList());
  }

  private <T> T pick(T[] options) {
    return options[random.nextInt(options.length)];
  }

  private <T> T pick(List<T> options) {
    return options.get(random.nextInt(options.size()));
  }

  private double pick(double[] options) {
    return options[random.nextInt(options.length)];
  }

  static String abbreviate(String text) {
    String oneLine = text.replace('\n', ' ');
    return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
  }
}
