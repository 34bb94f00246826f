package io.cryptomargin.demo;

import io.cryptomargin.comparison.ModelFigures;
import io.cryptomargin.comparison.Saving;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One line of the demo: a book margined by every model, on the mark-to-market basis. USD.
 *
 * @param name short name
 * @param legs the book's positions, e.g. {@code -1 BTC_USDC-29MAR24-70000-P} (empty for an
 *     increment row)
 * @param role what the row holds
 * @param models each model's figures: the rules models first, then the portfolio models
 * @param savings each portfolio model against each rules model (saving in USD and gain)
 * @param recognized the strategies {@code strategy-based} recognized, e.g. {@code VERTICAL_SPREAD
 *     x1: 500 USD}
 * @param portfolioDrivers per portfolio model, the binding scenario of its largest commodity, in
 *     words
 */
public record DemoRow(
    String name,
    List<String> legs,
    RowRole role,
    List<ModelFigures> models,
    List<Saving> savings,
    List<String> recognized,
    Map<String, String> portfolioDrivers) {
  public DemoRow {
    portfolioDrivers = Collections.unmodifiableMap(new TreeMap<>(portfolioDrivers));
    legs = List.copyOf(legs);
    models = List.copyOf(models);
    savings = List.copyOf(savings);
    recognized = List.copyOf(recognized);
  }

  /** One model's figures. */
  public ModelFigures model(String id) {
    return models.stream()
        .filter(m -> m.model().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no model " + id + " in row " + name));
  }

  /** The saving of a portfolio model against a rules model. */
  public Saving saving(String portfolioModel, String rulesModel) {
    return savings.stream()
        .filter(s -> s.portfolioModel().equals(portfolioModel) && s.rulesModel().equals(rulesModel))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no saving " + portfolioModel + " vs " + rulesModel + " in row " + name));
  }
}
