package io.newswatch.ingest.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.ingest.HandAckSink;
import io.newswatch.ingest.IngestMetrics;
import io.newswatch.ingest.NormalizationPool;
import io.newswatch.ingest.StoryCorpus;
import io.newswatch.ingest.normalize.ArticleNormalizer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A file goes into the import ledger only once Kafka acknowledged every record it produced. */
@Timeout(60)
class ImportAcknowledgementTest {
  private static final int VERSIONS = 4;
  private static final int RECORDS = StoryCorpus.articles(VERSIONS) + StoryCorpus.DEAD_LETTERS;

  @TempDir
  Path tmp;

  private final HandAckSink sink = new HandAckSink();
  private final ImportLedger ledger = ImportLedger.inMemory();
  private final NormalizationPool pool = NormalizationPool.create(2, 4, new ArticleNormalizer()::normalize, sink);
  private final DirectoryImporter importer = new DirectoryImporter(pool, ledger,
      new IngestMetrics(new SimpleMeterRegistry()), Clock.systemUTC(), DirectoryImporter.DEFAULT_MAX_FILE_BYTES,
      LinkPolicy.NONE);

  @AfterEach
  void close() {
    sink.autoAck = true;
    sink.ackAll();
    pool.close(Duration.ofSeconds(10));
  }

  @Test
  void shouldRecordTheFilesOnlyAfterEveryRecordIsAcknowledged() throws Exception {
    Path folder = StoryCorpus.write(tmp.resolve("in"), VERSIONS);
    sink.publishes = new CountDownLatch(RECORDS);
    AtomicReference<ImportReport> report = new AtomicReference<>();
    Thread importing = Thread.ofPlatform().start(() -> {
      try {
        report.set(importer.importDirectory(folder));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });

    assertThat(sink.publishes.await(30, TimeUnit.SECONDS)).as("every record sent").isTrue();
    await().atMost(Duration.ofSeconds(30)).until(() -> importing.getState() == Thread.State.WAITING);
    assertThat(ledger.size()).as("nothing acknowledged, nothing recorded").isZero();
    sink.ackAll();
    importing.join(30_000);

    assertThat(report.get().articles()).isEqualTo(StoryCorpus.articles(VERSIONS));
    assertThat(report.get().rejected()).isEqualTo(StoryCorpus.DEAD_LETTERS);
    assertThat(ledger.size()).isEqualTo(StoryCorpus.STORIES + 1);
  }

  @Test
  void shouldRecordNothingAndImportAgainWhenTheRecordsAreNotAcknowledged() throws Exception {
    Path folder = StoryCorpus.write(tmp.resolve("in"), VERSIONS);
    sink.publishes = new CountDownLatch(RECORDS);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread importing = Thread.ofPlatform().start(() -> {
      try {
        importer.importDirectory(folder);
      } catch (Throwable e) {
        failure.set(e);
      }
    });

    assertThat(sink.publishes.await(30, TimeUnit.SECONDS)).isTrue();
    sink.failAll(new IllegalStateException("Expiring 12 record(s): delivery timeout"));
    importing.join(30_000);

    assertThat(failure.get()).hasMessageContaining("publishing failed").hasMessageContaining("delivery timeout");
    assertThat(ledger.size()).isZero();
    sink.autoAck = true;
    assertThat(importer.importDirectory(folder).articles()).as("imported again").isEqualTo(StoryCorpus.articles(VERSIONS));
    assertThat(ledger.size()).isEqualTo(StoryCorpus.STORIES + 1);
  }
}
