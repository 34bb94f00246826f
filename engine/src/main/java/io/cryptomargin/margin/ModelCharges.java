package io.cryptomargin.margin;

/**
 * How a model turns the summed risk arrays of a book into its requirements: SPAN's charges ({@link
 * SpanCharges}), Deribit's risk-matrix margin ({@link CryptoPmCharges}) or FINRA's per-contract
 * floor ({@link TimsCharges}).
 */
public sealed interface ModelCharges permits SpanCharges, CryptoPmCharges, TimsCharges {}
