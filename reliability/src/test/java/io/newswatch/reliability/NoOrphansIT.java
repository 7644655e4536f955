package io.newswatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswatch.platform.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash of {@code newswatch platform} (SIGKILL: no shutdown hook runs) must not leave its broker
 * and registry JVMs behind holding the ports: each child watches its parent and exits with it.
 */
class NoOrphansIT {
  @TempDir
  Path dir;

  @Test
  void shouldStopTheBrokerAndRegistryWhenThePlatformProcessIsKilled() {
    int[] ports = Ports.freePorts(4);
    int kafka = ports[0];
    int registry = ports[1];
    List<String> args = List.of("platform", "--data-dir", dir.resolve("data").toString(),
        "--kafka-port", Integer.toString(kafka), "--controller-port", Integer.toString(ports[2]),
        "--registry-port", Integer.toString(registry),
        "--registry-management-port", Integer.toString(ports[3]));
    try (CliProcess platform = CliProcess.of("platform", dir, args, Map.of()).start()) {
      await("platform ready").atMost(Duration.ofMinutes(2)).until(() -> platform.output().contains("newswatch platform ready"));
      List<ProcessHandle> children = platform.descendants();
      assertThat(children).as("broker and registry child JVMs").hasSizeGreaterThanOrEqualTo(2);
      assertThat(Ports.inUse(kafka)).isTrue();

      platform.kill();

      await("children gone").atMost(Duration.ofSeconds(60)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
      await("ports free").atMost(Duration.ofSeconds(10)).until(() -> !Ports.inUse(kafka) && !Ports.inUse(registry));
    }
  }
}
