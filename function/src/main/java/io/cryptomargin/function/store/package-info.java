/**
 * DynamoDB storage of risk arrays: the item layout and binary encoding, batched reads and writes
 * with bounded retries, and the "current snapshot" pointer that makes a snapshot's arrays visible
 * to readers only once all of them are written.
 */
package io.cryptomargin.function.store;
