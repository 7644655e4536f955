package io.newswatch.testkit;

import io.newswatch.platform.ApicurioRegistryProcess;
import io.newswatch.platform.PlatformConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The no-Docker backend: an in-process KRaft broker per test class ({@code KafkaClusterTestKit}),
 * and one Apicurio child JVM per test JVM. Sharing the registry is safe because subjects follow
 * topic names, which are unique per test, and it saves 3-6 s and 300 MB per class.
 */
final class EmbeddedBackend implements TestPlatform, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedBackend.class);
  private static volatile SharedRegistry registry;

  private KafkaClusterTestKit cluster;
  private boolean closed;

  EmbeddedBackend() throws Exception {
    this.cluster = startCluster();
    ensureRegistry();
  }

  private static KafkaClusterTestKit startCluster() throws Exception {
    KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
        .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("offsets.topic.num.partitions", "3")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("transaction.state.log.num.partitions", "3")
        .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
        .setConfigProp("share.coordinator.state.topic.min.isr", "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .build();
    kit.format();
    kit.startup();
    kit.waitForReadyBrokers();
    return kit;
  }

  private static synchronized void ensureRegistry() throws Exception {
    if (registry == null) {
      registry = new SharedRegistry();
      Runtime.getRuntime().addShutdownHook(new Thread(registry::close, "newswatch-testkit-registry-stop"));
    }
  }

  @Override
  public String backend() {
    return "embedded";
  }

  @Override
  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  @Override
  public String registryUrl() {
    return registry.config.registryUrl();
  }

  @Override
  public void restartBroker() throws Exception {
    // The kit cannot restart a node on the same listener, so a restart here is a stop of the
    // broker's network plus start; KafkaClusterTestKit exposes brokers for exactly this.
    var broker = cluster.brokers().values().iterator().next();
    broker.shutdown();
    broker.awaitShutdown();
    broker.startup();
    cluster.waitForReadyBrokers();
  }

  @Override
  public synchronized void close() throws Exception {
    // KafkaClusterTestKit.close() is not idempotent: a second call throws.
    if (!closed) {
      closed = true;
      cluster.close();
    }
  }

  /** One Apicurio child JVM for the whole test JVM. */
  private static final class SharedRegistry {
    final PlatformConfig config;
    final ApicurioRegistryProcess process;

    SharedRegistry() throws Exception {
      Path dir = Files.createTempDirectory("newswatch-it-registry");
      config = PlatformConfig.ephemeral(dir);
      process = new ApicurioRegistryProcess(config);
      Instant t0 = Instant.now();
      process.start();
      process.awaitReady(t0.plus(config.startTimeout()));
      log.info("testkit: Apicurio Registry ready at {} in {} ms", config.registryUrl(),
          java.time.Duration.between(t0, Instant.now()).toMillis());
    }

    void close() {
      process.close();
    }
  }
}
