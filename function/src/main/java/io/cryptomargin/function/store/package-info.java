/**
 * DynamoDB storage: risk arrays (the item layout and binary encoding, batched reads and writes with
 * bounded retries, and the "current snapshot" pointer that makes a snapshot's arrays visible to
 * readers only once all of them are written), accounts whose item carries the whole open book (so
 * many accounts are read as consistent states in one BatchGetItem), and margin results written by
 * compare-and-set, many per transaction.
 */
package io.cryptomargin.function.store;
