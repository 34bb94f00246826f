/**
 * Configuration of the function (the {@code cm.*} keys, mapped from the {@code CM_*} environment
 * variables the infra module sets) and the CDI producers of the AWS SDK clients and stores.
 */
package io.cryptomargin.function.config;
