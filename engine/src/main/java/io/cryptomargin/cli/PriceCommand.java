package io.cryptomargin.cli;

import io.cryptomargin.instrument.Settlement;
import io.cryptomargin.io.JsonText;
import io.cryptomargin.pricing.Black76;
import io.cryptomargin.pricing.OptionGreeks;
import io.cryptomargin.validation.FiniteFigures;
import io.cryptomargin.validation.InputRange;
import io.cryptomargin.validation.Problems;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code price}: Black-76 price and greeks of one option. */
@Command(
    name = "price",
    mixinStandardHelpOptions = true,
    description = "Black-76 price and greeks of a European option on a forward.",
    footer = {
      "",
      "Example: price --forward 20 --strike 20 --years 0.3333333 --vol 0.25 --rate 0.09 --type call"
    })
final class PriceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OptionTerms terms;

  @Option(
      names = "--vol",
      required = true,
      description = "Volatility, annual fraction (0.55 = 55%%).")
  double vol;

  @Mixin SharedOptions.TableOrJsonFormat format;

  @Override
  public Integer call() {
    Problems problems = terms.check();
    InputRange.VOLATILITY.check("--vol", vol, problems);
    problems.throwIfAny();
    Settlement settlement = terms.inverse ? Settlement.INVERSE : Settlement.LINEAR;
    OptionGreeks g =
        settlement == Settlement.INVERSE
            ? Black76.inverseGreeks(
                terms.forward, terms.strike, terms.years, vol, terms.type, terms.rate)
            : Black76.greeks(terms.forward, terms.strike, terms.years, vol, terms.type, terms.rate);
    FiniteFigures.require("result", g);
    String money = settlement == Settlement.INVERSE ? "coin" : "USD";
    PrintWriter out = spec.commandLine().getOut();
    if (format.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("model", "black-76");
      json.put("type", terms.type.name());
      json.put("settlement", settlement.name());
      json.put("forward", terms.forward);
      json.put("strike", terms.strike);
      json.put("years", terms.years);
      json.put("vol", vol);
      json.put("rate", terms.rate);
      json.put("price", Formats.plain(g.price()));
      json.put("delta", Formats.plain(g.delta()));
      json.put("gamma", Formats.plain(g.gamma()));
      json.put("vega", Formats.plain(g.vega()));
      json.put("theta", Formats.plain(g.theta()));
      json.put(
          "units",
          Map.of(
              "price", money + " per coin of underlying",
              "delta", money + " per USD of forward",
              "gamma", money + " per USD of forward, squared",
              "vega", money + " per 1.00 of vol",
              "theta", money + " per year"));
      out.print(JsonText.write(json));
    } else {
      out.println(
          Formats.fmt(
              "Black-76 %s, %s: forward %s USD, strike %s USD, %s years, vol %s, rate %s",
              terms.type.name().toLowerCase(Locale.ROOT),
              settlement == Settlement.INVERSE ? "inverse (coin-settled)" : "linear (USD)",
              Formats.num(terms.forward),
              Formats.num(terms.strike),
              Formats.num(terms.years),
              Formats.num(vol),
              Formats.num(terms.rate)));
      out.println(
          Formats.fmt("  price  %-18s %s per coin of underlying", Formats.num(g.price()), money));
      out.println(
          Formats.fmt("  delta  %-18s %s per USD of forward", Formats.num(g.delta()), money));
      out.println(
          Formats.fmt(
              "  gamma  %-18s %s per USD of forward, squared", Formats.num(g.gamma()), money));
      out.println(
          Formats.fmt(
              "  vega   %-18s %s per 1.00 of vol (%s per vol point)",
              Formats.num(g.vega()), money, Formats.num(g.vega() / 100)));
      out.println(
          Formats.fmt(
              "  theta  %-18s %s per year (%s per day)",
              Formats.num(g.theta()), money, Formats.num(g.theta() / 365)));
    }
    out.flush();
    return 0;
  }
}
