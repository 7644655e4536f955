package io.newswatch.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Apicurio Registry 3.3 (the ready Quarkus server from Maven Central) as a child JVM. It serves the
 * Confluent Schema Registry API at {@code /apis/ccompat/v7}; storage is an H2 file under the data
 * directory, or in-memory H2 for tests.
 */
public final class ApicurioRegistryProcess implements AutoCloseable {
  private final PlatformConfig config;
  private ChildProcess child;

  public ApicurioRegistryProcess(PlatformConfig config) {
    this.config = config;
  }

  public void start() throws IOException {
    Path jar = config.apicurioHome().resolve("quarkus-run.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IOException("Apicurio Registry is not unpacked at " + config.apicurioHome()
          + ": run ./mvnw -pl platform package (it unpacks io.apicurio:apicurio-registry-app:3.3.3:tar.gz:all), "
          + "or set NEWSWATCH_APICURIO_HOME / -Dnewswatch.apicurio.home to its folder");
    }
    Path dir = config.dataDir().resolve("registry");
    Files.createDirectories(dir);
    List<String> jvm = new ArrayList<>(List.of(
        "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dquarkus.http.host=127.0.0.1",
        "-Dquarkus.http.port=" + config.registryPort(),
        "-Dquarkus.management.host=127.0.0.1",
        "-Dquarkus.management.port=" + config.registryManagementPort(),
        "-Dquarkus.log.level=WARN",
        "-Dquarkus.log.category.\"io.quarkus\".level=INFO"));
    if (config.persistentRegistry()) {
      jvm.add("-Dapicurio.datasource.url=jdbc:h2:file:" + dir.resolve("registry-db").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE");
    }
    child = ChildProcess.start("apicurio-registry", dir, config.dataDir().resolve("logs/registry.log"), jvm,
        List.of("-jar", jar.toString()));
  }

  /** Waits for /health/ready on the management port and for the Confluent API to answer. */
  public void awaitReady(Instant deadline) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI health = URI.create("http://127.0.0.1:" + config.registryManagementPort() + "/health/ready");
    URI subjects = URI.create(config.registryUrl() + "/subjects");
    while (true) {
      child.checkAlive();
      if (ok(http, health) && ok(http, subjects)) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("Apicurio Registry did not become ready in time; last log lines:\n" + child.tail(30));
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }

  private static boolean ok(HttpClient http, URI uri) throws InterruptedException {
    try {
      HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
          HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  public ChildProcess child() {
    return child;
  }

  @Override
  public void close() {
    if (child != null) {
      child.stop(Duration.ofSeconds(20));
    }
  }
}
