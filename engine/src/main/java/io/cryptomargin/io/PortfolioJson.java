package io.cryptomargin.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptomargin.book.AccountType;
import io.cryptomargin.book.MarginMode;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.Position;
import io.cryptomargin.validation.InputRange;
import io.cryptomargin.validation.Problem;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Portfolio files: {@code {"account":"a-1","collateral":{"USD":50000,"BTC":0.5},
 * "positions":[{"instrument":"BTC-26JUN20-9000-C","quantity":-2}]}}. Quantities count contracts
 * (negative = short); collateral amounts are in their currency. Optional: {@code "accountType"}
 * ({@code speculator} (default), {@code hedger} or {@code member}: span-16's initial factor) and
 * {@code "marginMode"} ({@code cross} (default) or {@code segregated}: how crypto-pm margins
 * currencies).
 */
public final class PortfolioJson {
  /**
   * The keys a portfolio object may have; any other is refused as an unknown key (a request that
   * wraps a portfolio in more fields removes its own before parsing).
   */
  public static final List<String> KEYS =
      List.of("account", "collateral", "positions", "accountType", "marginMode");

  private static final List<String> POSITION_KEYS = List.of("instrument", "quantity");

  private PortfolioJson() {}

  /**
   * A portfolio file read as far as it goes: the book of every well-formed entry, and every problem
   * found.
   *
   * @param portfolio the well-formed part of the book (account {@value #MISSING_ACCOUNT} when the
   *     file has none); never margin it when there are problems
   * @param fileIndex the index in the file's {@code positions} of each of the book's positions
   * @param problems every problem, with its JSON path
   */
  public record Parsed(Portfolio portfolio, int[] fileIndex, List<Problem> problems) {
    public Parsed {
      problems = List.copyOf(problems);
    }

    /** The book, when the file had no problem. */
    public Portfolio orThrow() {
      if (!problems.isEmpty()) {
        throw new ValidationException(problems);
      }
      return portfolio;
    }
  }

  /** The account id of a {@link Parsed} book whose file gives none (the file's problems say so). */
  public static final String MISSING_ACCOUNT = "(missing)";

  /** Reads a portfolio file. */
  public static Portfolio read(Path file) {
    return parse(Json.readFile(file), file.toString());
  }

  /**
   * Reads a portfolio file as far as it goes, so its problems can be reported with those of the
   * market.
   */
  public static Parsed readAll(Path file) {
    return parseAll(Json.readFile(file), file.toString());
  }

  /**
   * Parses portfolio JSON.
   *
   * @throws ValidationException listing every problem with its JSON path
   */
  public static Portfolio parse(String text, String source) {
    return parseAll(text, source).orThrow();
  }

  /**
   * Parses portfolio JSON as far as it goes.
   *
   * @throws ValidationException only when the text is not a JSON object
   */
  public static Parsed parseAll(String text, String source) {
    JsonNode root = Json.parse(text, source);
    if (!root.isObject()) {
      throw ValidationException.of(
          source, "must be a JSON object with account, collateral and positions");
    }
    Problems problems = new Problems();
    Json.onlyKnownKeys(root, "", KEYS, problems);
    String account = Json.text(root, "account", "", problems, true);
    if (account != null && !InputRange.checkIdLength("account", account, problems)) {
      account = null;
    }
    Map<String, Double> collateral = new LinkedHashMap<>();
    JsonNode collateralNode = Json.object(root, "collateral", "", problems, false);
    if (collateralNode != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = collateralNode.properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> held = it.next();
        String at = "collateral." + held.getKey();
        double amount = Json.asNumber(held.getValue(), at, InputRange.COLLATERAL, problems);
        if (Double.isNaN(amount)) {
          continue;
        }
        try {
          new Portfolio("check", Map.of(held.getKey(), amount), List.of());
          collateral.put(held.getKey(), amount);
        } catch (ValidationException e) {
          problems.addAll("", e);
        }
      }
    }
    List<Position> positions = new ArrayList<>();
    List<Integer> fileIndex = new ArrayList<>();
    JsonNode positionsNode = root.get("positions");
    if (positionsNode == null || !positionsNode.isArray()) {
      problems.add(
          "positions",
          positionsNode == null ? "is required (an array, may be empty)" : "must be an array");
    } else {
      for (int i = 0; i < positionsNode.size(); i++) {
        String at = "positions[" + i + "]";
        JsonNode node = positionsNode.get(i);
        if (!node.isObject()) {
          problems.add(at, "must be an object with instrument and quantity");
          continue;
        }
        Json.onlyKnownKeys(node, at, POSITION_KEYS, problems);
        String instrument = Json.text(node, "instrument", at, problems, true);
        double quantity = Json.number(node, "quantity", at, InputRange.QUANTITY, problems, true);
        if (instrument != null && Double.isFinite(quantity)) {
          positions.add(new Position(instrument, quantity));
          fileIndex.add(i);
        }
      }
    }
    AccountType accountType =
        choice(root, "accountType", AccountType::parse, AccountType.SPECULATOR, problems);
    MarginMode marginMode =
        choice(root, "marginMode", MarginMode::parse, MarginMode.CROSS, problems);
    Portfolio book =
        new Portfolio(
            account == null || account.isBlank() ? MISSING_ACCOUNT : account,
            collateral,
            positions,
            accountType,
            marginMode);
    return new Parsed(
        book, fileIndex.stream().mapToInt(Integer::intValue).toArray(), listOf(problems));
  }

  /**
   * An optional named choice of the file (its parser names the field in its problem), else the
   * default.
   */
  private static <T> T choice(
      JsonNode root,
      String field,
      java.util.function.Function<String, T> parse,
      T fallback,
      Problems problems) {
    String text = Json.text(root, field, "", problems, false);
    if (text == null) {
      return fallback;
    }
    try {
      return parse.apply(text);
    } catch (ValidationException e) {
      problems.addAll("", e);
      return fallback;
    }
  }

  private static List<Problem> listOf(Problems problems) {
    try {
      problems.throwIfAny();
      return List.of();
    } catch (ValidationException e) {
      return e.problems();
    }
  }

  /** Writes a portfolio as JSON. */
  public static String write(Portfolio portfolio) {
    return ReportJson.write(portfolio);
  }
}
