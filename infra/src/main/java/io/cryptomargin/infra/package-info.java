/**
 * The AWS deployment of cryptomargin, written with the AWS CDK for Java.
 *
 * <p>{@link io.cryptomargin.infra.CryptomarginApp} is the CDK app that {@code cdk.json} runs;
 * {@link io.cryptomargin.infra.CryptomarginStack} holds every resource of one stage, composed of
 * {@link io.cryptomargin.infra.Storage}, {@link io.cryptomargin.infra.Messaging}, {@link
 * io.cryptomargin.infra.MarginFunctions}, {@link io.cryptomargin.infra.MarginApi} and {@link
 * io.cryptomargin.infra.Alarms}; the differences between stages live only in {@link
 * io.cryptomargin.infra.StageConfig}. The names the function module reads (environment variables,
 * event sources and detail types) are fixed in {@link io.cryptomargin.infra.FunctionContract} so
 * both sides can refer to one list.
 */
package io.cryptomargin.infra;
