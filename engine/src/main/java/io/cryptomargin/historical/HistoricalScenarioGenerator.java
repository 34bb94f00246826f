package io.cryptomargin.historical;

import io.cryptomargin.validation.ValidationException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the dated scenarios of any as-of date of a price history.
 *
 * <p>Returns and EWMA variances are computed once for the whole history; both are causal (the value
 * at date i uses closes up to i only, apart from the EWMA seed — the first {@value
 * HistoricalReturns#EWMA_SEED_RETURNS} returns), so the set for date t is exactly what a model
 * fitted on the closes up to t would give, and a backtest can ask for every date cheaply.
 *
 * <p>Per coin and dated return i (the move from the close of i−1 to the close of i):
 *
 * <ul>
 *   <li>price: r = ln(c[i]/c[i−1]) (or ln(c[i]/c[i−h]) when overlapping); filtered: each daily
 *       return × σ_now/σ_before(i); √h scaling: × √h; move = exp(r) − 1;
 *   <li>vol rule: implied vols × σ_EWMA(after the return)/σ_EWMA(before it) = √(λ +
 *       (1−λ)·r²/σ²_before), bounded to [volMultiplierFloor, volMultiplierCap] — a move that large
 *       raises the vol forecast by that factor, so a crash day lifts vols (a 5σ day: ×1.56 at λ =
 *       0.94) and a quiet day lowers them slightly (at least ×√λ = 0.97); over h overlapping days
 *       the ratio of the forecasts after the last and before the first day;
 *   <li>all vols are floored at {@code minimumDailyVol}.
 * </ul>
 */
public final class HistoricalScenarioGenerator {
  private final PriceHistory history;
  private final HistoricalVarParameters parameters;
  private final List<String> coins;
  private final double[][] dailyReturns;
  private final double[][] sigmaBefore;

  /**
   * The last set built: a backtest margins several books on the same day. Immutable, so safe to
   * share.
   */
  private volatile HistoricalScenarioSet lastBuilt;

  /** Precomputes the returns and EWMA vols of every coin. */
  public HistoricalScenarioGenerator(PriceHistory history, HistoricalVarParameters parameters) {
    this.history = history;
    this.parameters = parameters;
    this.coins = history.coins();
    this.dailyReturns = new double[coins.size()][];
    this.sigmaBefore = new double[coins.size()][];
    for (int k = 0; k < coins.size(); k++) {
      dailyReturns[k] = HistoricalReturns.dailyLogReturns(history.closes(coins.get(k)));
      double[] variance =
          HistoricalReturns.ewmaVarianceBefore(dailyReturns[k], parameters.ewmaLambda());
      double[] sigma = new double[variance.length];
      for (int i = 0; i < variance.length; i++) {
        sigma[i] = Math.max(Math.sqrt(variance[i]), parameters.minimumDailyVol());
      }
      sigmaBefore[k] = sigma;
    }
  }

  /** The history this generator reads. */
  public PriceHistory history() {
    return history;
  }

  /** The parameters. */
  public HistoricalVarParameters parameters() {
    return parameters;
  }

  /**
   * The EWMA vol forecast of a coin for the day after a date index, daily fraction (floored): what
   * is known at that date's close.
   */
  public double dailyVolAfter(String coin, int dateIndex) {
    int k = coins.indexOf(coin);
    if (k < 0) {
      history.closes(coin); // throws, naming the coin
    }
    return sigmaBefore[k][Math.min(dateIndex + 1, sigmaBefore[k].length - 1)];
  }

  /**
   * The scenarios as of a date: the history up to and including its close.
   *
   * @throws ValidationException when the history has no usable return by then
   */
  public HistoricalScenarioSet asOf(LocalDate date) {
    int a = history.indexOnOrBefore(date);
    HistoricalScenarioSet cached = lastBuilt;
    if (cached != null && a >= 0 && cached.asOf().equals(history.dates().get(a))) {
      return cached;
    }
    int h = parameters.horizonDays();
    boolean overlapping = parameters.horizonScaling() == HorizonScaling.OVERLAPPING;
    int firstUsable = overlapping ? h : 1;
    if (a < firstUsable) {
      throw ValidationException.of(
          "history",
          "no "
              + (overlapping ? h + "-day" : "daily")
              + " return in "
              + history.source()
              + " up to "
              + date
              + ": it starts "
              + (history.size() == 0 ? "never" : history.dates().get(0)));
    }
    int windowStart = Math.max(firstUsable, a - parameters.lookbackDays() + 1);
    double[] sigmaNow = new double[coins.size()];
    for (int k = 0; k < coins.size(); k++) {
      sigmaNow[k] = sigmaBefore[k][a + 1];
    }
    List<HistoricalScenario> scenarios = new ArrayList<>(a - windowStart + 1 + 16);
    List<Integer> stressDates = stressDateIndices(firstUsable, a);
    int nextStress = 0;
    for (int i = firstUsable; i <= a; i++) {
      boolean stress = nextStress < stressDates.size() && stressDates.get(nextStress) == i;
      if (stress) {
        nextStress++;
      }
      if (i < windowStart && !stress) {
        continue;
      }
      scenarios.add(
          scenario(i, stress ? ScenarioSource.STRESS : ScenarioSource.LOOKBACK, sigmaNow));
    }
    List<StressPeriod> missing =
        parameters.stressPeriods().stream()
            .filter(period -> scenarios.stream().noneMatch(sc -> period.contains(sc.date())))
            .toList();
    HistoricalScenarioSet built =
        new HistoricalScenarioSet(
            history.dates().get(a), coins, h, sigmaNow, scenarios, a - windowStart + 1, missing);
    lastBuilt = built;
    return built;
  }

  private List<Integer> stressDateIndices(int firstUsable, int last) {
    List<Integer> out = new ArrayList<>();
    if (parameters.stressPeriods().isEmpty()) {
      return out;
    }
    for (StressPeriod period : parameters.stressPeriods()) {
      int from = Math.max(firstUsable, history.indexOnOrBefore(period.from().minusDays(1)) + 1);
      int to = Math.min(last, history.indexOnOrBefore(period.to()));
      for (int i = from; i <= to; i++) {
        if (!out.contains(i)) {
          out.add(i);
        }
      }
    }
    out.sort(null);
    return out;
  }

  private HistoricalScenario scenario(int i, ScenarioSource source, double[] sigmaNow) {
    int h = parameters.horizonDays();
    boolean overlapping = parameters.horizonScaling() == HorizonScaling.OVERLAPPING;
    boolean filter =
        parameters.weighting() == ReturnWeighting.FILTERED && source == ScenarioSource.LOOKBACK;
    double[] moves = new double[coins.size()];
    double[] volFactors = new double[coins.size()];
    for (int k = 0; k < coins.size(); k++) {
      double[] r = dailyReturns[k];
      double[] sigma = sigmaBefore[k];
      double logReturn;
      int firstDay;
      if (overlapping) {
        firstDay = i - h + 1;
        logReturn = 0;
        for (int j = firstDay; j <= i; j++) {
          logReturn += filter ? HistoricalReturns.filtered(r[j], sigma[j], sigmaNow[k]) : r[j];
        }
      } else {
        firstDay = i;
        double daily = filter ? HistoricalReturns.filtered(r[i], sigma[i], sigmaNow[k]) : r[i];
        logReturn = HistoricalReturns.scaledToHorizon(daily, h);
      }
      moves[k] = HistoricalReturns.priceMove(logReturn);
      double ratio = sigma[i + 1] / sigma[firstDay];
      volFactors[k] =
          Math.min(Math.max(ratio, parameters.volMultiplierFloor()), parameters.volMultiplierCap());
    }
    return new HistoricalScenario(history.dates().get(i), source, moves, volFactors);
  }
}
