/**
 * The book and the result shapes every margin model shares: an account's positions and collateral
 * ({@code Portfolio}, {@code Position}), the USD rates they are valued at ({@code UsdRates}), the
 * checks a book passes before any model margins it ({@code BookCheck}), its instruments ({@code
 * BookInstruments}), and the account and commodity results the risk-based models report ({@code
 * AccountMargin}, {@code CommodityMargin}, {@code PositionContribution}, {@code MarginStatus},
 * {@code ParameterSetRef}), with the options and charges they share ({@code MarginMode}, {@code
 * AccountType}, {@code ModelProfile}, {@code MarginParameters}, {@code InterCommodityPair}).
 *
 * <p>It sits below the margin models ({@code margin}, {@code rules}, {@code historical}) so they
 * use one book without importing each other.
 *
 * <p>Units: account figures in USD; commodity figures in the commodity's settlement currency unless
 * the name ends in {@code Usd}; quantities count contracts; rates are USD per coin.
 */
package io.cryptomargin.book;
