package io.cryptomargin.cli;

import io.cryptomargin.io.JsonText;
import io.cryptomargin.pricing.ImpliedVolatility;
import io.cryptomargin.validation.FiniteFigures;
import io.cryptomargin.validation.InputRange;
import io.cryptomargin.validation.Problems;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code implied-vol}: the Black-76 vol that reproduces a price. */
@Command(
    name = "implied-vol",
    mixinStandardHelpOptions = true,
    description = "The Black-76 implied volatility of an option price.",
    footer = {
      "",
      "Example: implied-vol --price 1.1166 --forward 20 --strike 20 --years 0.3333333 --rate 0.09 --type call"
    })
final class ImpliedVolCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OptionTerms terms;

  @Option(
      names = "--price",
      required = true,
      description = "Option price: USD per coin, or coin with --inverse.")
  double price;

  @Mixin SharedOptions.TableOrJsonFormat format;

  @Override
  public Integer call() {
    Problems problems = terms.check();
    InputRange.MARK_PRICE.check("--price", price, problems);
    problems.throwIfAny();
    double vol =
        terms.inverse
            ? ImpliedVolatility.fromInversePrice(
                price, terms.forward, terms.strike, terms.years, terms.type, terms.rate)
            : ImpliedVolatility.fromPrice(
                price, terms.forward, terms.strike, terms.years, terms.type, terms.rate);
    FiniteFigures.require("impliedVol", vol);
    PrintWriter out = spec.commandLine().getOut();
    if (format.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("impliedVol", vol);
      json.put("units", "annual fraction");
      out.print(JsonText.write(json));
    } else {
      out.println(Formats.fmt("implied vol %s (%.4f%% a year)", Formats.num(vol), vol * 100));
    }
    out.flush();
    return 0;
  }
}
