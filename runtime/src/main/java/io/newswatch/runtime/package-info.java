/**
 * Plumbing every newswatch service shares, so each stage holds only its own logic.
 *
 * <p>{@link io.newswatch.runtime.Settings} layers configuration (defaults, a file, environment
 * variables, flags) and passes {@code kafka.*} keys straight to the clients; {@link
 * io.newswatch.runtime.ManagementServer} serves liveness, readiness and Prometheus metrics on the one
 * hardened HTTP server every port uses ({@link io.newswatch.runtime.http}); {@link
 * io.newswatch.runtime.KafkaConnectivity} tells readiness whether the cluster answers; {@link
 * io.newswatch.runtime.BoundedShutdown} keeps a stop under its deadline with the broker gone; {@link
 * io.newswatch.runtime.TopicProvisioner} creates the catalog's topics when missing; {@link
 * io.newswatch.runtime.DeadLetters} builds the dead-letter records every stage writes; {@link
 * io.newswatch.runtime.LogSafe} escapes outside values (and masks URL credentials) before they are logged.
 */
package io.newswatch.runtime;
