package io.newswatch.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded platform starts real Kafka and Apicurio, keeps data across a restart and stops cleanly. */
class EmbeddedPlatformIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  Path dataDir;

  @Test
  void shouldKeepTopicsAndSchemasWhenRestartedOnTheSameDataDir() throws Exception {
    PlatformConfig config = PlatformConfig.ephemeral(dataDir);
    config = new PlatformConfig(config.dataDir(), config.kafkaPort(), config.controllerPort(), config.registryPort(),
        config.registryManagementPort(), config.apicurioHome(), true, config.startTimeout());
    long brokerPid;
    long registryPid;
    try (EmbeddedPlatform platform = EmbeddedPlatform.start(config)) {
      brokerPid = platform.broker().child().pid();
      registryPid = platform.registry().child().pid();
      try (Admin admin = admin(platform)) {
        admin.createTopics(List.of(new NewTopic("platform.it", 2, (short) 1))).all().get();
      }
      HttpResponse<String> reg = HTTP.send(HttpRequest.newBuilder(URI.create(platform.registryUrl() + "/subjects/platform.it-value/versions"))
          .header("Content-Type", "application/vnd.schemaregistry.v1+json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"{\\\"type\\\":\\\"string\\\"}\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(reg.statusCode()).as(reg.body()).isEqualTo(200);
    }
    assertThat(ProcessHandle.of(brokerPid).map(ProcessHandle::isAlive).orElse(false)).as("broker stopped").isFalse();
    assertThat(ProcessHandle.of(registryPid).map(ProcessHandle::isAlive).orElse(false)).as("registry stopped").isFalse();

    try (EmbeddedPlatform platform = EmbeddedPlatform.start(config)) {
      try (Admin admin = admin(platform)) {
        Set<String> names = admin.listTopics().names().get();
        assertThat(names).contains("platform.it");
      }
      HttpResponse<String> subjects = HTTP.send(HttpRequest.newBuilder(URI.create(platform.registryUrl() + "/subjects")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(subjects.body()).contains("platform.it-value");
    }
  }

  @Test
  void shouldRefuseASecondPlatformOnTheSameDataDir() throws Exception {
    PlatformConfig config = PlatformConfig.ephemeral(dataDir);
    try (EmbeddedPlatform first = EmbeddedPlatform.start(config)) {
      PlatformConfig other = PlatformConfig.ephemeral(dataDir);
      assertThatThrownBy(() -> EmbeddedPlatform.start(other))
          .hasMessageContaining("another newswatch platform is using");
      assertThat(first.broker().child().isAlive()).isTrue();
    }
  }

  @Test
  void shouldRestartTheBrokerWhenItDiesUnderSupervision() throws Exception {
    try (EmbeddedPlatform platform = EmbeddedPlatform.start(PlatformConfig.ephemeral(dataDir))) {
      platform.supervise();
      long before = platform.broker().child().pid();

      platform.broker().child().kill();

      org.awaitility.Awaitility.await("a new broker answers").atMost(java.time.Duration.ofSeconds(60))
          .ignoreExceptions().until(() -> {
            try (Admin admin = admin(platform)) {
              return platform.broker().child().pid() != before
                  && !admin.describeCluster().nodes().get(2, java.util.concurrent.TimeUnit.SECONDS).isEmpty();
            }
          });
    }
  }

  private static Admin admin(EmbeddedPlatform platform) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
    return Admin.create(p);
  }
}
