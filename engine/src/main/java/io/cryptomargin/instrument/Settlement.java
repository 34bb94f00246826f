package io.cryptomargin.instrument;

/** How a contract pays: in USD-like money, or in the coin itself. */
public enum Settlement {
  /**
   * Premium and P&amp;L in a USD-like currency (USD, USDC, USDT); value proportional to the price.
   */
  LINEAR,
  /**
   * Premium and P&amp;L in the underlying coin (Deribit's BTC and ETH contracts): USD value /
   * price.
   */
  INVERSE
}
