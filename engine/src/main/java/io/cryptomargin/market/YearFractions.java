package io.cryptomargin.market;

import java.time.Duration;
import java.time.Instant;

/** Time in years of 365 days, the convention of Black-76 on crypto venues. */
public final class YearFractions {
  /** Milliseconds in a 365-day year. */
  public static final double MILLIS_PER_YEAR = 365.0 * 86_400_000.0;

  private YearFractions() {}

  /** Years from {@code from} to {@code to}; negative when {@code to} is earlier. */
  public static double between(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / MILLIS_PER_YEAR;
  }

  /** Days (of 24 hours) as a year fraction. */
  public static double ofDays(double days) {
    return days / 365.0;
  }
}
