package io.newswatch.ingest.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.ingest.CollectingSink;
import io.newswatch.ingest.IngestMetrics;
import io.newswatch.ingest.TestServer;
import io.newswatch.ingest.normalize.ArticleNormalizer;
import io.newswatch.schemas.avro.Article;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryWatcherTest {

  @TempDir
  Path dir;

  private final CollectingSink sink = new CollectingSink();
  private final TestClock clock = new TestClock(Instant.parse("2025-11-17T10:00:00Z"));
  private final DirectoryImporter importer = new DirectoryImporter(sink, new ArticleNormalizer(), ImportLedger.inMemory(),
      new IngestMetrics(new SimpleMeterRegistry()), clock, DirectoryImporter.DEFAULT_MAX_FILE_BYTES);

  @Test
  void shouldImportAFileOnlyAfterItStayedUnchangedForTheQuietPeriodWhenTheWriterPauses() throws IOException {
    DirectoryWatcher watcher = new DirectoryWatcher(dir, importer, Duration.ofSeconds(5), clock);
    byte[] page = TestServer.resource("/html/article.html");
    Path file = dir.resolve("page.html");
    Files.write(file, Arrays.copyOf(page, page.length / 2));

    ImportReport firstScan = watcher.scanOnce();
    clock.advance(Duration.ofSeconds(2));
    ImportReport duringThePause = watcher.scanOnce(); // two scans agree, but the writer is only pausing
    clock.advance(Duration.ofSeconds(2));
    Files.write(file, Arrays.copyOfRange(page, page.length / 2, page.length), StandardOpenOption.APPEND);
    ImportReport afterTheRest = watcher.scanOnce();
    clock.advance(Duration.ofSeconds(4));
    ImportReport notQuietYet = watcher.scanOnce();
    clock.advance(Duration.ofSeconds(2));
    ImportReport quiet = watcher.scanOnce();

    assertThat(firstScan.articles() + duringThePause.articles() + afterTheRest.articles() + notQuietYet.articles())
        .isZero();
    assertThat(quiet.articles()).isEqualTo(1);
    assertThat(sink.rejects).isEmpty();
    assertThat(sink.articles).extracting(Article::getTitle).containsExactly("Talks proposed at the border");
  }

  @Test
  void shouldLeaveAFileForLaterWhenItChangedSinceItWasJudgedComplete() throws IOException {
    Path file = dir.resolve("page.html");
    Files.write(file, TestServer.resource("/html/article.html"));
    DirectoryImporter.Stamp judged = new DirectoryImporter.Stamp(Files.size(file) - 100,
        Files.getLastModifiedTime(file).toMillis());

    ImportReport stale = importer.importFile(dir, file, judged);
    ImportReport current = importer.importFile(dir, file, new DirectoryImporter.Stamp(Files.size(file),
        Files.getLastModifiedTime(file).toMillis()));

    assertThat(stale).isEqualTo(ImportReport.EMPTY);
    assertThat(current.articles()).isEqualTo(1);
    assertThat(sink.articles).hasSize(1);
  }

  @Test
  void shouldNotImportFilesWhenTheyAreStagedInADotFolderOrNamedAsUnfinished() throws IOException {
    DirectoryWatcher watcher = new DirectoryWatcher(dir, importer, Duration.ZERO, clock);
    Files.createDirectories(dir.resolve(".staging"));
    Files.write(dir.resolve(".staging").resolve("page.html"), TestServer.resource("/html/article.html"));
    Files.write(dir.resolve("~$page.html"), TestServer.resource("/html/article.html"));

    watcher.scanOnce();
    clock.advance(Duration.ofSeconds(1));
    watcher.scanOnce();
    Files.move(dir.resolve(".staging").resolve("page.html"), dir.resolve("page.html"));
    watcher.scanOnce();
    clock.advance(Duration.ofSeconds(1));
    ImportReport renamed = watcher.scanOnce();

    assertThat(renamed.articles()).isEqualTo(1);
    assertThat(sink.articles).hasSize(1);
  }

  /** A clock the test moves by hand. */
  private static final class TestClock extends Clock {
    private Instant now;

    TestClock(Instant start) {
      now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
