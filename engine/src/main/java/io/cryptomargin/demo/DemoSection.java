package io.cryptomargin.demo;

import java.util.List;

/**
 * One table of the demo.
 *
 * @param title what the table shows
 * @param market the market it is computed in, in words (prices, vols, time)
 * @param rows the rows, the book total last where there is one
 * @param findings where a portfolio model ties up more than a rules model, and why, one line each
 */
public record DemoSection(String title, String market, List<DemoRow> rows, List<String> findings) {
  public DemoSection {
    rows = List.copyOf(rows);
    findings = List.copyOf(findings);
  }
}
