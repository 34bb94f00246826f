/**
 * The built-in demonstration: rules-based and portfolio margin side by side on the strategies a
 * trader asks about first, on a mixed BTC/ETH book and on a book built on a real Deribit chain.
 * Data comes in as snapshots (the command loads the bundled files); nothing here reads files.
 *
 * <p>Units: USD; gains are fractions.
 */
package io.cryptomargin.demo;
