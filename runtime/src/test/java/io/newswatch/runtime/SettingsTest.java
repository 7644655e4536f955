package io.newswatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
  private static final Path YAML = Path.of("src/test/resources/config/service.yaml");

  @Test
  void shouldLetEachLayerOverrideTheOneBelow() {
    Settings s = Settings.load(
        Map.of("enrich.dedup.horizon", "1d", "a.b", "default"),
        YAML,
        Map.of("NEWSWATCH_KAFKA_BOOTSTRAP_SERVERS", "broker-from-env:9092", "NEWSWATCH_A_B", "env", "PATH", "/bin"),
        Map.of("a.b", "flag"));
    assertThat(s.get("kafka.bootstrap.servers")).isEqualTo("broker-from-env:9092");
    assertThat(s.get("registry.url")).isEqualTo("http://registry-from-file:8081/apis/ccompat/v7");
    assertThat(s.getDuration("enrich.dedup.horizon")).isEqualTo(Duration.ofDays(7));
    assertThat(s.get("enrich.languages")).isEqualTo("ar,en");
    assertThat(s.get("a.b")).isEqualTo("flag");
    assertThat(s.has("path")).isFalse();
  }

  @Test
  void shouldPassKafkaKeysStraightThroughWithoutThePrefix() {
    Settings s = Settings.load(Map.of(), YAML, Map.of("NEWSWATCH_KAFKA_SASL_MECHANISM", "PLAIN"), Map.of());
    var p = s.kafkaProperties();
    assertThat(p.getProperty("security.protocol")).isEqualTo("SASL_SSL");
    assertThat(p.getProperty("sasl.mechanism")).isEqualTo("PLAIN");
    assertThat(p.getProperty("bootstrap.servers")).isEqualTo("broker-from-file:9092");
    assertThat(p.stringPropertyNames()).noneMatch(k -> k.startsWith("kafka."));
  }

  @Test
  void shouldNameTheKeyWhenAValueIsInvalid() {
    Settings s = Settings.of(Map.of("management.port", "eighty", "enrich.dedup.horizon", "7 fortnights"));
    assertThatThrownBy(() -> s.getInt("management.port", 0, 65535))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'management.port'")
        .hasMessageContaining("an integer from 0 to 65535");
    assertThatThrownBy(() -> s.getDuration("enrich.dedup.horizon"))
        .hasMessageContaining("'enrich.dedup.horizon'");
    assertThatThrownBy(() -> s.get("ingest.http.token"))
        .hasMessageContaining("NEWSWATCH_INGEST_HTTP_TOKEN");
  }

  @Test
  void shouldMapDoubleUnderscoreToDashWhenReadingTheEnvironment() {
    assertThat(Settings.fromEnv(Map.of("NEWSWATCH_REGISTRY_AUTO__REGISTER", "true")))
        .containsEntry("registry.auto-register", "true");
  }

  @Test
  void shouldMaskSecretsWhenPrinted() {
    Settings s = Settings.of(Map.of("ingest.http.token", "s3cr3t-token", "kafka.sasl.jaas.config", "user=x password=y"));
    assertThat(s.toString()).doesNotContain("s3cr3t-token").doesNotContain("password=y").contains("******");
  }

  @Test
  void shouldRejectAMissingConfigFileWithItsPath() {
    assertThatThrownBy(() -> Settings.load(Map.of(), Path.of("nope.yaml"), Map.of(), Map.of()))
        .hasMessageContaining("nope.yaml");
  }

  @Test
  void shouldBuildTheRegistryConfigFromTheSettings() {
    Settings s = Settings.of(Map.of("registry.url", "http://r:1/apis/ccompat/v7/", "registry.auto-register", "true"));
    assertThat(s.registryConfig().url().toString()).isEqualTo("http://r:1/apis/ccompat/v7");
    assertThat(s.registryConfig().autoRegister()).isTrue();
    assertThatThrownBy(() -> Settings.of(Map.of("registry.url", "ftp://x")).registryConfig())
        .hasMessageContaining("'registry.url'");
  }

  @Test
  void shouldTellWhereEachValueCameFromWhenLayered() {
    Settings s = Settings.load(Map.of("a.b", "default", "c.d", "default"), YAML,
        Map.of("NEWSWATCH_KAFKA_SASL_MECHANISM", "PLAIN"), Map.of("a.b", "flag"));

    assertThat(s.origin("a.b")).isEqualTo("--set a.b");
    assertThat(s.origin("c.d")).isEqualTo(Settings.FROM_DEFAULTS);
    assertThat(s.origin("kafka.sasl.mechanism")).isEqualTo("environment variable NEWSWATCH_KAFKA_SASL_MECHANISM");
    assertThat(s.origin("registry.url")).contains("config file").contains("service.yaml");
    assertThat(s.with(Map.of("c.d", "x")).origin("c.d")).isEqualTo(Settings.FROM_OPTIONS);
  }
}
