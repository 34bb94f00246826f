package io.cryptomargin.benchmarks;

import io.cryptomargin.instrument.PutCall;
import java.util.SplittableRandom;

/**
 * A fixed, reproducible sample of Black-76 inputs shaped like a crypto option chain: forwards
 * around 60,000, strikes from 0.5× to 2× the forward, one day to two years, vols 20% to 150%, calls
 * and puts alternating. Every pricer in a benchmark sees exactly these inputs.
 *
 * @param forwards forwards, USD
 * @param strikes strikes, USD
 * @param years times to expiry, years
 * @param vols volatilities, annual fractions
 * @param putCalls call or put
 */
public record BlackInputs(
    double[] forwards, double[] strikes, double[] years, double[] vols, PutCall[] putCalls) {
  /**
   * The default sample size: big enough to defeat branch prediction on one input, small enough for
   * L1/L2.
   */
  public static final int DEFAULT_SIZE = 1024;

  /**
   * A sample of {@code size} inputs from a fixed seed, so every run and every pricer sees the same
   * ones.
   */
  public static BlackInputs sample(int size) {
    SplittableRandom random = new SplittableRandom(20_200_514L);
    double[] forwards = new double[size];
    double[] strikes = new double[size];
    double[] years = new double[size];
    double[] vols = new double[size];
    PutCall[] putCalls = new PutCall[size];
    for (int i = 0; i < size; i++) {
      forwards[i] = 60_000 * (1 + random.nextDouble(-0.2, 0.2));
      strikes[i] =
          Math.rint(forwards[i] * Math.exp(random.nextDouble(Math.log(0.5), Math.log(2.0))) / 100)
              * 100;
      years[i] = Math.exp(random.nextDouble(Math.log(1 / 365.0), Math.log(2.0)));
      vols[i] = random.nextDouble(0.2, 1.5);
      putCalls[i] = i % 2 == 0 ? PutCall.CALL : PutCall.PUT;
    }
    return new BlackInputs(forwards, strikes, years, vols, putCalls);
  }

  /** Number of inputs. */
  public int size() {
    return forwards.length;
  }
}
