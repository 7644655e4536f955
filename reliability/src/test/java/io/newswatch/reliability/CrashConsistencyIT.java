package io.newswatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash consistency: articles stream through enrich and sink, each a separate CLI process, while both
 * are SIGKILLed at random points and restarted. Afterwards the tagged topic must hold every article
 * exactly once, and every alert committed to the alerts topic must have reached the file, webhook and
 * PostgreSQL subscriptions exactly once: no duplicates, no losses. Scale: {@link Scale}.
 *
 * <p>The broker and registry are the test's own child JVMs ({@link OwnPlatform}), so the stages reach
 * them over the network only, as in production.
 */
class CrashConsistencyIT {
  private static final Logger log = LoggerFactory.getLogger(CrashConsistencyIT.class);

  @TempDir
  Path dir;

  private OwnPlatform platform;
  private PipelineRun run;

  @AfterEach
  void tearDown() throws Exception {
    if (run != null) {
      run.close();
      run.pipe().dropSchema();
    }
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void shouldDeliverEveryAlertExactlyOnceWhenEnrichAndSinkAreKilledRepeatedly() throws Exception {
    int n = Scale.articles();
    int kills = Scale.kills();
    SplittableRandom chaos = new SplittableRandom(Scale.seed());
    platform = OwnPlatform.start(dir.resolve("platform"));
    long t0 = System.nanoTime();
    run = PipelineRun.start(Pipeline.named(Pipeline.uniquePrefix("crash"), platform.bootstrapServers(),
        platform.registryUrl(), dir), n);
    run.produce(Scale.seed(), 0);

    // Kills alternate between the stages. Enrich dies when its committed output passes a random
    // point of the run; the sink dies once it has written a random number of new rows since its
    // last start, so each kill lands while that stage is busy.
    Duration stageTimeout = Duration.ofSeconds(Math.max(180, n / 20));
    int enrichKills = 0;
    int sinkKills = 0;
    long sinkRowsAtStart = 0;
    for (int event = 0; event < 2 * kills; event++) {
      if (event % 2 == 0) {
        long target = (long) ((enrichKills + 0.5 + chaos.nextDouble(0.5)) / (kills + 1.0) * n);
        Awaits.progress("enrich progress to " + target + " tagged articles", stageTimeout, run.pipe(), run.enrich(),
            () -> run.taggedSoFar() >= target);
        run.enrich().kill();
        enrichKills++;
        log.info("SIGKILLed enrich at {} tagged articles ({}/{})", run.taggedSoFar(), enrichKills, kills);
        Awaits.pause(chaos.nextInt(1500));
        run.enrich().start();
      } else {
        long rows = sinkRowsAtStart + 20 + chaos.nextInt(200);
        Awaits.progress("sink progress to " + rows + " rows", stageTimeout, run.pipe(), run.sink(),
            () -> run.deliveredRows() >= rows);
        run.sink().kill();
        sinkKills++;
        sinkRowsAtStart = run.deliveredRows();
        log.info("SIGKILLed sink at {} delivered rows ({}/{})", sinkRowsAtStart, sinkKills, kills);
        Awaits.pause(chaos.nextInt(1500));
        run.sink().start();
      }
    }
    double killSeconds = (System.nanoTime() - t0) / 1e9;
    PipelineRun.Result result = run.finish(stageTimeout);

    Report report = new Report("crash-consistency");
    result.report(report, enrichKills, sinkKills);
    report.line("reliability: timings_s kills_done=%.1f total=%.1f", killSeconds, (System.nanoTime() - t0) / 1e9);
    report.write();
    assertThat(enrichKills).as("enrich kills").isEqualTo(kills);
    assertThat(sinkKills).as("sink kills").isEqualTo(kills);
    result.assertExactlyOnce(sinkKills);
  }
}
