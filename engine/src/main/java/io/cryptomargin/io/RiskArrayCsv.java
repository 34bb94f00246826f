package io.cryptomargin.io;

import io.cryptomargin.riskarray.RiskArray;
import io.cryptomargin.riskarray.RiskArraySet;
import java.nio.file.Path;

/**
 * Risk arrays as CSV, one row per instrument: {@code instrument, underlying, settlementCurrency,
 * expiry, kind, putCall, compositeDelta, price, underlyingPrice}, then one column per scenario
 * (headed by its label) with the weighted loss of one long contract in the settlement currency.
 * Unknown values are empty cells; doubles are written with full precision. A leading comment-free
 * header only, so any spreadsheet opens it.
 */
public final class RiskArrayCsv {
  private RiskArrayCsv() {}

  /** The arrays as CSV text (RFC 4180; labels holding commas are quoted). */
  public static String write(RiskArraySet set) {
    StringBuilder out = new StringBuilder();
    out.append(
        "instrument,underlying,settlementCurrency,expiry,kind,putCall,compositeDelta,price,underlyingPrice");
    for (String label : set.scenarioLabels()) {
      out.append(',').append(Csv.quote(label));
    }
    out.append("\r\n");
    for (RiskArray a : set.arrays().values()) {
      out.append(Csv.quote(a.instrument()))
          .append(',')
          .append(Csv.quote(a.underlying()))
          .append(',')
          .append(Csv.quote(a.settlementCurrency()))
          .append(',')
          .append(a.expiry() == null ? "" : a.expiry().toString())
          .append(',')
          .append(a.kind() == null ? "" : a.kind().name())
          .append(',')
          .append(a.putCall() == null ? "" : a.putCall().name())
          .append(',')
          .append(a.compositeDelta())
          .append(',')
          .append(Double.isNaN(a.value()) ? "" : Double.toString(a.value()))
          .append(',')
          .append(Double.isNaN(a.underlyingPrice()) ? "" : Double.toString(a.underlyingPrice()));
      for (double loss : a.losses()) {
        out.append(',').append(loss);
      }
      out.append("\r\n");
    }
    return out.toString();
  }

  /** Writes the arrays to a CSV file. */
  public static void write(RiskArraySet set, Path file) {
    Json.writeFile(file, write(set));
  }
}
