package io.newswatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BoundedShutdownTest {

  @Test
  void shouldReturnAtTheDeadlineWhenTheSequenceHangs() {
    CountDownLatch never = new CountDownLatch(1);
    long t0 = System.nanoTime();

    boolean ended = BoundedShutdown.run("hanging", Duration.ofMillis(300), () -> {
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });

    assertThat(ended).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void shouldReportTheEndWhenTheSequenceFinishes() {
    AtomicBoolean ran = new AtomicBoolean();

    assertThat(BoundedShutdown.run("quick", Duration.ofSeconds(5), () -> ran.set(true))).isTrue();
    assertThat(ran).isTrue();
  }
}
