package io.newswatch.enrich.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The tag-ahead reader's wait for the JIT: settled after a quiet window, and for good. */
class JitSettledTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final AtomicLong compiled = new AtomicLong();
  private final JitSettled jit = new JitSettled(compiled::get, now::get);

  private boolean after(long wallMs, long compileMs) {
    now.addAndGet(wallMs);
    compiled.addAndGet(compileMs);
    return jit.open();
  }

  @Test
  void shouldWaitWhileTheCompilersAreBusyAndSettleAfterAQuietWindow() {
    assertThat(jit.open()).as("no window measured yet").isFalse();
    assertThat(after(1_000, 0)).as("half a window, however quiet").isFalse();
    assertThat(after(1_000, 1_300)).as("2 s with 1.3 s of compiling: 0.65").isFalse();
    assertThat(jit.lastShare()).isEqualTo(0.65);
    assertThat(after(2_000, 400)).as("0.2 is still busy").isFalse();
    assertThat(after(2_000, 300)).as("0.15: settled").isTrue();
    assertThat(after(100, 5_000)).as("a later burst of compiling does not stop the reader again").isTrue();
  }

  @Test
  void shouldMeasureEachWindowOnItsOwn() {
    jit.open();
    assertThat(after(2_000, 1_800)).isFalse();
    // The busy window does not weigh in the next one.
    assertThat(after(4_000, 200)).isTrue();
    assertThat(jit.lastShare()).isEqualTo(0.05);
  }

  @Test
  void shouldNotCountAWindowInWhichThereWasNoWork() {
    jit.open();
    // Idle for a while (start-up, or a live service before its first backlog): the JIT compiles nothing.
    now.addAndGet(1_500);
    jit.idle();
    assertThat(after(3_000, 0)).as("the first window with work starts here").isFalse();
    assertThat(after(2_000, 1_200)).as("busy once the work runs").isFalse();
    assertThat(after(2_000, 100)).isTrue();
    jit.idle();
    assertThat(jit.open()).as("settled stays settled").isTrue();
  }

  @Test
  void shouldMeasureThisJvmWhenItReportsCompileTimeAndNeverHoldTheReaderWhenItDoesNot() {
    TagAheadReader.Gate ofThisJvm = JitSettled.ofThisJvm();
    if (ManagementFactory.getCompilationMXBean().isCompilationTimeMonitoringSupported()) {
      assertThat(ofThisJvm).isInstanceOf(JitSettled.class);
      assertThat(ofThisJvm.open()).as("no window measured yet").isFalse();
    } else {
      assertThat(ofThisJvm.open()).isTrue();
    }
  }
}
