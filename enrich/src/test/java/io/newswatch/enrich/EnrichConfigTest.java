package io.newswatch.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.runtime.ConfigException;
import io.newswatch.runtime.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** enrich.tag-ahead.threads and .records: their defaults, their "off" values and the error for a bad one. */
class EnrichConfigTest {

  private static EnrichConfig with(Map<String, String> values) {
    return EnrichConfig.from(Settings.of(EnrichConfig.defaults()).with(values));
  }

  @Test
  void shouldTagAheadOnOneThreadByDefaultAndNotAtAllWithZero() {
    assertThat(with(Map.of()).tagAheadThreads()).isEqualTo(1);
    assertThat(with(Map.of(EnrichConfig.TAG_AHEAD_THREADS, "0")).tagAheadThreads()).isZero();
    assertThat(with(Map.of(EnrichConfig.TAG_AHEAD_THREADS, "2")).toBuilder().build().tagAheadThreads()).isEqualTo(2);
  }

  @Test
  void shouldReadAThousandRecordsAheadByDefaultZeroForOffAndTheGivenRecordsWhenSet() {
    assertThat(with(Map.of()).tagAheadRecords()).isEqualTo(1000);
    assertThat(with(Map.of(EnrichConfig.TAG_AHEAD_RECORDS, "0")).tagAheadRecords()).as("off").isZero();
    assertThat(with(Map.of(EnrichConfig.TAG_AHEAD_RECORDS, "250")).toBuilder().build().tagAheadRecords()).isEqualTo(250);
    assertThatThrownBy(() -> with(Map.of(EnrichConfig.TAG_AHEAD_RECORDS, "10001")))
        .isInstanceOf(ConfigException.class).hasMessageContaining(EnrichConfig.TAG_AHEAD_RECORDS);
    assertThatThrownBy(() -> EnrichConfig.defaultsFor(java.nio.file.Path.of("x"), 1).toBuilder().tagAheadRecords(-1).build())
        .isInstanceOf(ConfigException.class).hasMessageContaining(EnrichConfig.TAG_AHEAD_RECORDS);
  }

  @Test
  void shouldNameTheKeyOfABadValue() {
    assertThatThrownBy(() -> with(Map.of(EnrichConfig.TAG_AHEAD_THREADS, "17")))
        .isInstanceOf(ConfigException.class).hasMessageContaining(EnrichConfig.TAG_AHEAD_THREADS);
    assertThatThrownBy(() -> with(Map.of(EnrichConfig.TAG_AHEAD_THREADS, "-1")))
        .isInstanceOf(ConfigException.class).hasMessageContaining(EnrichConfig.TAG_AHEAD_THREADS);
  }
}
