package io.newswatch.cli;

import io.newswatch.platform.EmbeddedPlatform;
import io.newswatch.platform.PlatformConfig;
import io.newswatch.runtime.TopicProvisioner;
import io.newswatch.schemas.Topics;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code newswatch platform}: just the broker and the registry, until Ctrl-C. */
@Command(name = "platform", mixinStandardHelpOptions = true,
    description = "Start the embedded Kafka broker and Apicurio schema registry, and keep them running until Ctrl-C.")
public final class PlatformCommand implements Callable<Integer> {
  @Option(names = "--data-dir", defaultValue = "data", description = "The data directory, as for run: broker and "
      + "registry data live in <data-dir>/platform (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--kafka-port", defaultValue = "9092") int kafkaPort;
  @Option(names = "--controller-port", defaultValue = "9093") int controllerPort;
  @Option(names = "--registry-port", defaultValue = "8081") int registryPort;
  @Option(names = "--registry-management-port", defaultValue = "8091") int registryManagementPort;

  @Override
  public Integer call() throws Exception {
    PlatformConfig config = config();
    EmbeddedPlatform platform = EmbeddedPlatform.start(config);
    platform.supervise();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      platform.close();
      stopped.countDown();
    }, "newswatch-platform-stop"));
    Properties kafka = new Properties();
    kafka.put("bootstrap.servers", platform.bootstrapServers());
    TopicProvisioner.ensure(kafka, Topics.ALL);
    System.out.println("newswatch platform ready: kafka=" + platform.bootstrapServers() + " registry=" + platform.registryUrl()
        + " data=" + config.dataDir());
    System.out.flush();
    stopped.await();
    return 0;
  }

  /** The platform of {@code --data-dir}: the same directories {@code newswatch run} uses. */
  PlatformConfig config() {
    return PlatformConfig.forDataDir(dataDir).withPorts(kafkaPort, controllerPort, registryPort, registryManagementPort);
  }
}
