package io.cryptomargin.instrument;

/** Whether an option is a call or a put. */
public enum PutCall {
  CALL,
  PUT;

  /** +1 for a call, -1 for a put: the sign that turns the call formula into the put's. */
  public double sign() {
    return this == CALL ? 1.0 : -1.0;
  }
}
