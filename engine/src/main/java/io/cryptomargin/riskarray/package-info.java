/**
 * Risk arrays: the loss of one long contract in each scenario of a set (settlement currency, loss
 * positive, weights applied), plus its composite delta, computed once per snapshot and cached.
 * {@link io.cryptomargin.riskarray.RiskArrayCalculator} is the one place that loops instruments ×
 * scenarios; {@link io.cryptomargin.riskarray.RiskArrayStore} is where arrays are kept.
 */
package io.cryptomargin.riskarray;
