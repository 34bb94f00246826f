/**
 * cryptomargin: a portfolio-margin engine for crypto derivatives.
 *
 * <p>Layers, each depending only on those before it (peers on one rung never use each other):
 * {@code validation → instrument → market → pricing | scenario → riskarray → book → margin | rules
 * | historical → backtest | comparison → report → demo → io → cli}. {@code validation} holds the
 * error type every layer reports bad input with; {@code book} the portfolio and the result shapes
 * the margin models share; {@code io} (JSON/CSV) and {@code cli} are the edge. {@code
 * EngineArchitectureTest} checks the ladder.
 */
package io.cryptomargin;
