package io.newswatch.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChildProcessTest {

  @Test
  void shouldPassTheLaunchersJitFlagsOnAsSeparateArguments() {
    assertThat(ChildProcess.jitOptions(" -XX:FreqInlineSize=150\t -XX:InlineSmallCode=1000 "))
        .containsExactly("-XX:FreqInlineSize=150", "-XX:InlineSmallCode=1000");
  }

  @Test
  void shouldPassNothingWhenTheFlagsAreUnsetOrTurnedOff() {
    assertThat(ChildProcess.jitOptions(null)).isEmpty();
    assertThat(ChildProcess.jitOptions("")).isEmpty();
    assertThat(ChildProcess.jitOptions("  ")).isEmpty();
  }
}
