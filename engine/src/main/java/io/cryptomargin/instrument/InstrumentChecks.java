package io.cryptomargin.instrument;

import io.cryptomargin.validation.Problems;

/** Shared checks of the fields every instrument has. */
final class InstrumentChecks {
  private InstrumentChecks() {}

  static Problems common(
      String name,
      String underlying,
      Settlement settlement,
      String settlementCurrency,
      double contractSize) {
    Problems problems = new Problems();
    if (name == null || name.isBlank()) {
      problems.add("name", "is required");
    }
    if (underlying == null || underlying.isBlank()) {
      problems.add("underlying", "is required");
    }
    if (settlement == null) {
      problems.add("settlement", "is required");
    }
    if (settlementCurrency == null || settlementCurrency.isBlank()) {
      problems.add("settlementCurrency", "is required");
    } else if (settlement == Settlement.LINEAR && !Instrument.isUsdLike(settlementCurrency)) {
      problems.add(
          "settlementCurrency",
          "a linear contract settles in USD, USDC or USDT, not " + settlementCurrency);
    } else if (settlement == Settlement.INVERSE
        && underlying != null
        && !settlementCurrency.equals(underlying)) {
      problems.add(
          "settlementCurrency",
          "an inverse contract settles in its coin " + underlying + ", not " + settlementCurrency);
    }
    problems.requirePositive("contractSize", contractSize);
    return problems;
  }
}
