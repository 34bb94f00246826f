/**
 * The serverless margin function: one Quarkus Amazon Lambda artifact whose handler is chosen by
 * {@code quarkus.lambda.handler} ({@code QUARKUS_LAMBDA_HANDLER}). Handlers are thin: they parse
 * and validate an AWS event, call the engine, and store or publish the result. Everything that is
 * not AWS-specific lives in the engine.
 */
package io.cryptomargin.function;
