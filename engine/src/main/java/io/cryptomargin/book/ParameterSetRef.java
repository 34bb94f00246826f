package io.cryptomargin.book;

/**
 * Which parameters a result used, so it can be reproduced.
 *
 * @param id parameter set id (the model id)
 * @param version parameter version
 */
public record ParameterSetRef(String id, String version) {}
