package io.cryptomargin.function.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptomargin.function.margin.CachedMargin;
import io.cryptomargin.function.margin.ModelMargin;
import io.cryptomargin.function.store.AccountStore;
import io.cryptomargin.function.store.MarginResultStore;
import io.cryptomargin.function.store.SnapshotNotCurrentException;
import io.cryptomargin.io.ReportJson;
import io.cryptomargin.margin.Portfolio;
import io.cryptomargin.margin.Position;
import io.cryptomargin.validation.Problem;
import io.cryptomargin.validation.Problems;
import io.cryptomargin.validation.ValidationException;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Handler {@code api}: API Gateway HTTP API (payload 2.0) requests.
 *
 * <ul>
 *   <li>{@code POST /margin}: body a portfolio ({@code account}, {@code collateral}, {@code positions}),
 *       or {@code {"account":"id"}} for a stored account; optional {@code whatIf} (positions to add:
 *       the answer then also has the margin with them and the increments), {@code model}
 *       (a configured scenario set, {@code deribit-sm}, {@code strategy-based} or
 *       {@code historical-var}; the default otherwise) and {@code compare} (true: the
 *       {@code strategy-based} comparison too; not with a rules-based model itself).
 *   <li>{@code GET /accounts/{accountId}/margin}: the stored result of an account, or its margin
 *       computed now when none is stored yet.
 * </ul>
 * 400 lists every validation problem ({@code errors: [{field, message}]}), 404 an unknown account
 * or route, 405 a wrong method, 503 when no current snapshot is available; 500 only for faults of
 * ours. Responses are JSON.
 */
@Named("api")
public class ApiHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  private static final Logger LOG = Logger.getLogger(ApiHandler.class);
  private static final Set<String> POST_FIELDS = Set.of("account", "collateral", "positions", "whatIf", "model", "compare");

  private final ObjectMapper mapper;
  private final CachedMargin margin;
  private final ModelMargin models;
  private final AccountStore accounts;
  private final MarginResultStore results;

  @Inject
  public ApiHandler(ObjectMapper mapper, CachedMargin margin, ModelMargin models, AccountStore accounts,
      MarginResultStore results) {
    this.mapper = mapper;
    this.margin = margin;
    this.models = models;
    this.accounts = accounts;
    this.results = results;
  }

  /** An answer with a status other than 200. */
  static final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final transient Object body;

    HttpError(int status, Object body) {
      super(String.valueOf(body), null, false, false);
      this.status = status;
      this.body = body;
    }
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    JsonNode request = mapper.valueToTree(event);
    String method = request.path("requestContext").path("http").path("method").asText("");
    String path = request.path("rawPath").asText(request.path("requestContext").path("http").path("path").asText(""));
    try {
      if (path.equals("/margin")) {
        requireMethod(method, "POST");
        return response(200, postMargin(body(request)));
      }
      String[] parts = path.split("/");
      if (parts.length == 4 && parts[1].equals("accounts") && parts[3].equals("margin") && !parts[2].isBlank()) {
        requireMethod(method, "GET");
        String account = request.path("pathParameters").path("accountId").asText(parts[2]);
        return response(200, accountMargin(account));
      }
      throw new HttpError(404, Map.of("message", "no route " + method + " " + path
          + ": POST /margin or GET /accounts/{accountId}/margin"));
    } catch (HttpError e) {
      return response(e.status, e.body);
    } catch (ValidationException e) {
      return response(400, Map.of("message", "invalid request", "errors", e.problems()));
    } catch (SnapshotNotCurrentException e) {
      return response(503, Map.of("message", e.getMessage()));
    } catch (RuntimeException e) {
      LOG.errorf(e, "%s %s failed", method, path);
      return response(500, Map.of("message", "internal error: " + e.getClass().getSimpleName()));
    }
  }

  private static void requireMethod(String method, String expected) {
    if (!method.equals(expected)) {
      throw new HttpError(405, Map.of("message", "method " + method + " not allowed: use " + expected));
    }
  }

  private JsonNode body(JsonNode request) {
    String text = request.path("body").asText("");
    if (request.path("isBase64Encoded").asBoolean(false)) {
      try {
        text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        // the caller's bytes, not our fault: a 400 naming the body, not a 500
        throw ValidationException.of("body", "isBase64Encoded is true but the body is not valid base64: "
            + e.getMessage());
      }
    }
    if (text.isBlank()) {
      throw ValidationException.of("body", "is required: a portfolio, or {\"account\":\"id\"}");
    }
    try {
      return mapper.readTree(text);
    } catch (Exception e) {
      throw ValidationException.of("body", "is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private Object postMargin(JsonNode body) {
    if (!body.isObject()) {
      throw ValidationException.of("body", "must be a JSON object: a portfolio, or {\"account\":\"id\"}");
    }
    Problems problems = new Problems();
    body.fieldNames().forEachRemaining(name -> {
      if (!POST_FIELDS.contains(name)) {
        problems.add(name, "unknown field: expected " + new java.util.TreeSet<>(POST_FIELDS));
      }
    });
    String model = models.defaultModel();
    JsonNode modelNode = body.get("model");
    if (modelNode != null) {
      if (!modelNode.isTextual() || !models.modelIds().contains(modelNode.asText())) {
        problems.add("model", "must be one of " + models.modelIds() + ", was " + modelNode);
      } else {
        model = modelNode.asText();
      }
    }
    boolean compare = false;
    JsonNode compareNode = body.get("compare");
    if (compareNode != null) {
      if (!compareNode.isBoolean()) {
        problems.add("compare", "must be true or false, was " + compareNode);
      } else {
        compare = compareNode.asBoolean();
        if (compare && !ModelMargin.comparable(model)) {
          problems.add("compare", "compares the rules-based margin with a portfolio model: not available with model "
              + model + " (use one of " + models.modelIds().stream().filter(ModelMargin::comparable).toList() + ")");
        }
      }
    }
    List<Position> whatIf = new ArrayList<>();
    JsonNode whatIfNode = body.get("whatIf");
    if (whatIfNode != null) {
      if (!whatIfNode.isArray()) {
        problems.add("whatIf", "must be an array of {instrument, quantity}");
      } else {
        for (int i = 0; i < whatIfNode.size(); i++) {
          JsonNode trade = whatIfNode.get(i);
          String at = "whatIf[" + i + "]";
          if (!trade.path("instrument").isTextual() || trade.path("instrument").asText().isBlank()) {
            problems.add(at + ".instrument", "is required (an instrument name)");
          }
          if (!trade.path("quantity").isNumber() || !Double.isFinite(trade.path("quantity").asDouble())) {
            problems.add(at + ".quantity", "is required (a number of contracts, negative to sell)");
          }
          if (trade.path("instrument").isTextual() && trade.path("quantity").isNumber()) {
            whatIf.add(new Position(trade.path("instrument").asText(), trade.path("quantity").asDouble()));
          }
        }
      }
    }
    Portfolio portfolio = null;
    boolean stored = !body.has("positions") && !body.has("collateral");
    if (stored) {
      JsonNode account = body.get("account");
      if (account == null || !account.isTextual() || account.asText().isBlank()) {
        problems.add("account", "is required: a stored account's id, or post a whole portfolio with positions");
      }
    } else {
      ObjectNode book = body.deepCopy();
      book.remove(List.of("whatIf", "model", "compare"));
      try {
        portfolio = io.cryptomargin.io.PortfolioJson.parse(mapper.writeValueAsString(book), "body");
      } catch (ValidationException e) {
        problems.addAll("", e);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    if (!problems.isEmpty()) {
      // one 400 with every problem: also the instruments the snapshot cannot price, which
      // arraysFor would only report after the caller fixed the rest (no array is read here)
      java.util.Set<String> instruments = new java.util.LinkedHashSet<>();
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
    problems.throwIfAny();
    if (stored) {
      String account = body.get("account").asText();
      portfolio = storedPortfolio(account);
      if (modelNode == null) {
        model = accounts.account(account).flatMap(AccountStore.StoredAccount::model).orElse(model);
      }
    }
    return marginAnswer(portfolio, whatIf, model, compare);
  }

  private Portfolio storedPortfolio(String account) {
    Optional<AccountStore.StoredAccount> stored = accounts.account(account);
    List<AccountStore.StoredPosition> positions = accounts.positions(account);
    if (stored.isEmpty() && positions.isEmpty()) {
      throw new HttpError(404, Map.of("message", "unknown account '" + account + "'"));
    }
    return new Portfolio(account, stored.map(AccountStore.StoredAccount::collateral).orElse(Map.of()),
        positions.stream().filter(p -> p.quantity() != 0).map(p -> new Position(p.instrument(), p.quantity())).toList());
  }

  /** The margin (and what-if, comparison) of a book; every engine problem of the book and the trades listed at once. */
  private Object marginAnswer(Portfolio portfolio, List<Position> whatIf, String model, boolean compare) {
    java.util.Set<String> instruments = new java.util.LinkedHashSet<>(portfolio.instruments());
    whatIf.forEach(p -> instruments.add(p.instrument()));
    ModelMargin.Session session = models.session(model, instruments);
    ModelMargin.Result current = session.margin(portfolio);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("margin", current.margin());
    answer.putAll(current.extra());
    if (!whatIf.isEmpty()) {
      ModelMargin.Result with = session.margin(portfolio.with(whatIf));
      Map<String, Object> trades = new LinkedHashMap<>();
      trades.put("trades", whatIf);
      trades.put("incrementalInitialMargin", with.initialMargin() - current.initialMargin());
      trades.put("incrementalMaintenanceMargin", with.maintenanceMargin() - current.maintenanceMargin());
      trades.put("statusAfter", with.status());
      trades.put("margin", with.margin());
      trades.putAll(with.extra());
      answer.put("whatIf", trades);
    }
    if (compare) {
      answer.put("comparison", session.comparison(portfolio, current));
    }
    return answer;
  }



  private Object accountMargin(String account) {
    Optional<MarginResultStore.Row> row = results.find(account);
    if (row.isPresent()) {
      MarginResultStore.Row r = row.get();
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("account", account);
      answer.put("source", "stored");
      answer.put("status", r.status());
      answer.put("version", r.version());
      answer.put("snapshotId", r.snapshotId());
      answer.put("model", r.model());
      answer.put("computedAt", r.computedAt());
      answer.put("margin", readTree(r.resultJson()));
      return answer;
    }
    Portfolio portfolio = storedPortfolio(account);
    String model = accounts.account(account).flatMap(AccountStore.StoredAccount::model).orElse(margin.defaultModel());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("account", account);
    answer.put("source", "computed");
    answer.put("margin", margin.margin(portfolio, model));
    return answer;
  }

  private JsonNode readTree(String json) {
    try {
      return mapper.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException("stored result is not JSON", e);
    }
  }

  private Map<String, Object> response(int status, Object body) {
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("statusCode", status);
    response.put("headers", Map.of("content-type", "application/json"));
    response.put("isBase64Encoded", false);
    response.put("body", ReportJson.write(body));
    return response;
  }

  /** For the errors list: problems as written by ReportJson ({@code field}, {@code message}). */
  static List<Problem> problems(ValidationException e) {
    return e.problems();
  }
}
