package io.cryptomargin.demo;

import io.cryptomargin.book.ParameterSetRef;
import java.util.List;

/**
 * The whole demo.
 *
 * @param rulesModels the rules models and parameter versions used, in column order
 * @param portfolioModels the portfolio models and parameter versions used, in column order
 * @param collateral the collateral every book holds, in words (enough to qualify for portfolio
 *     margin)
 * @param sections the tables
 * @param legend what each column means
 */
public record DemoReport(
    List<ParameterSetRef> rulesModels,
    List<ParameterSetRef> portfolioModels,
    String collateral,
    List<DemoSection> sections,
    List<String> legend) {
  public DemoReport {
    rulesModels = List.copyOf(rulesModels);
    portfolioModels = List.copyOf(portfolioModels);
    sections = List.copyOf(sections);
    legend = List.copyOf(legend);
  }
}
