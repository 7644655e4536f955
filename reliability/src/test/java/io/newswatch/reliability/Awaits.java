package io.newswatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionTimeoutException;

/** Waiting on stages that run as processes, with failure messages that explain a stall. */
final class Awaits {
  private Awaits() {}

  /**
   * Waits for {@code condition} while {@code stage} stays alive; on timeout the message carries the
   * pipeline's offsets and the stage's last output.
   */
  static void progress(String what, Duration timeout, Pipeline pipe, CliProcess stage, Callable<Boolean> condition) {
    try {
      await(what).atMost(timeout).pollInterval(Duration.ofMillis(200))
          .failFast(() -> {
            assertAlive(stage);
          })
          .until(condition);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(what + ": not reached within " + timeout + ".\n" + Offsets.describe(pipe)
          + "last output of " + stage + ":\n" + stage.tail(40), e);
    }
  }

  static void assertAlive(CliProcess stage) {
    assertThat(stage.isAlive()).as(() -> stage + " died on its own; its last output:\n" + stage.tail(60)).isTrue();
  }

  /** Lets time pass without Thread.sleep, e.g. a random delay before restarting a stage. */
  static void pause(long millis) {
    await().pollDelay(Duration.ofMillis(millis)).atMost(Duration.ofMillis(millis + 1000)).until(() -> true);
  }
}
