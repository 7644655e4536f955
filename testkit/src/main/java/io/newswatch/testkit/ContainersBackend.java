package io.newswatch.testkit;

import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The Docker backend: the {@code apache/kafka} image per test class and the {@code
 * apicurio/apicurio-registry} image per test JVM, the same versions the embedded backend runs.
 */
final class ContainersBackend implements TestPlatform, AutoCloseable {
  static final String KAFKA_IMAGE = "apache/kafka:4.3.1";
  static final String REGISTRY_IMAGE = "apicurio/apicurio-registry:3.3.3";
  private static volatile GenericContainer<?> registry;

  private final KafkaContainer kafka;

  ContainersBackend() {
    kafka = new KafkaContainer(KAFKA_IMAGE);
    kafka.start();
    ensureRegistry();
  }

  @SuppressWarnings("resource")
  private static synchronized void ensureRegistry() {
    if (registry == null) {
      GenericContainer<?> r = new GenericContainer<>(REGISTRY_IMAGE)
          .withExposedPorts(8080)
          .waitingFor(Wait.forHttp("/apis/ccompat/v7/subjects").forPort(8080).withStartupTimeout(Duration.ofMinutes(2)));
      r.start();
      registry = r;
      Runtime.getRuntime().addShutdownHook(new Thread(r::stop, "newswatch-testkit-registry-stop"));
    }
  }

  @Override
  public String backend() {
    return "testcontainers";
  }

  @Override
  public String bootstrapServers() {
    return kafka.getBootstrapServers();
  }

  @Override
  public String registryUrl() {
    return "http://" + registry.getHost() + ":" + registry.getMappedPort(8080) + "/apis/ccompat/v7";
  }

  @Override
  public void restartBroker() {
    // Docker keeps the container's file system across stop/start, so data survives.
    var docker = kafka.getDockerClient();
    docker.stopContainerCmd(kafka.getContainerId()).exec();
    docker.startContainerCmd(kafka.getContainerId()).exec();
  }

  @Override
  public void close() {
    kafka.stop();
  }
}
