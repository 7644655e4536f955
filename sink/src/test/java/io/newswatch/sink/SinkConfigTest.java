package io.newswatch.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.runtime.ConfigException;
import io.newswatch.runtime.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkConfigTest {

    @Test
    void shouldUseCatalogTopicsAndDocumentedDefaultsWhenNothingIsSet() {
        SinkConfig config = SinkConfig.from(Settings.of(Map.of()));

        assertThat(config.groupId()).isEqualTo("newswatch-sink");
        assertThat(config.alertsTopic()).isEqualTo("news.alerts");
        assertThat(config.subscriptionsTopic()).isEqualTo("news.subscriptions");
        assertThat(config.dlqTopic()).isEqualTo("news.sink.dlq");
        assertThat(config.fileDir()).isEqualTo(Path.of("data"));
        assertThat(config.stateDir()).isEqualTo(Path.of("data/sink"));
        assertThat(config.postgresUrl()).isEqualTo(SinkConfig.DEFAULT_POSTGRES_URL);
        assertThat(config.livePort()).isEqualTo(8080);
        assertThat(config.liveHost()).isEqualTo("127.0.0.1");
        assertThat(config.seed()).isEmpty();
        assertThat(config.webhook().maxAttempts()).as("no cap but the retry window").isZero();
        assertThat(config.webhook().retryFor()).isEqualTo(java.time.Duration.ofHours(24));
        assertThat(config.liveAllowedHosts()).isEmpty();
        assertThat(config.fileAllowedDirs()).isEmpty();
        assertThat(config.liveRestore()).as("the story window").isEqualTo(java.time.Duration.ofHours(48));
        assertThat(config.kafka()).containsEntry("bootstrap.servers", "127.0.0.1:9092");
    }

    @Test
    void shouldTurnTheLiveRestoreOffWhenItIsZeroAndNameTheKeyWhenItIsNotADuration() {
        assertThat(SinkConfig.from(Settings.of(Map.of(SinkConfig.LIVE_RESTORE, "0s"))).liveRestore()).isZero();
        assertThatThrownBy(() -> SinkConfig.from(Settings.of(Map.of(SinkConfig.LIVE_RESTORE, "two days"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SinkConfig.LIVE_RESTORE);
    }

    @Test
    void shouldTakeOverridesWhenKeysAreSet() {
        SinkConfig config = SinkConfig.from(Settings.of(Map.of(
                SinkConfig.GROUP_ID, "sink-2",
                SinkConfig.TOPIC_ALERTS, "t.alerts",
                SinkConfig.LIVE_PORT, "-1",
                SinkConfig.SEED, "conf/subscriptions.yaml",
                SinkConfig.WEBHOOK_MAX_ATTEMPTS, "2",
                SinkConfig.WEBHOOK_INITIAL_BACKOFF, "10ms",
                SinkConfig.DELIVERY_TIMEOUT, "45s",
                "kafka.security.protocol", "SASL_SSL")));

        assertThat(config.groupId()).isEqualTo("sink-2");
        assertThat(config.alertsTopic()).isEqualTo("t.alerts");
        assertThat(config.liveEnabled()).isFalse();
        assertThat(config.seed()).contains(Path.of("conf/subscriptions.yaml"));
        assertThat(config.webhook().maxAttempts()).isEqualTo(2);
        assertThat(config.webhook().initialBackoff()).isEqualTo(Duration.ofMillis(10));
        assertThat(config.deliveryTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.kafkaProperties()).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void shouldNameTheKeyWhenLivePortIsOutOfRange() {
        assertThatThrownBy(() -> SinkConfig.from(Settings.of(Map.of(SinkConfig.LIVE_PORT, "70000"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SinkConfig.LIVE_PORT);
    }

    @Test
    void shouldNameTheKeyWhenPostgresUrlIsNotJdbc() {
        assertThatThrownBy(() -> SinkConfig.from(Settings.of(Map.of(SinkConfig.POSTGRES_URL, "postgres://db/x"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SinkConfig.POSTGRES_URL)
                .hasMessageContaining("jdbc:postgresql:");
    }

    @Test
    void shouldNameTheKeyWhenTopicNameIsInvalid() {
        assertThatThrownBy(() -> SinkConfig.from(Settings.of(Map.of(SinkConfig.TOPIC_DLQ, "dead letters"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SinkConfig.TOPIC_DLQ);
    }

    @Test
    void shouldExplainWhenWebhookBackoffsContradictEachOther() {
        assertThatThrownBy(() -> SinkConfig.from(Settings.of(Map.of(
                SinkConfig.WEBHOOK_INITIAL_BACKOFF, "10s", SinkConfig.WEBHOOK_MAX_BACKOFF, "1s"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SinkConfig.WEBHOOK_MAX_BACKOFF)
                .hasMessageContaining(SinkConfig.WEBHOOK_INITIAL_BACKOFF);
    }

    @Test
    void shouldRefuseARequiredKeyGivenEmptyRatherThanFallBackToItsDefault() {
        assertThatThrownBy(() -> SinkConfig.from(Settings.of(Map.of(SinkConfig.GROUP_ID, ""))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SinkConfig.GROUP_ID)
                .hasMessageContaining("is empty");
    }

    @Test
    void shouldNameTheKeyWhenAWebhookDurationIsZero() {
        assertThatThrownBy(() -> SinkConfig.from(Settings.of(Map.of(SinkConfig.WEBHOOK_RETRY_FOR, "0s"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SinkConfig.WEBHOOK_RETRY_FOR)
                .hasMessageContaining("must be positive");
    }

    @Test
    void shouldResolveAnEmptyFileTargetToTheDeliveringSinksFileDir() {
        SinkConfig config = SinkConfig.from(Settings.of(Map.of(SinkConfig.FILE_DIR, "/srv/alerts")));

        assertThat(config.fileTargets().resolve("")).isEqualTo(Path.of("/srv/alerts"));
        assertThat(config.fileTargets().resolve(null)).isEqualTo(Path.of("/srv/alerts"));
        assertThat(config.fileTargets().problem("")).isEmpty();
        assertThat(config.fileTargets().resolve("/srv/alerts/kursk")).isEqualTo(Path.of("/srv/alerts/kursk"));
    }
}
