/**
 * Test harness: gives integration tests a real Kafka broker and a real schema registry.
 *
 * <p>Annotate a test class with {@link io.newswatch.testkit.WithPlatform} and take a {@link
 * io.newswatch.testkit.TestPlatform} parameter. The backend is chosen by {@code
 * -Dnewswatch.it.backend=embedded|testcontainers|auto}: {@code embedded} runs the broker in-process
 * ({@code KafkaClusterTestKit}) and Apicurio as a child JVM; {@code testcontainers} runs the {@code
 * apache/kafka} and {@code apicurio/apicurio-registry} images; {@code auto} picks Testcontainers only
 * when a Docker engine answers. The choice is explicit because an engine that cannot pull images
 * makes Testcontainers retry for minutes.
 */
package io.newswatch.testkit;
