package io.newswatch.cli;

import io.newswatch.enrich.EnrichConfig;
import io.newswatch.enrich.EnrichService;
import io.newswatch.enrich.replay.ReplayPlan;
import io.newswatch.enrich.tagging.Taxonomy;
import io.newswatch.enrich.tagging.TaxonomyLoader;
import io.newswatch.runtime.Settings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code newswatch replay}: reprocess the raw articles of a time range (re-tag, re-alert) without
 * re-delivering what subscribers already got. See {@link io.newswatch.enrich.replay} for how.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Reprocess raw articles in a time range with the current (or another) taxonomy. Alerts keep "
        + "deterministic ids, so the sink delivers only the new ones. Safe to interrupt: run the same command again "
        + "to resume.")
public final class ReplayCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(names = "--from", required = true,
      description = "Start: ISO instant (2025-11-17T08:00:00Z), date (2025-11-17), or an age such as 24h or 7d.")
  String from;

  @Option(names = "--to", description = "End (same forms); default: now.")
  String to;

  @Option(names = "--taxonomy", description = "Taxonomy YAML to tag with (default: the built-in taxonomy).")
  Path taxonomy;

  @Option(names = "--no-progress", description = "Print a line per 10%% instead of a progress bar.")
  boolean noProgress;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Instant now = Instant.now();
    Instant start = parseTime(from, now, "--from");
    Instant end = to == null ? now : parseTime(to, now, "--to");
    Map<String, String> defaults = new HashMap<>(EnrichConfig.defaults());
    defaults.put(Settings.REGISTRY_AUTO_REGISTER, "true");
    // A replay is a backfill: throughput matters more than the latency of each article. 200 ms commits
    // take 30-40 % of the broker's CPU per article off against 30 ms (BENCHMARKS.md, "2026-12-06, afternoon").
    defaults.put(EnrichConfig.COMMIT_INTERVAL, "200ms");
    defaults.put(Settings.MANAGEMENT_PORT, "-1");
    Settings settings = common.settings(defaults);
    if (taxonomy != null) {
      settings = settings.with(Map.of(EnrichConfig.TAXONOMY, taxonomy.toString()), "--taxonomy");
    }
    EnrichConfig base = StartupCheck.enrich(settings);
    Taxonomy tax = TaxonomyLoader.loadOrDefault(taxonomy);
    String appId = ReplayPlan.applicationId(base.applicationId(), tax.version(), start, end);
    var kafka = settings.kafkaProperties();
    ReplayPlan plan = ReplayPlan.create(kafka, base.rawTopic(), appId, start, end);
    boolean fresh = plan.positionGroup(kafka);
    err.printf("replay %s: %d raw articles from %s to %s with taxonomy %s (%s)%n", appId, plan.total(), start, end,
        tax.version(), fresh ? "new" : "resuming");
    EnrichConfig config = base.toBuilder().applicationId(appId).processUntil(end).build();
    try (EnrichService service = EnrichService.start(config, kafka, settings.registryConfig(), null);
        Admin admin = Admin.create(kafka)) {
      java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        if (!finished.get()) {
          err.println();
          err.println("replay: stopping; run the same command again to resume ...");
          err.flush();
        }
        service.close(Duration.ofSeconds(20));
      }, "replay-stop"));
      long done = plan.done(admin);
      Progress bar = new Progress(err, plan.total(), done, noProgress, System::nanoTime);
      while (done < plan.total()) {
        if (!service.isAlive()) {
          err.println();
          err.println("replay: the streams application stopped; see the log");
          return 1;
        }
        bar.show(done);
        TimeUnit.MILLISECONDS.sleep(500);
        done = plan.done(admin);
      }
      bar.show(done);
      err.println();
      // The raw range is consumed; let the dedup and alert stages drain before stopping.
      new IdleWatcher(kafka, List.of(appId), Map.of()).awaitIdle(Duration.ofMinutes(5), 2);
      err.printf("replay %s: done, %d articles re-tagged; new alerts are on %s%n", appId, plan.total(), config.alertsTopic());
      finished.set(true);
    }
    return 0;
  }

  static Instant parseTime(String s, Instant now, String option) {
    String t = s.trim();
    try {
      if (t.matches("\\d+[smhd]")) {
        return now.minus(Settings.of(Map.of("t", t)).getDuration("t"));
      }
      if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      if (t.matches("\\d{10,}")) {
        return Instant.ofEpochMilli(Long.parseLong(t));
      }
      return Instant.parse(t);
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " '" + s + "' is not a time: use 2025-11-17T08:00:00Z, 2025-11-17, "
          + "epoch millis (10 digits or more), or an age like 24h", e);
    }
  }

  /**
   * A one-line progress bar with rate and ETA. The clock starts at the first record processed in this
   * run, not at start: joining the group and restoring state take seconds, and counting them made the
   * rate look low and the ETA long; records done by an earlier, interrupted run do not count either.
   */
  static final class Progress {
    private final PrintWriter out;
    private final long total;
    private final long doneAtStart;
    private final boolean lines;
    private final LongSupplier nanos;
    private long firstNanos = -1;
    private long doneAtFirst;
    private int lastDecile = -1;

    Progress(PrintWriter out, long total, long doneAtStart, boolean lines, LongSupplier nanos) {
      this.out = out;
      this.total = total;
      this.doneAtStart = doneAtStart;
      this.lines = lines;
      this.nanos = nanos;
    }

    void show(long done) {
      long now = nanos.getAsLong();
      if (firstNanos < 0 && done > doneAtStart) {
        firstNanos = now;
        doneAtFirst = done;
      }
      double f = total == 0 ? 1.0 : Math.min(1.0, done / (double) total);
      double secs = firstNanos < 0 ? 0 : (now - firstNanos) / 1e9;
      // Until a second has passed since the first record there is no honest rate to show.
      double rate = secs < 1 ? 0 : (done - doneAtFirst) / secs;
      String rateText = rate <= 0 ? "-" : String.format(Locale.ROOT, "%.0f", rate);
      String eta = done >= total ? "0s" : rate <= 0 ? "?" : formatSeconds((total - done) / rate);
      if (lines) {
        int decile = (int) (f * 10);
        if (decile != lastDecile) {
          lastDecile = decile;
          out.printf(Locale.ROOT, "replay %3.0f%% %d/%d %s/s ETA %s%n", f * 100, done, total, rateText, eta);
        }
      } else {
        int width = 30;
        int filled = (int) Math.round(f * width);
        out.printf(Locale.ROOT, "\r[%s%s] %5.1f%%  %d/%d articles  %s/s  ETA %s   ", "=".repeat(filled),
            " ".repeat(width - filled), f * 100, done, total, rateText, eta);
      }
      out.flush();
    }

    private static String formatSeconds(double s) {
      long v = Math.round(s);
      return v >= 3600 ? (v / 3600) + "h" + (v % 3600 / 60) + "m" : v >= 60 ? (v / 60) + "m" + (v % 60) + "s" : v + "s";
    }
  }
}
