package io.cryptomargin.function.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.cryptomargin.book.Portfolio;
import io.cryptomargin.book.Position;
import io.cryptomargin.function.config.FunctionConfig;
import io.cryptomargin.function.config.StrictJson;
import io.cryptomargin.function.margin.CachedMargin;
import io.cryptomargin.function.margin.ModelMargin;
import io.cryptomargin.function.store.AccountStore;
import io.cryptomargin.function.store.MarginResultStore;
import io.cryptomargin.function.store.SnapshotNotCurrentException;
import io.cryptomargin.io.ReportJson;
import io.cryptomargin.validation.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The HTTP API: its routes in one table ({@link #ROUTES}), each answering with a status its route
 * lists. 400 lists every validation problem ({@code errors: [{field, message}]}), 404 an unknown
 * route or an account the caller may not read (the same answer as an account that does not exist),
 * 405 a wrong method, 413 a body over {@link ApiLimits#MAX_BODY_BYTES}, 503 when no current
 * snapshot is available; 500 only for faults of ours, whatever they are (an {@link Error}
 * included): no request ends the instance.
 *
 * <p>A caller reads and simulates a stored account only if its principal is among the account's
 * {@code owners} or among {@code cm.api.admin-principals}; a posted book reads nothing stored.
 */
@ApplicationScoped
public class MarginApi {
  private static final Logger LOG = Logger.getLogger(MarginApi.class);

  /**
   * A route: method, path template ({@code {name}} matches one non-empty segment), and every status
   * it answers with.
   */
  public record Route(String method, String template, Set<Integer> statuses) {
    Optional<Map<String, String>> match(String path) {
      String[] want = template.split("/", -1);
      String[] got = path.split("/", -1);
      if (want.length != got.length) {
        return Optional.empty();
      }
      Map<String, String> parameters = new LinkedHashMap<>();
      for (int i = 0; i < want.length; i++) {
        if (want[i].startsWith("{") && want[i].endsWith("}") && !got[i].isBlank()) {
          parameters.put(want[i].substring(1, want[i].length() - 1), got[i]);
        } else if (!want[i].equals(got[i])) {
          return Optional.empty();
        }
      }
      return Optional.of(parameters);
    }

    @Override
    public String toString() {
      return method + " " + template;
    }
  }

  /** Every route of the API (the OpenAPI document lists the same). */
  public static final List<Route> ROUTES =
      List.of(
          new Route("POST", "/margin", Set.of(200, 400, 404, 405, 413, 500, 503)),
          new Route("GET", "/accounts/{accountId}/margin", Set.of(200, 400, 404, 405, 500, 503)));

  /** Statuses of a path that matches no route. */
  public static final Set<Integer> NO_ROUTE_STATUSES = Set.of(404);

  /** An answer with a status other than 200. */
  static final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final transient Object body;

    HttpError(int status, Object body) {
      super(null, null, false, false);
      this.status = status;
      this.body = body;
    }
  }

  private final Map<Route, BiFunction<Request, Map<String, String>, Object>> handlers =
      new LinkedHashMap<>();
  private final CachedMargin margin;
  private final ModelMargin models;
  private final AccountStore accounts;
  private final MarginResultStore results;
  private final List<String> admins;

  @Inject
  public MarginApi(
      CachedMargin margin,
      ModelMargin models,
      AccountStore accounts,
      MarginResultStore results,
      FunctionConfig config) {
    this.margin = margin;
    this.models = models;
    this.accounts = accounts;
    this.results = results;
    this.admins = config.api().adminPrincipals().orElse(List.of());
    handlers.put(ROUTES.get(0), (request, parameters) -> postMargin(request));
    handlers.put(
        ROUTES.get(1),
        (request, parameters) ->
            accountMargin(
                request.caller(), request.pathParameter("accountId", parameters.get("accountId"))));
  }

  /** One request as the routes see it. */
  record Request(String method, String path, Caller caller, APIGatewayV2HTTPEvent event) {
    String pathParameter(String name, String fromPath) {
      Map<String, String> given = event.getPathParameters();
      String value = given == null ? null : given.get(name);
      return value == null ? fromPath : value;
    }
  }

  /** Answers one request; never throws. */
  public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
    var http =
        event == null || event.getRequestContext() == null
            ? null
            : event.getRequestContext().getHttp();
    String method = http == null || http.getMethod() == null ? "" : http.getMethod();
    String path =
        event != null && event.getRawPath() != null
            ? event.getRawPath()
            : http == null || http.getPath() == null ? "" : http.getPath();
    try {
      Request request = new Request(method, path, Caller.of(event), event);
      for (Route route : ROUTES) {
        Optional<Map<String, String>> parameters = route.match(path);
        if (parameters.isPresent()) {
          if (!method.equals(route.method())) {
            throw new HttpError(
                405,
                Map.of(
                    "message",
                    "method " + shortened(method) + " not allowed: use " + route.method()));
          }
          return response(200, handlers.get(route).apply(request, parameters.get()));
        }
      }
      throw new HttpError(
          404,
          Map.of(
              "message",
              "no route "
                  + shortened(method)
                  + " "
                  + shortened(path)
                  + ": "
                  + ROUTES.stream().map(Route::toString).collect(Collectors.joining(" or "))));
    } catch (HttpError e) {
      return response(e.status, e.body);
    } catch (ValidationException e) {
      return response(400, Map.of("message", "invalid request", "errors", e.problems()));
    } catch (SnapshotNotCurrentException e) {
      return response(503, Map.of("message", e.getMessage()));
    } catch (RuntimeException | Error e) {
      // whatever one request did (a stack overflow, memory exhausted by one book) ends that request
      // only
      LOG.errorf(e, "%s %s failed", shortened(method), shortened(path));
      return response(500, Map.of("message", "internal error: " + e.getClass().getSimpleName()));
    }
  }

  private JsonNode body(APIGatewayV2HTTPEvent event) {
    String text = event.getBody() == null ? "" : event.getBody();
    if (text.length() > ApiLimits.MAX_BODY_BYTES * 4 / 3 + 4) {
      throw tooLarge(text.length());
    }
    if (event.getIsBase64Encoded()) {
      try {
        text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        // the caller's bytes, not our fault: a 400 naming the body, not a 500
        throw ValidationException.of(
            "body", "isBase64Encoded is true but the body is not valid base64: " + e.getMessage());
      }
    }
    int bytes = MarginRequest.utf8(text);
    if (bytes > ApiLimits.MAX_BODY_BYTES) {
      throw tooLarge(bytes);
    }
    if (text.isBlank()) {
      throw ValidationException.of("body", "is required: a portfolio, or {\"account\":\"id\"}");
    }
    try {
      return StrictJson.tree(text, "body");
    } catch (ValidationException e) {
      throw ValidationException.of(
          "body",
          "is not valid JSON: "
              + e.problems().get(0).message().replaceFirst("^malformed JSON ", ""));
    }
  }

  private static HttpError tooLarge(int size) {
    return new HttpError(
        413,
        Map.of(
            "message", "body too large: " + size + " bytes, at most " + ApiLimits.MAX_BODY_BYTES));
  }

  private Object postMargin(Request request) {
    MarginRequest body = MarginRequest.read(body(request.event()), models);
    Portfolio portfolio = body.portfolio();
    String model = body.model();
    if (body.storedAccount().isPresent()) {
      String account = body.storedAccount().get();
      AccountStore.StoredAccount stored = readable(request.caller(), account);
      portfolio = portfolio(account, stored);
      if (!body.modelGiven()) {
        model = stored.model().orElse(model);
      }
    }
    return marginAnswer(portfolio, body.whatIf(), model, body.compare());
  }

  /**
   * The account item if the caller may read it; otherwise the very answer an unknown account gets,
   * so a caller cannot tell another's account from one that does not exist.
   */
  private AccountStore.StoredAccount readable(Caller caller, String account) {
    if (account.isBlank() || MarginRequest.utf8(account) > ApiLimits.MAX_ACCOUNT_ID_BYTES) {
      throw ValidationException.of(
          "accountId",
          "must be 1 to "
              + ApiLimits.MAX_ACCOUNT_ID_BYTES
              + " bytes long, was "
              + MarginRequest.utf8(account));
    }
    Optional<AccountStore.StoredAccount> stored = accounts.account(account);
    if (stored.isEmpty() || !(caller.isOneOf(admins) || caller.isOneOf(stored.get().owners()))) {
      throw new HttpError(404, Map.of("message", "unknown account '" + account + "'"));
    }
    return stored.get();
  }

  private Portfolio portfolio(String account, AccountStore.StoredAccount stored) {
    List<AccountStore.StoredPosition> positions = accounts.positions(account);
    return new Portfolio(
        account,
        stored.collateral(),
        positions.stream()
            .filter(p -> p.quantity() != 0)
            .map(p -> new Position(p.instrument(), p.quantity()))
            .toList());
  }

  /**
   * The margin (and what-if, comparison) of a book; every engine problem of the book and the trades
   * listed at once.
   */
  private Object marginAnswer(
      Portfolio portfolio, List<Position> whatIf, String model, boolean compare) {
    Set<String> instruments = new LinkedHashSet<>(portfolio.instruments());
    whatIf.forEach(p -> instruments.add(p.instrument()));
    ModelMargin.Session session = models.session(model, instruments, ApiLimits.MAX_CACHE_WRITES);
    ModelMargin.Result current = session.margin(portfolio);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("margin", current.margin());
    answer.putAll(current.extra());
    if (!whatIf.isEmpty()) {
      ModelMargin.Result with = session.margin(portfolio.with(whatIf));
      Map<String, Object> trades = new LinkedHashMap<>();
      trades.put("trades", whatIf);
      trades.put("incrementalInitialMargin", with.initialMargin() - current.initialMargin());
      trades.put(
          "incrementalMaintenanceMargin", with.maintenanceMargin() - current.maintenanceMargin());
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

  private Object accountMargin(Caller caller, String account) {
    AccountStore.StoredAccount stored = readable(caller, account);
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
    Portfolio portfolio = portfolio(account, stored);
    String model = stored.model().orElse(margin.defaultModel());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("account", account);
    answer.put("source", "computed");
    answer.put("margin", margin.margin(portfolio, model));
    return answer;
  }

  private static JsonNode readTree(String json) {
    try {
      return StrictJson.tree(json, "stored result");
    } catch (ValidationException e) {
      throw new IllegalStateException("stored result is not JSON", e);
    }
  }

  /** A caller's text as messages and logs repeat it: at most 100 characters. */
  private static String shortened(String text) {
    return text.length() <= 100 ? text : text.substring(0, 100) + "…";
  }

  private static APIGatewayV2HTTPResponse response(int status, Object body) {
    APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
    response.setStatusCode(status);
    response.setHeaders(Map.of("content-type", "application/json"));
    response.setIsBase64Encoded(false);
    response.setBody(ReportJson.write(body));
    return response;
  }
}
