/**
 * JMH benchmarks of the engine. Every timing is reported as a ratio against a peer measured in the
 * same run: the Black formula of OpenGamma Strata and finmath-lib for option pricing, a bare loop
 * of Black-76 evaluations for risk-array builds. Timings live here, never in unit tests; the tests
 * of this module check that the peers compute the same numbers as the engine and run every
 * benchmark once so the suite does not rot.
 */
package io.cryptomargin.benchmarks;
