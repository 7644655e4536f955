/**
 * Plumbing every newswatch service shares, so each stage holds only its own logic.
 *
 * <p>{@link io.newswatch.runtime.Settings} layers configuration (defaults, a file, environment
 * variables, flags) and passes {@code kafka.*} keys straight to the clients; {@link
 * io.newswatch.runtime.ManagementServer} serves liveness, readiness and Prometheus metrics; {@link
 * io.newswatch.runtime.TopicProvisioner} creates the catalog's topics when missing; {@link
 * io.newswatch.runtime.DeadLetters} builds the dead-letter records every stage writes; {@link
 * io.newswatch.runtime.LogSafe} escapes outside values (and masks URL credentials) before they are logged.
 */
package io.newswatch.runtime;
