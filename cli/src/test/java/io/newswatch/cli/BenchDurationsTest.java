package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.cli.bench.BenchDurations;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchDurationsTest {
  @Test
  void shouldReadSoakDurationsWhenWrittenWithAUnit() {
    BenchDurations d = new BenchDurations();

    assertThat(d.convert("30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(d.convert("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(d.convert("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(d.convert("PT2M")).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void shouldRefuseASoakDurationWhenItHasNoUnit() {
    TestCli.Run run = TestCli.run("bench", "--soak", "30");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("needs a unit");
  }
}
