package io.newswatch.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(10), new Random(42));

  @Test
  void shouldDoubleWithJitterWhenFailuresRepeat() {
    for (int failures = 1; failures <= 6; failures++) {
      long full = 10_000L << (failures - 1);
      Duration d = backoff.delay(failures);
      assertThat(d.toMillis()).as("after %d failures", failures).isBetween(full / 2, full);
    }
  }

  @Test
  void shouldStayUnderTheCapWhenFailuresAreMany() {
    assertThat(backoff.delay(1_000).toMillis()).isBetween(300_000L, 600_000L);
    assertThat(backoff.delay(Integer.MAX_VALUE).toMillis()).isLessThanOrEqualTo(600_000L);
  }

  @Test
  void shouldSpreadDelaysWhenManyFeedsFailTogether() {
    Set<Long> delays = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      delays.add(backoff.delay(3).toMillis());
    }
    assertThat(delays).hasSizeGreaterThan(10);
  }

  @Test
  void shouldRejectWhenMaxIsBelowInitial() {
    assertThatThrownBy(() -> new Backoff(Duration.ofMinutes(2), Duration.ofMinutes(1), new Random()))
        .hasMessageContaining("initial <= max");
  }
}
