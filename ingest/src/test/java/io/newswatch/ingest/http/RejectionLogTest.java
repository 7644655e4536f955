package io.newswatch.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RejectionLogTest {

  private Instant now = Instant.parse("2026-12-04T10:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };

  @Test
  void shouldLogEachWrongTokenOnceAMinuteWithTheCountLeftOut() {
    RejectionLog log = new RejectionLog(clock, Duration.ofMinutes(1));

    long first = log.record("Bearer wrong-1");
    long repeats = IntStream.range(0, 99).filter(i -> log.record("Bearer wrong-1") >= 0).count();
    long other = log.record("Bearer wrong-2");
    now = now.plusSeconds(61);
    long afterWindow = log.record("Bearer wrong-1");

    assertThat(first).isZero();
    assertThat(repeats).as("the same token again within the minute is not logged").isZero();
    assertThat(other).as("another token is logged at once").isZero();
    assertThat(afterWindow).as("the next line says how many were left out").isEqualTo(99);
  }
}
