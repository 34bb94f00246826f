package io.cryptomargin.function.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptomargin.function.config.StrictJson;
import io.cryptomargin.function.margin.ModelMargin;
import io.cryptomargin.function.store.SnapshotNotCurrentException;
import io.cryptomargin.io.PortfolioJson;
import io.cryptomargin.margin.Portfolio;
import io.cryptomargin.margin.Position;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The body of {@code POST /margin}, checked: either a stored account's id or a posted book, the
 * what-if trades, the model and whether to compare with rules-based. {@link #read} is the one place
 * a body is validated: it lists every problem at once (fields, limits, and the instruments the
 * current snapshot cannot price).
 *
 * @param storedAccount the stored account to margin, or empty when a book was posted
 * @param portfolio the posted book, or null for a stored account
 * @param modelGiven whether the body named a model (a stored account's own model applies otherwise)
 */
public record MarginRequest(Optional<String> storedAccount, Portfolio portfolio, List<Position> whatIf, String model,
    boolean modelGiven, boolean compare) {
  private static final String QUANTITY_LIMIT = String.format("%,.0f", ApiLimits.MAX_ABS_QUANTITY);
  static final Set<String> FIELDS = Set.of("account", "collateral", "positions", "whatIf", "model", "compare");

  public MarginRequest {
    whatIf = List.copyOf(whatIf);
  }

  /**
   * Reads and checks a body.
   *
   * @throws ValidationException listing every problem
   */
  public static MarginRequest read(JsonNode body, ModelMargin models) {
    if (!body.isObject()) {
      throw ValidationException.of("body", "must be a JSON object: a portfolio, or {\"account\":\"id\"}");
    }
    Problems problems = new Problems();
    body.fieldNames().forEachRemaining(name -> {
      if (!FIELDS.contains(name)) {
        problems.add(name, "unknown field: expected " + new TreeSet<>(FIELDS) + hint(name));
      }
    });
    String model = models.defaultModel();
    JsonNode modelNode = body.get("model");
    if (modelNode != null) {
      if (!modelNode.isTextual() || !models.modelIds().contains(modelNode.asText())) {
        problems.add("model", "must be one of " + models.modelIds() + ", was " + shortened(modelNode));
      } else {
        model = modelNode.asText();
      }
    }
    boolean compare = false;
    JsonNode compareNode = body.get("compare");
    if (compareNode != null) {
      if (!compareNode.isBoolean()) {
        problems.add("compare", "must be true or false, was " + shortened(compareNode));
      } else {
        compare = compareNode.asBoolean();
        if (compare && !ModelMargin.comparable(model)) {
          problems.add("compare", "compares the rules-based margin with a portfolio model: not available with model "
              + model + " (use one of " + models.modelIds().stream().filter(ModelMargin::comparable).toList() + ")");
        }
      }
    }
    List<Position> whatIf = whatIf(body.get("whatIf"), problems);
    Portfolio portfolio = null;
    boolean stored = !body.has("positions") && !body.has("collateral");
    JsonNode account = body.get("account");
    if (account != null && account.isTextual() && utf8(account.asText()) > ApiLimits.MAX_ACCOUNT_ID_BYTES) {
      problems.add("account", "is " + utf8(account.asText()) + " bytes long: at most " + ApiLimits.MAX_ACCOUNT_ID_BYTES);
    } else if (stored) {
      if (account == null || !account.isTextual() || account.asText().isBlank()) {
        problems.add("account", "is required: a stored account's id, or post a whole portfolio with positions");
      }
    } else {
      portfolio = book((ObjectNode) body, problems);
    }
    if (!problems.isEmpty()) {
      checkInstruments(portfolio, whatIf, model, models, problems);
    }
    problems.throwIfAny();
    return new MarginRequest(stored ? Optional.of(account.asText()) : Optional.empty(), portfolio, whatIf, model,
        modelNode != null, compare);
  }

  private static List<Position> whatIf(JsonNode whatIfNode, Problems problems) {
    List<Position> whatIf = new ArrayList<>();
    if (whatIfNode == null) {
      return whatIf;
    }
    if (!whatIfNode.isArray()) {
      problems.add("whatIf", "must be an array of {instrument, quantity}");
      return whatIf;
    }
    if (whatIfNode.size() > ApiLimits.MAX_WHAT_IF_TRADES) {
      problems.add("whatIf", "has " + whatIfNode.size() + " trades: at most " + ApiLimits.MAX_WHAT_IF_TRADES);
      return whatIf;
    }
    for (int i = 0; i < whatIfNode.size(); i++) {
      JsonNode trade = whatIfNode.get(i);
      String at = "whatIf[" + i + "]";
      if (!trade.isObject()) {
        problems.add(at, "must be an object {instrument, quantity}");
        continue;
      }
      trade.fieldNames().forEachRemaining(name -> {
        if (!name.equals("instrument") && !name.equals("quantity")) {
          problems.add(at + "." + name, "unknown field: expected [instrument, quantity]");
        }
      });
      JsonNode instrument = trade.path("instrument");
      JsonNode quantity = trade.path("quantity");
      boolean named = instrument.isTextual() && !instrument.asText().isBlank();
      if (!named) {
        problems.add(at + ".instrument", "is required (an instrument name)");
      } else if (utf8(instrument.asText()) > ApiLimits.MAX_INSTRUMENT_BYTES) {
        problems.add(at + ".instrument", "is " + utf8(instrument.asText()) + " bytes long: at most "
            + ApiLimits.MAX_INSTRUMENT_BYTES);
        named = false;
      }
      boolean counted = quantity.isNumber() && Double.isFinite(quantity.asDouble());
      if (!counted) {
        problems.add(at + ".quantity", "is required (a number of contracts, negative to sell)");
      } else if (Math.abs(quantity.asDouble()) > ApiLimits.MAX_ABS_QUANTITY) {
        problems.add(at + ".quantity", "is " + quantity.asDouble() + " contracts: at most " + QUANTITY_LIMIT
            + " either way");
        counted = false;
      }
      if (named && counted) {
        whatIf.add(new Position(instrument.asText(), quantity.asDouble()));
      }
    }
    return whatIf;
  }

  /** The posted book, through the engine's portfolio reader (its problems prefixed by nothing: they are body fields). */
  private static Portfolio book(ObjectNode body, Problems problems) {
    ObjectNode book = body.deepCopy();
    book.remove(List.of("whatIf", "model", "compare"));
    JsonNode positions = book.get("positions");
    if (positions != null && positions.isArray() && positions.size() > ApiLimits.MAX_POSITIONS) {
      problems.add("positions", "has " + positions.size() + " positions: at most " + ApiLimits.MAX_POSITIONS);
      return null;
    }
    JsonNode collateral = book.get("collateral");
    if (collateral != null && collateral.size() > ApiLimits.MAX_COLLATERAL_CURRENCIES) {
      problems.add("collateral", "has " + collateral.size() + " currencies: at most "
          + ApiLimits.MAX_COLLATERAL_CURRENCIES);
      return null;
    }
    if (positions != null && positions.isArray()) {
      for (int i = 0; i < positions.size(); i++) {
        JsonNode name = positions.get(i).path("instrument");
        if (name.isTextual() && utf8(name.asText()) > ApiLimits.MAX_INSTRUMENT_BYTES) {
          problems.add("positions[" + i + "].instrument", "is " + utf8(name.asText()) + " bytes long: at most "
              + ApiLimits.MAX_INSTRUMENT_BYTES);
          return null;
        }
      }
    }
    try {
      Portfolio portfolio = PortfolioJson.parse(StrictJson.write(book), "body");
      for (Position p : portfolio.positions()) {
        if (!(Math.abs(p.quantity()) <= ApiLimits.MAX_ABS_QUANTITY)) {
          problems.add("positions." + p.instrument(), "quantity " + p.quantity() + " contracts: at most "
              + QUANTITY_LIMIT + " either way");
        }
      }
      return portfolio;
    } catch (ValidationException e) {
      problems.addAll("", e);
      return null;
    }
  }

  /**
   * With other problems to report: also the instruments the snapshot cannot price, which margining
   * would only report after the caller fixed the rest (no array is read here).
   */
  private static void checkInstruments(Portfolio portfolio, List<Position> whatIf, String model, ModelMargin models,
      Problems problems) {
    Set<String> instruments = new LinkedHashSet<>();
    if (portfolio != null) {
      instruments.addAll(portfolio.instruments());
    }
    whatIf.forEach(p -> instruments.add(p.instrument()));
    if (!instruments.isEmpty()) {
      try {
        models.checkInstruments(instruments, model, models.current(model), problems);
      } catch (SnapshotNotCurrentException noMarket) {
        // nothing to check names against: the field problems alone (the 503 follows once they are fixed)
      }
    }
  }

  /** A hint for a misspelt field: the known field within two edits, if any. */
  static String hint(String name) {
    return FIELDS.stream().filter(f -> distance(f.toLowerCase(), name.toLowerCase()) <= 2)
        .min(Comparator.comparingInt(f -> distance(f.toLowerCase(), name.toLowerCase())))
        .map(f -> " (did you mean '" + f + "'?)").orElse("");
  }

  private static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 2 || b.length() > 64) {
      return Integer.MAX_VALUE;
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** A caller's value as an error message repeats it: at most 100 characters. */
  static String shortened(JsonNode value) {
    String text = value.toString();
    return text.length() <= 100 ? text : text.substring(0, 100) + "…";
  }

  static int utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
