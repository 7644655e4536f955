package io.newswatch.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the embedded platform runs.
 *
 * @param dataDir holds the broker's log dirs, the registry's H2 file and the child logs
 * @param kafkaPort the PLAINTEXT listener on 127.0.0.1
 * @param controllerPort the KRaft controller listener
 * @param registryPort Apicurio's HTTP port; the Confluent API is at /apis/ccompat/v7
 * @param registryManagementPort Apicurio's health and metrics port
 * @param apicurioHome the unpacked apicurio-registry-app (holds quarkus-run.jar)
 * @param persistentRegistry H2 file under dataDir when true, in-memory H2 when false (tests)
 * @param startTimeout how long to wait for both parts to answer
 */
public record PlatformConfig(
    Path dataDir,
    int kafkaPort,
    int controllerPort,
    int registryPort,
    int registryManagementPort,
    Path apicurioHome,
    boolean persistentRegistry,
    Duration startTimeout) {

  public static final int DEFAULT_KAFKA_PORT = 9092;
  public static final int DEFAULT_CONTROLLER_PORT = 9093;
  public static final int DEFAULT_REGISTRY_PORT = 8081;
  public static final int DEFAULT_REGISTRY_MANAGEMENT_PORT = 8091;

  public PlatformConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    checkPort("kafka port", kafkaPort);
    checkPort("controller port", controllerPort);
    checkPort("registry port", registryPort);
    checkPort("registry management port", registryManagementPort);
    if (java.util.Set.of(kafkaPort, controllerPort, registryPort, registryManagementPort).size() != 4) {
      throw new IllegalArgumentException("platform ports must differ: kafka=" + kafkaPort + " controller=" + controllerPort
          + " registry=" + registryPort + " registry-management=" + registryManagementPort);
    }
    Objects.requireNonNull(apicurioHome, "apicurioHome");
    Objects.requireNonNull(startTimeout, "startTimeout");
    dataDir = dataDir.toAbsolutePath().normalize();
    apicurioHome = apicurioHome.toAbsolutePath().normalize();
  }

  private static void checkPort(String what, int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(what + " must be 1..65535, got " + port);
    }
  }

  /** Fixed default ports, persistent data under {@code dataDir}: the embedded default run. */
  public static PlatformConfig defaults(Path dataDir) {
    return new PlatformConfig(dataDir, DEFAULT_KAFKA_PORT, DEFAULT_CONTROLLER_PORT, DEFAULT_REGISTRY_PORT,
        DEFAULT_REGISTRY_MANAGEMENT_PORT, locateApicurioHome(), true, Duration.ofSeconds(90));
  }

  /**
   * The platform of a newswatch data directory: everything under {@code <data>/platform}, the same for
   * {@code newswatch platform} and {@code newswatch run}. A directory from an older
   * {@code newswatch platform}, which put {@code kafka/} and {@code registry/} directly under
   * {@code <data>}, is moved into place first, so its topics are not left behind.
   */
  public static PlatformConfig forDataDir(Path data) {
    Path root = data.toAbsolutePath().normalize();
    Path platform = root.resolve("platform");
    migrateOldLayout(root, platform);
    return defaults(platform);
  }

  private static void migrateOldLayout(Path root, Path platform) {
    Path oldKafka = root.resolve("kafka");
    if (!Files.exists(oldKafka.resolve("logs/meta.properties")) || Files.exists(platform.resolve("kafka"))) {
      return;
    }
    try {
      Files.createDirectories(platform);
      for (String part : new String[] {"kafka", "registry"}) {
        if (Files.exists(root.resolve(part))) {
          Files.move(root.resolve(part), platform.resolve(part), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
      }
      org.slf4j.LoggerFactory.getLogger(PlatformConfig.class).info(
          "moved the broker and registry data of {} into {} (the layout newswatch run uses)", root, platform);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot move " + oldKafka + " to " + platform.resolve("kafka")
          + " (the layout shared by run and platform): " + e.getMessage() + "; move it by hand", e);
    }
  }

  /** Ephemeral ports and an in-memory registry: for tests. */
  public static PlatformConfig ephemeral(Path dataDir) {
    int[] ports = Ports.freePorts(4); // four distinct ones: one at a time, the system can repeat a port
    return new PlatformConfig(dataDir, ports[0], ports[1], ports[2], ports[3],
        locateApicurioHome(), false, Duration.ofSeconds(90));
  }

  public PlatformConfig withPorts(int kafka, int controller, int registry, int registryManagement) {
    return new PlatformConfig(dataDir, kafka, controller, registry, registryManagement, apicurioHome, persistentRegistry, startTimeout);
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + kafkaPort;
  }

  /** The Confluent-compatible API root, what clients use as {@code schema.registry.url}. */
  public String registryUrl() {
    return "http://127.0.0.1:" + registryPort + "/apis/ccompat/v7";
  }

  /**
   * Finds the unpacked Apicurio server: the {@code newswatch.apicurio.home} property or the
   * {@code NEWSWATCH_APICURIO_HOME} variable, else {@code platform/target/apicurio-registry} next to
   * where our classes were built.
   */
  public static Path locateApicurioHome() {
    String prop = System.getProperty("newswatch.apicurio.home");
    if (prop == null || prop.isBlank()) {
      prop = System.getenv("NEWSWATCH_APICURIO_HOME");
    }
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    try {
      Path code = Path.of(PlatformConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // Built tree: platform/target/classes -> platform/target/apicurio-registry.
      for (Path p = code; p != null; p = p.getParent()) {
        Path candidate = p.resolve("platform/target/apicurio-registry");
        if (Files.isRegularFile(candidate.resolve("quarkus-run.jar"))) {
          return candidate;
        }
        Path sibling = p.resolve("apicurio-registry");
        if (Files.isRegularFile(sibling.resolve("quarkus-run.jar"))) {
          return sibling;
        }
      }
    } catch (Exception e) {
      // Fall through to the relative default; ApicurioRegistryProcess explains if it is missing.
    }
    return Path.of("platform/target/apicurio-registry");
  }
}
