/**
 * cryptomargin: a portfolio-margin engine for crypto derivatives.
 *
 * <p>Layers, each depending only on those before it: {@code instrument → market → pricing →
 * scenario → riskarray → margin → report}, with {@code io} (JSON/CSV) and {@code cli} at the edge.
 * {@code validation} holds the error type every layer reports bad input with.
 */
package io.cryptomargin;
