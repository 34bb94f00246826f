/**
 * Portfolio margin on one mark-to-market basis (METHODOLOGY 1a): equity holds every position at its
 * price, every requirement is the further loss beyond it. Three aggregations over the same linear
 * risk arrays: SPAN's ({@code span-16}: scan, calendar charge, inter-commodity credit, short option
 * minimum, IM by account type), Deribit's 2024 risk-matrix margin ({@code crypto-pm}: dampened
 * extended cells, roll shock, cross or segregated currencies, MM = 0.8 × IM) and FINRA's ({@code
 * tims}: ten points and a per-contract floor, IM = MM). The book it margins and the account results
 * it reports are in {@code book}, shared with the rules-based ({@code rules}) and historical
 * ({@code historical}) models, which never import this package.
 *
 * <p>Units: commodity figures are in the commodity's settlement currency (USD-like money, or the
 * coin for inverse books); account figures are in USD. Quantities count contracts, deltas and
 * per-contract charges count coins of underlying (quantity × contract size).
 */
package io.cryptomargin.margin;
