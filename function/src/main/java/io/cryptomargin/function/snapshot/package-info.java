/**
 * The {@code snapshot} handler: a market snapshot (inline in an EventBridge event, or a file in the
 * snapshot bucket named by an EventBridge or S3 notification) becomes the risk arrays of every
 * instrument under every configured scenario set, written to DynamoDB, then made current.
 */
package io.cryptomargin.function.snapshot;
