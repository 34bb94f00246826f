package io.cryptomargin.demo;

import io.cryptomargin.margin.ParameterSetRef;
import java.util.List;

/**
 * The whole demo.
 *
 * @param portfolioModel the portfolio margin model and parameter version used
 * @param rulesModel the rules-based parameter version used
 * @param collateral the collateral every book holds, in words (enough to qualify for portfolio margin)
 * @param sections the tables
 * @param legend what each column means
 */
public record DemoReport(ParameterSetRef portfolioModel, ParameterSetRef rulesModel, String collateral,
    List<DemoSection> sections, List<String> legend) {
  public DemoReport {
    sections = List.copyOf(sections);
    legend = List.copyOf(legend);
  }
}
