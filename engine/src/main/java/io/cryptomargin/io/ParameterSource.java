package io.cryptomargin.io;

/**
 * Where one parameter value of a model file comes from (METHODOLOGY 0).
 *
 * @param tag D (documented by the venue or regulator), D-num (forced by the venue's published
 *     numbers), T (third-party replication, unverified), I (inferred from the form of documented
 *     formulas) or P (this project's own default, no venue source)
 * @param source a URL or document name
 * @param date when the value was published or read (ISO date)
 * @param note a remark, e.g. "unpublished: off" ("" when none)
 */
public record ParameterSource(String tag, String source, String date, String note) {}
