package io.cryptomargin.function.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptomargin.function.store.AccountStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the stored state of {@code events/seed/tables.json}: accounts (collateral, model, owners,
 * version) and positions.
 */
public final class Seed {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Seed() {}

  /** Writes every account and position of a seed document. */
  public static void write(AccountStore accounts, JsonNode seed) {
    for (JsonNode a : seed.path("accounts")) {
      Map<String, Double> collateral =
          JSON.convertValue(
              a.path("collateral"),
              JSON.getTypeFactory().constructMapType(Map.class, String.class, Double.class));
      List<String> owners = new ArrayList<>();
      a.path("owners").forEach(o -> owners.add(o.asText()));
      accounts.putAccount(
          a.path("account").asText(),
          collateral,
          a.path("model").isTextual() ? a.path("model").asText() : null,
          owners,
          a.path("version").asLong(0));
    }
    for (JsonNode p : seed.path("positions")) {
      accounts.putPosition(
          p.path("account").asText(),
          p.path("instrument").asText(),
          p.path("quantity").asDouble(),
          p.path("version").asLong());
    }
  }
}
