package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReplayProgressTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void shouldCountRateAndEtaFromTheFirstProcessedRecordWhenStartupTakesLong() {
    StringWriter out = new StringWriter();
    AtomicLong clock = new AtomicLong();
    ReplayCommand.Progress bar = new ReplayCommand.Progress(new PrintWriter(out), 1000, 0, true, clock::get);

    // 40 s of joining the group and restoring state: nothing processed, so no rate and no ETA.
    bar.show(0);
    clock.addAndGet(40 * SECOND);
    bar.show(0);
    assertThat(out.toString()).contains("0/1000 -/s ETA ?");

    bar.show(100);
    clock.addAndGet(10 * SECOND);
    bar.show(200);

    // 100 records in the 10 s since the first one: 10/s, 800 left, 80 s; the 40 s wait does not count.
    assertThat(out.toString()).contains("200/1000 10/s ETA 1m20s");
  }

  @Test
  void shouldNotCountRecordsOfAnEarlierRunWhenResuming() {
    StringWriter out = new StringWriter();
    AtomicLong clock = new AtomicLong();
    ReplayCommand.Progress bar = new ReplayCommand.Progress(new PrintWriter(out), 1000, 500, true, clock::get);

    bar.show(500);
    clock.addAndGet(30 * SECOND);
    bar.show(600);
    clock.addAndGet(10 * SECOND);
    bar.show(700);

    assertThat(out.toString()).contains("700/1000 10/s ETA 30s");
  }
}
