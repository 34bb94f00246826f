package io.cryptomargin.cli;

import io.cryptomargin.io.JsonText;
import io.cryptomargin.io.MarketFiles;
import io.cryptomargin.market.MarketSnapshot;
import io.cryptomargin.pricing.MarkRepricing;
import io.cryptomargin.pricing.MarkRepricing.Comparison;
import io.cryptomargin.pricing.MarkRepricing.Summary;
import io.cryptomargin.validation.FiniteFigures;
import io.cryptomargin.validation.ValidationException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code validate-market}: reprice every option from its mark IV and compare with the venue's mark.
 */
@Command(
    name = "validate-market",
    mixinStandardHelpOptions = true,
    description =
        "Reprice every option of a market file with Black-76 from its mark IV (on the mark's own "
            + "forward and observation time when it has them) and compare with the venue's mark price.",
    footer = {
      "",
      "Differences are model - mark, per contract, in the settlement currency (BTC for Deribit's "
          + "BTC options).",
      "Example: validate-market --market btc_options_2020-05-22.csv --worst 10"
    })
final class ValidateMarketCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SharedOptions.MarketFile market;

  @Mixin SharedOptions.TableOrJsonFormat format;

  @Option(
      names = "--worst",
      paramLabel = "N",
      description = "List only the N options with the largest differences (default: every option).")
  Integer worst;

  @Override
  public Integer call() {
    if (worst != null && worst < 0) {
      throw ValidationException.of("--worst", "must be >= 0, was " + worst);
    }
    MarketSnapshot snapshot = MarketFiles.read(market.path);
    List<Comparison> all = MarkRepricing.compare(snapshot);
    if (all.isEmpty()) {
      throw ValidationException.of(
          "--market", market.path + " has no option with both a mark price and a mark IV");
    }
    List<Comparison> listed =
        worst == null ? all : MarkRepricing.worstFirst(all).subList(0, Math.min(worst, all.size()));
    FiniteFigures.require("options", all);
    List<Summary> summaries = FiniteFigures.require("summary", MarkRepricing.summarize(all));
    PrintWriter out = spec.commandLine().getOut();
    if (format.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("snapshot", snapshot.id());
      json.put("asOf", snapshot.asOf().toString());
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Comparison c : listed) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("instrument", c.instrument());
        row.put("settlementCurrency", c.settlementCurrency());
        row.put("forward", c.forward());
        row.put("years", c.years());
        row.put("markIv", c.vol());
        row.put("modelPrice", c.modelPrice());
        row.put("markPrice", c.markPrice());
        row.put("difference", c.difference());
        rows.add(row);
      }
      json.put("options", rows);
      List<Map<String, Object>> sums = new ArrayList<>();
      for (Summary s : summaries) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("settlementCurrency", s.settlementCurrency());
        row.put("count", s.count());
        row.put("medianAbsoluteDifference", s.medianAbsoluteDifference());
        row.put("worstAbsoluteDifference", s.worstAbsoluteDifference());
        row.put("worstInstrument", s.worstInstrument());
        sums.add(row);
      }
      json.put("summary", sums);
      out.print(JsonText.write(json));
    } else {
      out.println(
          Formats.fmt(
              "market %s, as of %s: Black-76 from mark IVs vs venue marks",
              snapshot.id(), snapshot.asOf()));
      out.println(
          Formats.fmt(
              "%-28s %10s %10s %8s %14s %14s %12s %s",
              "instrument", "forward", "years", "mark iv", "model", "mark", "model-mark", "ccy"));
      for (Comparison c : listed) {
        out.println(
            Formats.fmt(
                "%-28s %10.2f %10.6f %8.4f %14.8f %14.8f %12.3e %s",
                c.instrument(),
                c.forward(),
                c.years(),
                c.vol(),
                c.modelPrice(),
                c.markPrice(),
                c.difference(),
                c.settlementCurrency()));
      }
      if (worst != null) {
        out.println(
            Formats.fmt("(the %d largest differences of %d options)", listed.size(), all.size()));
      }
      for (Summary s : summaries) {
        out.println(
            Formats.fmt(
                "summary %s: %d options, median |model-mark| %.3e %s, worst %.3e %s (%s)",
                s.settlementCurrency(),
                s.count(),
                s.medianAbsoluteDifference(),
                s.settlementCurrency(),
                s.worstAbsoluteDifference(),
                s.settlementCurrency(),
                s.worstInstrument()));
      }
    }
    out.flush();
    return 0;
  }
}
