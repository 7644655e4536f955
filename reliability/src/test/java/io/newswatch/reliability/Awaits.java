package io.newswatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/** Waiting on stages that run as processes, with failure messages that explain a stall. */
final class Awaits {
  private Awaits() {}

  /**
   * Waits for {@code condition} while {@code stage} stays alive; on timeout the message carries the
   * pipeline's offsets and the stage's last output.
   */
  static void progress(String what, Duration timeout, Pipeline pipe, CliProcess stage, Callable<Boolean> condition) {
    progress(what, timeout, pipe, stage, condition, () -> "");
  }

  /** Like {@link #progress(String, Duration, Pipeline, CliProcess, Callable)}, with more to say on timeout. */
  static void progress(String what, Duration timeout, Pipeline pipe, CliProcess stage, Callable<Boolean> condition,
      Supplier<String> diagnostics) {
    try {
      await(what).atMost(timeout).pollInterval(Duration.ofMillis(200))
          .failFast(() -> {
            assertAlive(stage);
          })
          .until(condition);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(what + ": not reached within " + timeout + ".\n" + diagnostics.get() + "\n"
          + Offsets.describe(pipe) + "last output of " + stage + ":\n" + stage.tail(40), e);
    }
  }

  static void assertAlive(CliProcess stage) {
    assertThat(stage.isAlive()).as(() -> stage + " died on its own; its last output:\n" + stage.tail(60)).isTrue();
  }

  /** Lets time pass without Thread.sleep, e.g. a random delay before restarting a stage. */
  static void pause(long millis) {
    // The first poll after the delay succeeds; the ceiling is generous so a stalled JVM (GC, a loaded
    // CI machine) is not mistaken for a failure.
    await().pollDelay(Duration.ofMillis(millis)).atMost(Duration.ofMillis(millis).plusMinutes(1)).until(() -> true);
  }
}
