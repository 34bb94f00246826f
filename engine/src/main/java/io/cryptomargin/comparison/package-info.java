/**
 * Rules-based and portfolio margin side by side for the same book and snapshot, like with like
 * (METHODOLOGY section 5): requirement, collateral, free collateral, capital consumed and the
 * capital efficiency gain, per underlying and in total; and which margin applies to the account.
 * {@code report.ComparisonText} renders it as text.
 *
 * <p>Units: USD throughout; gains are fractions (0.8 = 80% less capital consumed under portfolio
 * margin).
 */
package io.cryptomargin.comparison;
