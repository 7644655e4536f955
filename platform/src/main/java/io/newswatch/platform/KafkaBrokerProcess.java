package io.newswatch.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft broker (combined broker + controller) from the Maven Central jars, run as a
 * child JVM on our own class path. Its storage is formatted once, when {@code meta.properties} is
 * missing, so data survives restarts.
 */
public final class KafkaBrokerProcess implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KafkaBrokerProcess.class);

  private final PlatformConfig config;
  private ChildProcess child;

  public KafkaBrokerProcess(PlatformConfig config) {
    this.config = config;
  }

  Path dir() {
    return config.dataDir().resolve("kafka");
  }

  /** Formats the storage if needed and starts the broker; returns without waiting for readiness. */
  public void start() throws IOException, InterruptedException {
    Path logs = dir().resolve("logs");
    Files.createDirectories(logs);
    Path props = dir().resolve("server.properties");
    writeServerProperties(props, logs);
    Path logFile = config.dataDir().resolve("logs/kafka.log");
    if (!Files.exists(logs.resolve("meta.properties"))) {
      format(props, logFile);
    }
    child = ChildProcess.start("kafka-broker", dir(), logFile, jvmArgs(), List.of("kafka.Kafka", props.toString()));
  }

  private List<String> jvmArgs() {
    return List.of("-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
        "-cp", System.getProperty("java.class.path"),
        "-Dlog4j2.configurationFile=" + writeLogConfig(),
        "-Dkafka.logs.dir=" + config.dataDir().resolve("logs"));
  }

  private String writeLogConfig() {
    Path f = dir().resolve("log4j2-broker.properties");
    String cfg = String.join("\n",
        "status = warn",
        "appender.out.type = Console",
        "appender.out.name = OUT",
        "appender.out.layout.type = PatternLayout",
        "appender.out.layout.pattern = %d{ISO8601} %-5p [%c{1}] %m%n",
        "rootLogger.level = WARN",
        "rootLogger.appenderRef.out.ref = OUT",
        "logger.kafka.name = kafka.server.KafkaRaftServer",
        "logger.kafka.level = INFO",
        "");
    try {
      Files.writeString(f, cfg);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return f.toString();
  }

  private void format(Path props, Path logFile) throws IOException, InterruptedException {
    String clusterId = Uuid.randomUuid().toString();
    log.info("formatting broker storage under {} (cluster id {})", dir(), clusterId);
    ChildProcess fmt = ChildProcess.start("kafka-storage-format", dir(), logFile, jvmArgs(),
        List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", props.toString()));
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (fmt.isAlive() && Instant.now().isBefore(deadline)) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
    if (fmt.isAlive()) {
      fmt.kill();
      throw new IOException("formatting Kafka storage timed out; see " + logFile);
    }
    if (!Files.exists(dir().resolve("logs/meta.properties"))) {
      throw new IOException("formatting Kafka storage failed; last log lines:\n" + fmt.tail(20));
    }
  }

  private void writeServerProperties(Path file, Path logs) throws IOException {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + config.controllerPort());
    p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + config.kafkaPort() + ",CONTROLLER://127.0.0.1:" + config.controllerPort());
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + config.kafkaPort());
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    p.setProperty("log.dirs", logs.toString());
    p.setProperty("num.partitions", "3");
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "3");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("transaction.state.log.num.partitions", "3");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("auto.create.topics.enable", "false");
    try (OutputStream out = Files.newOutputStream(file)) {
      p.store(out, "written by newswatch on every start; edit PlatformConfig instead");
    }
  }

  /** Waits until the broker answers a describeCluster call. */
  public void awaitReady(Instant deadline) throws InterruptedException {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
    try (Admin admin = Admin.create(p)) {
      while (true) {
        child.checkAlive();
        try {
          admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes().get(3, TimeUnit.SECONDS);
          return;
        } catch (Exception e) {
          if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException("Kafka broker did not become ready in time; last log lines:\n" + child.tail(30), e);
          }
          TimeUnit.MILLISECONDS.sleep(200);
        }
      }
    }
  }

  public ChildProcess child() {
    return child;
  }

  @Override
  public void close() {
    if (child != null) {
      child.stop(Duration.ofSeconds(30));
    }
  }
}
