package io.cryptomargin.function.api;

/**
 * What one API request may carry. Each bound is far above what a desk sends and well below what
 * would hurt the instance or the shared cache; every one is enforced with a 400 naming the field,
 * and documented in the OpenAPI document ({@code openapi.yaml}) with the same figures.
 */
public final class ApiLimits {
  /** Largest request body, after base64 decoding: 256 KiB (a 500-leg book is about 40 KiB). */
  public static final int MAX_BODY_BYTES = 256 * 1024;

  /** Most positions in a posted book. */
  public static final int MAX_POSITIONS = 500;

  /** Most what-if trades in one request. */
  public static final int MAX_WHAT_IF_TRADES = 50;

  /** Longest account id, in UTF-8 bytes (DynamoDB's key limit is 2,048; ids are far shorter). */
  public static final int MAX_ACCOUNT_ID_BYTES = 256;

  /** Longest instrument name, in UTF-8 bytes (Deribit's longest are about 25). */
  public static final int MAX_INSTRUMENT_BYTES = 64;

  /** Largest quantity of one position or trade, contracts either way (the engine's input range). */
  public static final double MAX_ABS_QUANTITY =
      io.cryptomargin.validation.InputRange.QUANTITY.high();

  /** Most collateral currencies of a posted book. */
  public static final int MAX_COLLATERAL_CURRENCIES = 20;

  /**
   * Most risk arrays one request writes back to the shared cache (one BatchWriteItem): arrays of
   * further uncached instruments are computed for the request and not kept.
   */
  public static final int MAX_CACHE_WRITES = 25;

  private ApiLimits() {}
}
