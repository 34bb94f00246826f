package io.cryptomargin.historical;

/** How daily history becomes an h-day scenario. */
public enum HorizonScaling {
  /** Each daily log return × √h: one scenario per day, assumes i.i.d. returns. */
  SQUARE_ROOT_OF_TIME,
  /** Overlapping h-day log returns ln(c[t]/c[t−h]): keeps autocorrelation, scenarios share days. */
  OVERLAPPING
}
