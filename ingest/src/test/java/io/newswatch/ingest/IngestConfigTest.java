package io.newswatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.ingest.files.LinkPolicy;
import io.newswatch.runtime.ConfigException;
import io.newswatch.runtime.Settings;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IngestConfigTest {

  private static IngestConfig config(Map<String, String> values) {
    return IngestConfig.from(Settings.of(IngestConfig.defaults()).with(values));
  }

  @Test
  void shouldDenyPrivateNetworksAndLinksAndWaitTenSecondsWhenNothingIsSet() throws Exception {
    IngestConfig c = config(Map.of());

    assertThat(c.fetchAllowNetworks()).isEmpty();
    assertThat(c.addressPolicy().denial(InetAddress.getByName("127.0.0.1"))).isPresent();
    assertThat(c.links()).isEqualTo(LinkPolicy.NONE);
    assertThat(c.watchQuietPeriod()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void shouldReadTheListedNetworksAndOtherValuesWhenSet() throws Exception {
    IngestConfig c = config(Map.of(IngestConfig.FETCH_ALLOW_NETWORKS, " 10.0.0.0/8, 127.0.0.1 ,",
        IngestConfig.FOLLOW_LINKS, "Inside", IngestConfig.WATCH_QUIET_PERIOD, "0s"));

    assertThat(c.fetchAllowNetworks()).containsExactly("10.0.0.0/8", "127.0.0.1");
    assertThat(c.addressPolicy().denial(InetAddress.getByName("10.9.8.7"))).isEmpty();
    assertThat(c.addressPolicy().denial(InetAddress.getByName("192.168.0.1"))).isPresent();
    assertThat(c.links()).isEqualTo(LinkPolicy.INSIDE);
    assertThat(c.watchQuietPeriod()).isZero();
  }

  @Test
  void shouldNameTheKeyWhenAValueIsInvalid() {
    assertThatThrownBy(() -> config(Map.of(IngestConfig.FETCH_ALLOW_NETWORKS, "intranet.local")))
        .isInstanceOfSatisfying(ConfigException.class,
            e -> assertThat(e.key()).isEqualTo(IngestConfig.FETCH_ALLOW_NETWORKS))
        .hasMessageContaining("not an IP address or CIDR network");
    assertThatThrownBy(() -> config(Map.of(IngestConfig.FOLLOW_LINKS, "always")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(IngestConfig.FOLLOW_LINKS));
    assertThatThrownBy(() -> config(Map.of(IngestConfig.WATCH_QUIET_PERIOD, "soon")))
        .isInstanceOfSatisfying(ConfigException.class,
            e -> assertThat(e.key()).isEqualTo(IngestConfig.WATCH_QUIET_PERIOD));
    // Checked with the rest, before anything starts, not when the push endpoint opens.
    assertThatThrownBy(() -> config(Map.of(IngestConfig.HTTP_READ_TIMEOUT, "0s")))
        .isInstanceOfSatisfying(ConfigException.class,
            e -> assertThat(e.key()).isEqualTo(IngestConfig.HTTP_READ_TIMEOUT));
  }

  @Test
  void shouldNormalizeOnEveryCoreWithAQueueOf512WhenNothingIsSet() {
    IngestConfig c = config(Map.of());

    assertThat(c.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(c.queue()).isEqualTo(512);
  }

  @Test
  void shouldReadThreadsAndQueueWhenSet() {
    IngestConfig c = config(Map.of(IngestConfig.THREADS, " 1 ", IngestConfig.QUEUE, "64"));

    assertThat(c.threads()).isEqualTo(1);
    assertThat(c.queue()).isEqualTo(64);
  }

  @ParameterizedTest
  @CsvSource({"ingest.threads,0", "ingest.threads,-2", "ingest.threads,four", "ingest.threads,1.5",
      "ingest.queue,0", "ingest.queue,-1", "ingest.queue,lots"})
  void shouldNameTheKeyAndSayWhatIsExpectedWhenThreadsOrQueueIsNotAPositiveNumber(String key, String value) {
    assertThatThrownBy(() -> config(Map.of(key, value)))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
        .hasMessageContaining("whole number")
        .hasMessageContaining(value);
  }
}
