package io.cryptomargin.function.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.Position;
import io.cryptomargin.function.config.StrictJson;
import io.cryptomargin.function.margin.ModelMargin;
import io.cryptomargin.function.store.SnapshotNotCurrentException;
import io.cryptomargin.io.PortfolioJson;
import io.cryptomargin.validation.InputRange;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

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
public record MarginRequest(
    Optional<String> storedAccount,
    Portfolio portfolio,
    List<Position> whatIf,
    String model,
    boolean modelGiven,
    boolean compare) {
  /**
   * A posted book's keys are the portfolio file's, so a book posted reads as the same file would.
   */
  private static final List<String> BOOK_FIELDS = PortfolioJson.KEYS;

  static final List<String> FIELDS =
      Stream.concat(BOOK_FIELDS.stream(), Stream.of("whatIf", "model", "compare")).toList();
  private static final List<String> TRADE_FIELDS = List.of("instrument", "quantity");

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
      throw ValidationException.of(
          "body", "must be a JSON object: a portfolio, or {\"account\":\"id\"}");
    }
    Problems problems = new Problems();
    io.cryptomargin.io.StrictJson.onlyKnownKeys(body, "", FIELDS, problems);
    String model = models.defaultModel();
    JsonNode modelNode = body.get("model");
    if (modelNode != null) {
      if (!modelNode.isTextual() || !models.modelIds().contains(modelNode.asText())) {
        problems.add(
            "model", "must be one of " + models.modelIds() + ", was " + shortened(modelNode));
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
          problems.add(
              "compare",
              "compares the rules-based margin with a portfolio model: not available with model "
                  + model
                  + " (use one of "
                  + models.modelIds().stream().filter(ModelMargin::comparable).toList()
                  + ")");
        }
      }
    }
    List<Position> whatIf = whatIf(body.get("whatIf"), problems);
    Portfolio portfolio = null;
    boolean stored = !body.has("positions") && !body.has("collateral");
    JsonNode account = body.get("account");
    if (account != null
        && account.isTextual()
        && utf8(account.asText()) > ApiLimits.MAX_ACCOUNT_ID_BYTES) {
      problems.add(
          "account",
          "is "
              + utf8(account.asText())
              + " bytes long: at most "
              + ApiLimits.MAX_ACCOUNT_ID_BYTES);
    } else if (stored) {
      if (account == null || !account.isTextual() || account.asText().isBlank()) {
        problems.add(
            "account",
            "is required: a stored account's id, or post a whole portfolio with positions");
      }
    } else {
      portfolio = book((ObjectNode) body, problems);
    }
    if (!problems.isEmpty()) {
      checkInstruments(portfolio, whatIf, model, models, problems);
    }
    problems.throwIfAny();
    return new MarginRequest(
        stored ? Optional.of(account.asText()) : Optional.empty(),
        portfolio,
        whatIf,
        model,
        modelNode != null,
        compare);
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
      problems.add(
          "whatIf",
          "has " + whatIfNode.size() + " trades: at most " + ApiLimits.MAX_WHAT_IF_TRADES);
      return whatIf;
    }
    for (int i = 0; i < whatIfNode.size(); i++) {
      JsonNode trade = whatIfNode.get(i);
      String at = "whatIf[" + i + "]";
      if (!trade.isObject()) {
        problems.add(at, "must be an object {instrument, quantity}");
        continue;
      }
      io.cryptomargin.io.StrictJson.onlyKnownKeys(trade, at, TRADE_FIELDS, problems);
      JsonNode instrument = trade.path("instrument");
      JsonNode quantity = trade.path("quantity");
      boolean named = instrument.isTextual() && !instrument.asText().isBlank();
      if (!named) {
        problems.add(at + ".instrument", "is required (an instrument name)");
      } else if (utf8(instrument.asText()) > ApiLimits.MAX_INSTRUMENT_BYTES) {
        problems.add(
            at + ".instrument",
            "is "
                + utf8(instrument.asText())
                + " bytes long: at most "
                + ApiLimits.MAX_INSTRUMENT_BYTES);
        named = false;
      }
      boolean counted = quantity.isNumber() && Double.isFinite(quantity.asDouble());
      if (!counted) {
        problems.add(at + ".quantity", "is required (a number of contracts, negative to sell)");
      } else {
        counted = InputRange.QUANTITY.check(at + ".quantity", quantity.asDouble(), problems);
      }
      if (named && counted) {
        whatIf.add(new Position(instrument.asText(), quantity.asDouble()));
      }
    }
    return whatIf;
  }

  /**
   * The posted book, through the engine's portfolio reader (its problems prefixed by nothing: they
   * are body fields).
   */
  private static Portfolio book(ObjectNode body, Problems problems) {
    ObjectNode book = body.deepCopy();
    // the book's own keys only: the body's other keys, known or not, were checked above
    book.retain(BOOK_FIELDS);
    JsonNode positions = book.get("positions");
    if (positions != null && positions.isArray() && positions.size() > ApiLimits.MAX_POSITIONS) {
      problems.add(
          "positions",
          "has " + positions.size() + " positions: at most " + ApiLimits.MAX_POSITIONS);
      return null;
    }
    JsonNode collateral = book.get("collateral");
    if (collateral != null && collateral.size() > ApiLimits.MAX_COLLATERAL_CURRENCIES) {
      problems.add(
          "collateral",
          "has "
              + collateral.size()
              + " currencies: at most "
              + ApiLimits.MAX_COLLATERAL_CURRENCIES);
      return null;
    }
    if (positions != null && positions.isArray()) {
      for (int i = 0; i < positions.size(); i++) {
        JsonNode name = positions.get(i).path("instrument");
        if (name.isTextual() && utf8(name.asText()) > ApiLimits.MAX_INSTRUMENT_BYTES) {
          problems.add(
              "positions[" + i + "].instrument",
              "is "
                  + utf8(name.asText())
                  + " bytes long: at most "
                  + ApiLimits.MAX_INSTRUMENT_BYTES);
          return null;
        }
      }
    }
    try {
      return PortfolioJson.parse(
          StrictJson.write(book), "body"); // its quantities checked in InputRange.QUANTITY
    } catch (ValidationException e) {
      problems.addAll("", e);
      return null;
    }
  }

  /**
   * With other problems to report: also the instruments the snapshot cannot price, which margining
   * would only report after the caller fixed the rest (no array is read here).
   */
  private static void checkInstruments(
      Portfolio portfolio,
      List<Position> whatIf,
      String model,
      ModelMargin models,
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
        // nothing to check names against: the field problems alone (the 503 follows once they are
        // fixed)
      }
    }
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
