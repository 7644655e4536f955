package io.newswatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.newswatch.ingest.NormalizationPool.Outcome;
import io.newswatch.ingest.NormalizationPool.Task;
import io.newswatch.ingest.normalize.ArticleNormalizer;
import io.newswatch.ingest.normalize.InvalidArticleException;
import io.newswatch.ingest.normalize.RawArticle;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.SourceType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class NormalizationPoolTest {
  private static final Instant FETCHED = Instant.parse("2026-12-04T12:00:00Z");
  private static final String STORY = story();

  private final ArticleNormalizer normalizer = new ArticleNormalizer();
  private final HandAckSink sink = new HandAckSink();
  private NormalizationPool pool;

  @AfterEach
  void close() {
    if (pool != null) {
      sink.gate = null;
      sink.autoAck = true;
      sink.ackAll();
      pool.close(Duration.ofSeconds(10));
    }
  }

  private static String story() {
    try (var in = NormalizationPoolTest.class.getResourceAsStream("/pool/story.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Version {@code version} of story {@code key}: same URL, so same id (the record key), other text. */
  private static RawArticle version(int key, int version) {
    return new RawArticle("https://news.example.test/story-" + key, null, "Story " + key,
        "Update " + version + " of story " + key + ". " + STORY, FETCHED, null, "Example News", SourceType.FILE,
        Map.of("version", Integer.toString(version)));
  }

  private static void awaitOpen(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Task task(RawArticle raw) {
    return new Task(raw, FETCHED,
        e -> DeadLetters.of("test", e.getMessage(), e, null, -1, Map.of(), FETCHED));
  }

  @Test
  void shouldSendEveryKeysVersionsInSubmissionOrderWhenLaterArticlesAreNormalizedFirst() throws Exception {
    int keys = 5;
    int versions = 20;
    CountDownLatch othersNormalized = new CountDownLatch(keys * versions - 1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    sink.autoAck = true;
    // The very first submission is held until every other one is normalized: sent in completion order,
    // it would be last; sent in submission order, it is first.
    pool = NormalizationPool.create(4, keys * versions, (raw, at) -> {
      if (raw.attributes().get("version").equals("0") && raw.url().endsWith("story-0")) {
        awaitOpen(releaseFirst);
      } else {
        othersNormalized.countDown();
      }
      return normalizer.normalize(raw, at);
    }, sink);
    List<CompletableFuture<Outcome>> results = new ArrayList<>();
    List<RawArticle> submitted = new ArrayList<>();
    for (int v = 0; v < versions; v++) {
      for (int k = 0; k < keys; k++) {
        submitted.add(version(k, v));
        results.add(pool.submit(task(submitted.getLast())));
      }
    }

    assertThat(othersNormalized.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(sink.articles).as("nothing may be sent before the first submission").isEmpty();
    releaseFirst.countDown();
    CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

    assertThat(sink.articles).extracting(a -> a.getAttributes().get("version") + "@" + a.getCanonicalUrl())
        .containsExactlyElementsOf(submitted.stream().map(r -> r.attributes().get("version") + "@" + r.url()).toList());
    Map<String, List<String>> perKey = sink.articles.stream().collect(Collectors.groupingBy(Article::getId,
        Collectors.mapping(a -> a.getAttributes().get("version"), Collectors.toList())));
    assertThat(perKey).hasSize(keys).allSatisfy((id, seen) ->
        assertThat(seen).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13",
            "14", "15", "16", "17", "18", "19"));
  }

  @Test
  void shouldKeepEachKeysOrderWhenManySourcesSubmitConcurrently() throws Exception {
    sink.autoAck = true;
    pool = NormalizationPool.create(4, 16, normalizer::normalize, sink);
    int sources = 4;
    int perSource = 100;
    List<Thread> threads = new ArrayList<>();
    AtomicReference<Throwable> error = new AtomicReference<>();
    for (int s = 0; s < sources; s++) {
      int source = s;
      // Each source owns its keys (as a file owns its lines): their versions are submitted in order.
      threads.add(Thread.ofPlatform().start(() -> {
        try {
          for (int v = 0; v < perSource / 4; v++) {
            for (int k = 0; k < 4; k++) {
              pool.submit(task(version(source * 10 + k, v)));
            }
          }
        } catch (Throwable t) {
          error.set(t);
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    pool.close(Duration.ofSeconds(30));

    assertThat(error.get()).isNull();
    assertThat(sink.articles).hasSize(sources * perSource);
    Map<String, List<Integer>> perKey = sink.articles.stream().collect(Collectors.groupingBy(Article::getId,
        Collectors.mapping(a -> Integer.parseInt(a.getAttributes().get("version")), Collectors.toList())));
    assertThat(perKey).hasSize(sources * 4).allSatisfy((id, seen) -> assertThat(seen).isSorted().hasSize(perSource / 4));
  }

  @Test
  void shouldRefuseAnOfferAndHoldASubmitBackWhenTheQueueIsFull() throws Exception {
    sink.gate = new CountDownLatch(1);
    sink.entered = new CountDownLatch(1);
    sink.autoAck = true;
    pool = NormalizationPool.create(2, 2, normalizer::normalize, sink);

    CompletableFuture<Outcome> first = pool.submit(task(version(1, 0)));
    assertThat(sink.entered.await(30, TimeUnit.SECONDS)).as("the sender is stuck in the sink").isTrue();
    CompletableFuture<Outcome> second = pool.submit(task(version(2, 0)));
    Optional<CompletableFuture<Outcome>> refused = pool.offer(task(version(3, 0)), Duration.ZERO);
    AtomicReference<CompletableFuture<Outcome>> held = new AtomicReference<>();
    Thread source = Thread.ofPlatform().start(() -> {
      try {
        held.set(pool.submit(task(version(4, 0))));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    await().atMost(Duration.ofSeconds(30)).until(() -> source.getState() == Thread.State.WAITING);

    assertThat(refused).as("queue of 2 is full: one article in the sink, one waiting").isEmpty();
    assertThat(pool.pending()).isEqualTo(2);
    assertThat(held.get()).as("the blocked source has not got in").isNull();
    sink.gate.countDown();
    source.join(30_000);
    assertThat(held.get()).isNotNull();
    CompletableFuture.allOf(first, second, held.get()).get(30, TimeUnit.SECONDS);
    assertThat(sink.articles).extracting(Article::getCanonicalUrl).containsExactly(
        "https://news.example.test/story-1", "https://news.example.test/story-2", "https://news.example.test/story-4");
    assertThat(pool.pending()).isZero();
  }

  @Test
  void shouldPublishTheDeadLetterWithItsReasonInPlaceWhenNormalizationRejectsAnArticle() throws Exception {
    sink.autoAck = true;
    pool = NormalizationPool.create(3, 8, (raw, at) -> {
      if (raw.url().endsWith("story-2")) {
        throw new InvalidArticleException("only debris left: navigation and cookie notices");
      }
      return normalizer.normalize(raw, at);
    }, sink);

    List<CompletableFuture<Outcome>> results = new ArrayList<>();
    for (int k = 1; k <= 3; k++) {
      results.add(pool.submit(task(version(k, 0))));
    }

    assertThat(results.get(1).get(30, TimeUnit.SECONDS))
        .isEqualTo(new Outcome.Rejected("only debris left: navigation and cookie notices"));
    assertThat(results.get(0).get(30, TimeUnit.SECONDS)).isInstanceOf(Outcome.Published.class);
    assertThat(results.get(2).get(30, TimeUnit.SECONDS)).isInstanceOf(Outcome.Published.class);
    assertThat(sink.deadLetters).singleElement().satisfies(dl -> {
      assertThat(dl.getReason()).isEqualTo("only debris left: navigation and cookie notices");
      assertThat(dl.getStage()).isEqualTo("ingest");
    });
    assertThat(sink.sent).hasSize(3).element(1).isEqualTo("dlq:only debris left: navigation and cookie notices");
  }

  @Test
  void shouldFailTheSubmissionWithoutClaimingItWhenTheSinkCannotPublish() throws Exception {
    pool = NormalizationPool.create(2, 8, normalizer::normalize, sink);
    sink.publishes = new CountDownLatch(1);

    CompletableFuture<Outcome> result = pool.submit(task(version(1, 0)));
    assertThat(sink.publishes.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(result).as("sent but not acknowledged").isNotDone();
    sink.failAll(new IllegalStateException("broker unavailable"));

    assertThatThrownBy(() -> result.get(30, TimeUnit.SECONDS)).hasRootCauseMessage("broker unavailable");
  }

  @Test
  void shouldReturnFromCloseOnlyOnceEveryAcceptedArticleIsAcknowledged() throws Exception {
    CountDownLatch normalize = new CountDownLatch(1);
    sink.publishes = new CountDownLatch(40);
    pool = NormalizationPool.create(2, 64, (raw, at) -> {
      awaitOpen(normalize);
      return normalizer.normalize(raw, at);
    }, sink);
    List<CompletableFuture<Outcome>> results = new ArrayList<>();
    for (int k = 0; k < 40; k++) {
      results.add(pool.submit(task(version(k, 0))));
    }
    Thread closer = Thread.ofPlatform().start(() -> pool.close(Duration.ofSeconds(60)));
    await().atMost(Duration.ofSeconds(30)).until(() -> closer.getState() == Thread.State.WAITING
        || closer.getState() == Thread.State.TIMED_WAITING);
    assertThatThrownBy(() -> pool.submit(task(version(99, 0)))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");

    normalize.countDown();
    assertThat(sink.publishes.await(30, TimeUnit.SECONDS)).as("all 40 sent, none acknowledged").isTrue();
    assertThat(closer.isAlive()).as("close waits for the acknowledgements").isTrue();
    sink.autoAck = true;
    sink.ackAll();
    closer.join(30_000);

    assertThat(closer.isAlive()).isFalse();
    assertThat(results).allSatisfy(r -> assertThat(r).isCompletedWithValueMatching(o -> o instanceof Outcome.Published));
    assertThat(sink.articles).hasSize(40);
  }

  @Test
  void shouldNormalizeAndSendOnTheCallersThreadWhenThereIsOneThread() throws Exception {
    sink.autoAck = true;
    AtomicReference<Thread> normalizedOn = new AtomicReference<>();
    pool = NormalizationPool.create(1, 512, (raw, at) -> {
      normalizedOn.set(Thread.currentThread());
      return normalizer.normalize(raw, at);
    }, sink);

    CompletableFuture<Outcome> result = pool.submit(task(version(1, 0)));

    assertThat(normalizedOn.get()).isSameAs(Thread.currentThread());
    assertThat(result).isCompletedWithValueMatching(o -> o instanceof Outcome.Published);
    assertThat(sink.articles).hasSize(1);
  }
}
