package io.newswatch.reliability;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outages of the platform mid-stream, each in its own run: the broker is stopped and started again
 * while articles flow, and the producer, enrich and sink must ride it out on their own; the schema
 * registry is stopped while enrich and sink are SIGKILLed and restarted, so they start without it.
 * Either way the same exactly-once check as the crash test must hold. Scale: {@link Scale#OUTAGE_ARTICLES}.
 */
class OutageRecoveryIT {
  private static final Logger log = LoggerFactory.getLogger(OutageRecoveryIT.class);
  private static final int ARTICLES_PER_SECOND = 40;
  private static final Duration DOWN = Duration.ofSeconds(8);

  @TempDir
  static Path platformDir;

  @TempDir
  Path dir;

  private static OwnPlatform platform;
  private PipelineRun run;

  @BeforeAll
  static void startPlatform() throws Exception {
    // One broker and registry for both tests; each test has its own topics, groups and schema.
    platform = OwnPlatform.start(platformDir);
  }

  @AfterAll
  static void stopPlatform() {
    if (platform != null) {
      platform.close();
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    if (run != null) {
      run.close();
      run.pipe().dropSchema();
    }
  }

  @Test
  void shouldLoseAndDuplicateNothingWhenTheBrokerRestartsMidStream() throws Exception {
    int n = Scale.outageArticles();
    startRun("broker-outage", n);
    awaitMidStream(n);
    long t0 = System.nanoTime();
    platform.restartBroker(DOWN);
    log.info("broker restarted after {} s down ({} s in all) at {} tagged articles", DOWN.toSeconds(),
        (System.nanoTime() - t0) / 1_000_000_000, run.taggedSoFar());
    finish("broker-restart", 0);
  }

  @Test
  void shouldLoseAndDuplicateNothingWhenTheRegistryRestartsMidStream() throws Exception {
    int n = Scale.outageArticles();
    startRun("registry-outage", n);
    awaitMidStream(n);
    long t0 = System.nanoTime();
    int tagged = run.taggedSoFar();
    platform.stopRegistry();
    // Running stages have the schemas they need cached; restarted ones must fetch them while the
    // registry is down, which is the case that can go wrong (dead-lettering good records, dying).
    run.enrich().kill();
    run.sink().kill();
    run.enrich().start();
    run.sink().start();
    Awaits.pause(DOWN.toMillis());
    platform.startRegistry();
    log.info("registry down {} s (back after {} s), enrich and sink restarted meanwhile, at {} tagged articles",
        DOWN.toSeconds(), (System.nanoTime() - t0) / 1_000_000_000, tagged);
    finish("registry-restart", 1);
  }

  private void startRun(String name, int n) throws Exception {
    run = PipelineRun.start(Pipeline.named(Pipeline.uniquePrefix(name), platform.bootstrapServers(),
        platform.registryUrl(), dir), n);
    // Paced, so that articles are still being produced while the outage lasts.
    run.produce(Scale.seed() + 1, ARTICLES_PER_SECOND);
  }

  private void awaitMidStream(int n) {
    Awaits.progress("a quarter of the articles tagged", Duration.ofMinutes(3), run.pipe(), run.enrich(),
        () -> run.taggedSoFar() >= n / 4 && run.deliveredRows() > 0);
  }

  private void finish(String name, int sinkKills) {
    PipelineRun.Result result = run.finish(Duration.ofMinutes(4));
    Report report = new Report(name);
    result.report(report, sinkKills, sinkKills);
    report.write();
    // The stages rode the outage out by themselves: the test never restarted them, and
    // Awaits.progress fails at once if either process dies on its own.
    result.assertExactlyOnce(sinkKills);
  }
}
