package io.newswatch.reliability;

import io.newswatch.platform.EmbeddedPlatform;
import io.newswatch.platform.PlatformConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A broker and a registry of the test's own, each a separate JVM on ephemeral ports (the platform
 * module's {@link EmbeddedPlatform}), so a test can stop and start either like a real outage. The
 * registry keeps its schemas in an H2 file, so they survive its restart.
 */
final class OwnPlatform implements AutoCloseable {
  private final EmbeddedPlatform platform;

  private OwnPlatform(EmbeddedPlatform platform) {
    this.platform = platform;
  }

  static OwnPlatform start(Path dataDir) throws IOException, InterruptedException {
    PlatformConfig e = PlatformConfig.ephemeral(dataDir);
    PlatformConfig persistent = new PlatformConfig(e.dataDir(), e.kafkaPort(), e.controllerPort(), e.registryPort(),
        e.registryManagementPort(), e.apicurioHome(), true, Duration.ofSeconds(120));
    return new OwnPlatform(EmbeddedPlatform.start(persistent));
  }

  String bootstrapServers() {
    return platform.bootstrapServers();
  }

  String registryUrl() {
    return platform.registryUrl();
  }

  /** Stops the broker (SIGTERM, as an orderly restart would) and starts it again on the same storage. */
  void restartBroker(Duration down) throws IOException, InterruptedException {
    platform.broker().close();
    Awaits.pause(down.toMillis());
    platform.broker().start();
    platform.broker().awaitReady(Instant.now().plus(Duration.ofSeconds(120)));
  }

  /** Freezes the broker (SIGSTOP): it accepts connections and never answers, the hardest outage for clients. */
  void freezeBroker() throws IOException, InterruptedException {
    signalBroker("-STOP");
  }

  /** Lets a frozen broker run again (SIGCONT). */
  void thawBroker() throws IOException, InterruptedException {
    signalBroker("-CONT");
  }

  private void signalBroker(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", signal, Long.toString(platform.broker().child().pid())).start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill " + signal + " of the broker failed");
    }
  }

  /** Stops the registry (SIGTERM); {@link #startRegistry} brings it back on the same H2 file. */
  void stopRegistry() {
    platform.registry().close();
  }

  void startRegistry() throws IOException, InterruptedException {
    platform.registry().start();
    platform.registry().awaitReady(Instant.now().plus(Duration.ofSeconds(120)));
  }

  @Override
  public void close() {
    platform.close();
  }
}
