package io.newswatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Channel;
import io.newswatch.schemas.avro.DeadLetter;
import io.newswatch.schemas.serde.AvroDeserializer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One end-to-end run of a pipeline under test: enrich and sink as CLI processes, three subscriptions
 * (a JSONL folder, a webhook receiver, PostgreSQL) that take every alert, articles streamed from the
 * corpus, and read_committed tails of the tagged, alerts and dead-letter topics. {@link #finish} waits
 * for the pipeline to drain and measures duplicates and losses against what was committed upstream.
 */
final class PipelineRun implements AutoCloseable {
  static final String SECRET_REF = "RELIABILITY_HOOK_SECRET";
  private static final String SECRET = "reliability-hook-secret-7c1e";

  private final Pipeline pipe;
  private final int articles;
  private final List<AutoCloseable> open = new ArrayList<>();
  private final WebhookRecorder hook;
  private final Path files;
  private final TopicTail tagged;
  private final TopicTail alerts;
  private final TopicTail enrichDlq;
  private final TopicTail sinkDlq;
  private final CliProcess enrich;
  private final CliProcess sink;
  private final ArticleProducer producer;
  private CompletableFuture<Void> producing;

  private PipelineRun(Pipeline pipe, int articles) throws IOException {
    this.pipe = pipe;
    this.articles = articles;
    pipe.createTopics();
    hook = keep(new WebhookRecorder(SECRET));
    files = pipe.dir().resolve("file-subscription");
    pipe.subscribe(List.of(
        Pipeline.subscription("all-file", Channel.FILE, files.toString(), null),
        Pipeline.subscription("all-hook", Channel.WEBHOOK, hook.url(), SECRET_REF),
        Pipeline.subscription("all-db", Channel.POSTGRES, "", null)));
    tagged = keep(TopicTail.follow(pipe.bootstrap(), pipe.tagged()));
    // Alerts are counted by alert id, not record key: surge alerts are keyed by their topic.
    AvroDeserializer<Alert> alertValues = new AvroDeserializer<>(pipe.registry(), Alert.class);
    alerts = keep(TopicTail.follow(pipe.bootstrap(), pipe.alerts(),
        r -> alertValues.deserialize(r.topic(), r.value()).getAlertId()));
    // Dead letters are counted by reason, so a failure says what went wrong, not just how often.
    AvroDeserializer<DeadLetter> letters = new AvroDeserializer<>(pipe.registry(), DeadLetter.class);
    enrichDlq = keep(TopicTail.follow(pipe.bootstrap(), pipe.enrichDlq(), r -> reason(letters, r)));
    sinkDlq = keep(TopicTail.follow(pipe.bootstrap(), pipe.sinkDlq(), r -> reason(letters, r)));
    enrich = keep(pipe.enrich(Map.of()));
    sink = keep(pipe.sink(Map.of(), Map.of(SECRET_REF, SECRET)));
    producer = keep(new ArticleProducer(pipe));
  }

  private static String reason(AvroDeserializer<DeadLetter> letters, ConsumerRecord<String, byte[]> r) {
    try {
      DeadLetter letter = letters.deserialize(r.topic(), r.value());
      return letter.getStage() + ": " + letter.getReason() + " [" + r.partition() + "@" + r.offset() + "]";
    } catch (RuntimeException e) {
      return "undecodable dead letter at " + r.partition() + "@" + r.offset() + ": " + e.getMessage();
    }
  }

  /** Sets the pipeline up and starts both stages; articles flow once {@link #produce} is called. */
  static PipelineRun start(Pipeline pipe, int articles) throws IOException {
    PipelineRun run = new PipelineRun(pipe, articles);
    run.enrich.start();
    run.sink.start();
    return run;
  }

  /**
   * Streams the corpus to the raw topic on a thread of its own, {@code perSecond} articles a second
   * at most (0: as fast as the producer goes).
   */
  void produce(long seed, int perSecond) {
    ArticleCorpus corpus = ArticleCorpus.load(ArticleCorpus.repoSeeds(), seed);
    long t0 = System.nanoTime();
    // Not the common pool: on two cores it has one worker, which anything else may hold.
    ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "reliability-article-producer"));
    producing = CompletableFuture.runAsync(() -> {
      int[] sent = {0};
      corpus.stream(articles).forEach(g -> {
        if (perSecond > 0) {
          // Pacing, not waiting for a condition: park until the article is due.
          long due = t0 + sent[0] * 1_000_000_000L / perSecond;
          for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
          }
        }
        producer.send(g.article());
        sent[0]++;
      });
      producer.flush();
    }, thread);
    producing.whenComplete((v, e) -> thread.shutdown());
  }

  /** Fails at once, with the cause, if streaming the input failed: the run can then never complete. */
  private boolean produced() {
    if (producing.isCompletedExceptionally()) {
      producing.join();
    }
    return producing.isDone();
  }

  Pipeline pipe() {
    return pipe;
  }

  CliProcess enrich() {
    return enrich;
  }

  CliProcess sink() {
    return sink;
  }

  /** Distinct articles committed to the tagged topic so far. */
  int taggedSoFar() {
    return tagged.distinctKeys();
  }

  /** Rows the PostgreSQL subscription holds so far. */
  long deliveredRows() {
    return Delivered.postgresRows(pipe);
  }

  /** Waits for every article to be tagged and every alert to be delivered, stops the stages, and measures. */
  Result finish(Duration stageTimeout) {
    long t0 = System.nanoTime();
    Awaits.progress("all " + articles + " articles tagged", stageTimeout, pipe, enrich,
        () -> produced() && tagged.distinctKeys() >= articles, producer::describe);
    producing.join();
    // Surge alerts come from a later transaction than the tagged record: wait until the alerts settle.
    long[] last = {-1};
    await("alerts topic settles").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(3))
        .until(() -> {
          long now = alerts.records();
          boolean settled = now == last[0];
          last[0] = now;
          return settled;
        });
    Set<String> expected = alerts.countByKey().keySet();
    long enrichDone = System.nanoTime();
    Awaits.progress("all " + expected.size() + " alerts delivered on every channel", stageTimeout, pipe, sink,
        () -> Delivered.postgresRows(pipe) >= expected.size() && hook.distinctKeys() >= expected.size()
            && Delivered.fileLines(files) >= expected.size());
    long sinkDone = System.nanoTime();
    sink.stop(Duration.ofSeconds(30));
    enrich.stop(Duration.ofSeconds(30));
    Map<String, Integer> taggedCounts = tagged.countByKey();
    return new Result(articles, producer.acked(), Set.copyOf(producer.ids()), taggedCounts, expected,
        alerts.countByKey().values().stream().mapToInt(c -> c - 1).sum(),
        List.of(ChannelFigures.of("file", Delivered.files(files), expected),
            ChannelFigures.of("webhook", Delivered.webhook(hook), expected),
            ChannelFigures.of("postgres", Delivered.postgres(pipe), expected)),
        hook.requests(), hook.distinctKeys(), hook.badSignatures(), enrichDlq.records(), sinkDlq.records(),
        enrichDlq.countByKey().keySet(), sinkDlq.countByKey().keySet(),
        (enrichDone - t0) / 1e9, (sinkDone - t0) / 1e9);
  }

  private <T extends AutoCloseable> T keep(T resource) {
    open.add(resource);
    return resource;
  }

  /** Stops the stages and releases everything, the last opened first. */
  @Override
  public void close() {
    IllegalStateException failure = null;
    for (int i = open.size() - 1; i >= 0; i--) {
      try {
        open.get(i).close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("cannot close " + open.get(i), e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * What a run measured.
   *
   * @param expectedAlerts distinct alert ids committed to the alerts topic: what every channel must hold once
   * @param alertDuplicates alert ids committed more than once to the alerts topic
   * @param drainSeconds from the call to finish until enrich was done
   * @param deliverSeconds from the call to finish until the sink was done
   */
  record Result(int articles, int produced, Set<String> inputIds, Map<String, Integer> taggedCounts,
      Set<String> expectedAlerts, int alertDuplicates, List<ChannelFigures> channels, int webhookPosts,
      int webhookKeys, int badSignatures, long enrichDeadLetters, long sinkDeadLetters,
      Set<String> enrichDeadLetterReasons, Set<String> sinkDeadLetterReasons, double drainSeconds,
      double deliverSeconds) {

    int taggedDuplicates() {
      return taggedCounts.values().stream().mapToInt(c -> c - 1).sum();
    }

    /** Writes the figures: one summary line per channel in the agreed format, then the details. */
    void report(Report report, int enrichKills, int sinkKills) {
      report.line("reliability: articles=%d produced=%d tagged=%d tagged_duplicates=%d alerts=%d "
              + "alert_duplicates=%d enrich_kills=%d sink_kills=%d", articles, produced, taggedCounts.size(),
          taggedDuplicates(), expectedAlerts.size(), alertDuplicates, enrichKills, sinkKills);
      for (ChannelFigures c : channels) {
        report.line("reliability: channel=%s articles=%d enrich_kills=%d sink_kills=%d duplicates=%d losses=%d "
            + "unexpected=%d delivered=%d", c.channel(), articles, enrichKills, sinkKills, c.duplicates(), c.losses(),
            c.unexpected(), c.delivered());
      }
      report.line("reliability: webhook_posts=%d distinct_idempotency_keys=%d raw_duplicate_posts=%d "
          + "bad_signatures=%d", webhookPosts, webhookKeys, rawDuplicatePosts(), badSignatures);
      report.line("reliability: drain_s enrich=%.1f sink=%.1f; dead_letters enrich=%d sink=%d", drainSeconds,
          deliverSeconds, enrichDeadLetters, sinkDeadLetters);
    }

    /** POSTs of an Idempotency-Key the receiver had already accepted. */
    int rawDuplicatePosts() {
      return webhookPosts - badSignatures - webhookKeys;
    }

    /**
     * Every article tagged once, every alert delivered once on every channel, nothing dead-lettered.
     *
     * @param sinkKills a SIGKILL can cut off at most the one POST in flight on the webhook's lane after
     *     the endpoint took it and before the ledger recorded it, so at most that many POSTs repeat a key
     */
    void assertExactlyOnce(int sinkKills) {
      assertThat(rawDuplicatePosts()).as("webhook POSTs repeating an accepted Idempotency-Key")
          .isLessThanOrEqualTo(sinkKills);
      assertThat(produced).as("articles acknowledged by the broker").isEqualTo(articles);
      assertThat(taggedCounts.keySet()).as("tagged articles").isEqualTo(inputIds).hasSize(articles);
      assertThat(taggedDuplicates()).as("articles tagged twice").isZero();
      assertThat(alertDuplicates).as("alert ids committed twice to the alerts topic").isZero();
      assertThat(expectedAlerts).as("alerts raised").isNotEmpty();
      assertThat(channels).allSatisfy(c -> {
        assertThat(c.duplicates()).as(c.channel() + " duplicates").isZero();
        assertThat(c.losses()).as(c.channel() + " losses").isZero();
        assertThat(c.unexpected()).as(c.channel() + " unexpected").isZero();
      });
      assertThat(badSignatures).as("webhook POSTs with a bad signature").isZero();
      assertThat(enrichDeadLetters).as("enrich dead letters: %s", enrichDeadLetterReasons).isZero();
      assertThat(sinkDeadLetters).as("sink dead letters: %s", sinkDeadLetterReasons).isZero();
    }
  }
}
