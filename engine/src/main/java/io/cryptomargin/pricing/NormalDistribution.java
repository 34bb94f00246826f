package io.cryptomargin.pricing;

/** The standard normal distribution, to double precision. */
public final class NormalDistribution {
  private static final double INV_SQRT_2PI = 0.3989422804014327;

  private NormalDistribution() {}

  /** The density φ(x). */
  public static double pdf(double x) {
    return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
  }

  /**
   * The cumulative distribution N(x), by Hart's (1968) double-precision algorithm as given by G.
   * West, "Better approximations to cumulative normal functions", Wilmott (2005): absolute error
   * below 1e-14 everywhere.
   */
  public static double cdf(double x) {
    double z = Math.abs(x);
    double tail;
    if (z > 37.0) {
      tail = 0.0;
    } else {
      double e = Math.exp(-z * z / 2.0);
      if (z < 7.07106781186547) {
        double num = 3.52624965998911e-02 * z + 0.700383064443688;
        num = num * z + 6.37396220353165;
        num = num * z + 33.912866078383;
        num = num * z + 112.079291497871;
        num = num * z + 221.213596169931;
        num = num * z + 220.206867912376;
        double den = 8.83883476483184e-02 * z + 1.75566716318264;
        den = den * z + 16.064177579207;
        den = den * z + 86.7807322029461;
        den = den * z + 296.564248779674;
        den = den * z + 637.333633378831;
        den = den * z + 793.826512519948;
        den = den * z + 440.413735824752;
        tail = e * num / den;
      } else {
        double b = z + 0.65;
        b = z + 4.0 / b;
        b = z + 3.0 / b;
        b = z + 2.0 / b;
        b = z + 1.0 / b;
        tail = e / b / 2.506628274631;
      }
    }
    return x > 0 ? 1.0 - tail : tail;
  }
}
