package io.cryptomargin.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Scenario labels that hold for several underlyings at once. A label is a move part and the rest
 * ({@code "-16%"} + {@code ", vol up"}); where the underlyings' moves differ, the move part names
 * each ({@code "BTC/ETH -16%, SOL -24%, vol up"}), so a label never states one coin's move for
 * another's column.
 */
final class ScenarioLabels {
  /** How the defaults are named when labels are made for every underlying a definition knows. */
  static final String OTHER_COINS = "other coins";

  /** One scenario's label, split where the underlyings may differ. */
  record Part(String move, String rest) {
    String label() {
      return move + rest;
    }
  }

  private ScenarioLabels() {}

  /**
   * The label of each scenario for a set of underlyings.
   *
   * @param partsByCoin the label parts of every underlying's scenarios, in the same order and
   *     number
   */
  /**
   * The labels of a set whose coins have their own parameters: each coin's parts (coins in name
   * order), then the defaults' as {@link #OTHER_COINS}, combined.
   */
  static <P> List<String> forEachCoin(
      Map<String, P> byUnderlying, P defaults, Function<P, List<Part>> partsOf) {
    Map<String, List<Part>> parts = new LinkedHashMap<>();
    new TreeMap<>(byUnderlying).forEach((coin, p) -> parts.put(coin, partsOf.apply(p)));
    parts.put(OTHER_COINS, partsOf.apply(defaults));
    return combine(parts);
  }

  static List<String> combine(Map<String, List<Part>> partsByCoin) {
    List<String> labels = new ArrayList<>();
    int size = partsByCoin.values().iterator().next().size();
    for (int i = 0; i < size; i++) {
      Map<String, List<String>> coinsByMove = new LinkedHashMap<>();
      String rest = null;
      for (Map.Entry<String, List<Part>> e : partsByCoin.entrySet()) {
        Part part = e.getValue().get(i);
        coinsByMove.computeIfAbsent(part.move(), m -> new ArrayList<>()).add(e.getKey());
        rest = part.rest();
      }
      if (coinsByMove.size() == 1) {
        labels.add(coinsByMove.keySet().iterator().next() + rest);
        continue;
      }
      List<String> moves = new ArrayList<>();
      coinsByMove.forEach((move, coins) -> moves.add(String.join("/", coins) + " " + move));
      labels.add(String.join(", ", moves) + rest);
    }
    return labels;
  }

  /** A move as a signed percentage with no needless decimals: +4%, -3.75%, +0%. */
  static String percent(double move) {
    String text =
        String.format(Locale.ROOT, "%+.2f", move * 100)
            .replaceAll("0+$", "")
            .replaceAll("\\.$", "");
    return (text.equals("-0") ? "+0" : text) + "%";
  }
}
