/**
 * The embedded platform: real Kafka and a real schema registry on one machine, without Docker.
 *
 * <p>{@link io.newswatch.platform.EmbeddedPlatform} starts a single-node KRaft broker
 * ({@link io.newswatch.platform.KafkaBrokerProcess}, the Maven Central jars in a child JVM) and Apicurio
 * Registry ({@link io.newswatch.platform.ApicurioRegistryProcess}, the ready server from Maven Central in
 * a child JVM), each under one data directory. Every child carries a {@link
 * io.newswatch.platform.ParentWatchdog} agent, so it exits when its parent dies, even on SIGKILL: no
 * orphans holding ports. For long runs, {@link io.newswatch.platform.EmbeddedPlatform#supervise()}
 * restarts a child that died. {@code newswatch run} and {@code newswatch platform} keep it under
 * {@code <data-dir>/platform} ({@link io.newswatch.platform.PlatformConfig#forDataDir}).
 */
package io.newswatch.platform;
