package io.cryptomargin.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptomargin.margin.Portfolio;
import io.cryptomargin.margin.Position;
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
 * (negative = short); collateral amounts are in their currency.
 */
public final class PortfolioJson {
  private PortfolioJson() {}

  /** Reads a portfolio file. */
  public static Portfolio read(Path file) {
    return parse(Json.readFile(file), file.toString());
  }

  /**
   * Parses portfolio JSON.
   *
   * @throws ValidationException listing every problem with its JSON path
   */
  public static Portfolio parse(String text, String source) {
    JsonNode root = Json.parse(text, source);
    if (!root.isObject()) {
      throw ValidationException.of(source, "must be a JSON object with account, collateral and positions");
    }
    Problems problems = new Problems();
    String account = Json.text(root, "account", "", problems, true);
    Map<String, Double> collateral = new LinkedHashMap<>();
    JsonNode collateralNode = Json.object(root, "collateral", "", problems, false);
    if (collateralNode != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = collateralNode.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> held = it.next();
        double amount = Json.asNumber(held.getValue(), "collateral." + held.getKey(), problems);
        if (!Double.isNaN(amount)) {
          collateral.put(held.getKey(), amount);
        }
      }
    }
    List<Position> positions = new ArrayList<>();
    JsonNode positionsNode = root.get("positions");
    if (positionsNode == null || !positionsNode.isArray()) {
      problems.add("positions", positionsNode == null ? "is required (an array, may be empty)" : "must be an array");
    } else {
      for (int i = 0; i < positionsNode.size(); i++) {
        String at = "positions[" + i + "]";
        JsonNode node = positionsNode.get(i);
        if (!node.isObject()) {
          problems.add(at, "must be an object with instrument and quantity");
          continue;
        }
        String instrument = Json.text(node, "instrument", at, problems, true);
        double quantity = Json.number(node, "quantity", at, problems, true);
        if (instrument != null && Double.isFinite(quantity)) {
          positions.add(new Position(instrument, quantity));
        }
      }
    }
    problems.throwIfAny();
    return new Portfolio(account, collateral, positions);
  }

  /** Writes a portfolio as JSON. */
  public static String write(Portfolio portfolio) {
    return ReportJson.write(portfolio);
  }
}
