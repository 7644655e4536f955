package io.newswatch.ingest.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.ingest.CollectingSink;
import io.newswatch.ingest.DeadLetters;
import io.newswatch.ingest.IngestMetrics;
import io.newswatch.ingest.LogCapture;
import io.newswatch.ingest.TestServer;
import io.newswatch.ingest.normalize.ArticleNormalizer;
import io.newswatch.schemas.avro.Article;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileImportTest {

  @TempDir
  Path dir;

  private final CollectingSink sink = new CollectingSink();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private DirectoryImporter importer(ImportLedger ledger, long maxFileBytes) {
    return new DirectoryImporter(sink, new ArticleNormalizer(), ledger, new IngestMetrics(registry), Clock.systemUTC(),
        maxFileBytes);
  }

  private void copy(String resource, String name) throws IOException {
    Files.write(dir.resolve(name), TestServer.resource(resource));
  }

  @Test
  void shouldImportTheFileAgainWhenItsArticlesCouldNotBePublished() throws IOException {
    copy("/html/article.html", "page.html");
    DirectoryImporter importer = importer(ImportLedger.inMemory(), DirectoryImporter.DEFAULT_MAX_FILE_BYTES);

    sink.failFlush = true;
    assertThatThrownBy(() -> importer.importDirectory(dir)).hasMessageContaining("publishing failed");
    sink.failFlush = false;
    ImportReport retried = importer.importDirectory(dir);
    ImportReport again = importer.importDirectory(dir);

    assertThat(retried.articles()).isEqualTo(1);
    assertThat(again.articles()).isZero();
    assertThat(again.alreadyImported()).isEqualTo(1);
  }

  @Test
  void shouldReadTitleUrlAndDateWhenFileIsHtml() throws IOException {
    copy("/html/article.html", "page.html");

    importer(ImportLedger.inMemory(), DirectoryImporter.DEFAULT_MAX_FILE_BYTES).importDirectory(dir);

    assertThat(sink.articles).singleElement().satisfies(a -> {
      assertThat(a.getTitle()).isEqualTo("Talks proposed at the border");
      assertThat(a.getCanonicalUrl()).isEqualTo("https://example.test/news/talks?a=1&b=2");
      assertThat(a.getId()).startsWith("u-");
      assertThat(a.getSource()).isEqualTo("example.test");
      assertThat(a.getPublishedAt()).isEqualTo(Instant.parse("2025-11-16T23:00:00Z"));
      assertThat(a.getLang()).isEqualTo("en");
    });
  }

  @Test
  void shouldImportGoodLinesAndDeadLetterBadOnesWhenFileIsJsonLines() throws IOException {
    copy("/files/batch.jsonl", "batch.jsonl");

    ImportReport report = importer(ImportLedger.inMemory(), DirectoryImporter.DEFAULT_MAX_FILE_BYTES).importDirectory(dir);

    assertThat(report.articles()).isEqualTo(2);
    assertThat(report.rejected()).isEqualTo(2);
    assertThat(sink.articles).extracting(Article::getTitle).containsExactly("First story", "Second story");
    assertThat(sink.rejects).extracting(dl -> dl.getAttributes().get("location")).containsExactly("line 4", "line 5");
    assertThat(sink.rejects).extracting(dl -> dl.getReason()).anySatisfy(r -> assertThat(r).startsWith("malformed JSON"));
  }

  @Test
  void shouldImportArrayWhenFileIsJson() throws IOException {
    copy("/files/array.json", "array.json");

    importer(ImportLedger.inMemory(), DirectoryImporter.DEFAULT_MAX_FILE_BYTES).importDirectory(dir);

    assertThat(sink.articles).singleElement().satisfies(a -> {
      assertThat(a.getCanonicalUrl()).isEqualTo("https://news.example.test/json/1");
      assertThat(a.getSource()).isEqualTo("Example");
    });
  }

  @Test
  void shouldDeadLetterOnceWhenFileIsMalformedJson() throws IOException {
    copy("/files/broken.json", "broken.json");
    DirectoryImporter importer = importer(ImportLedger.inMemory(), DirectoryImporter.DEFAULT_MAX_FILE_BYTES);

    importer.importDirectory(dir);
    importer.importDirectory(dir);

    assertThat(sink.rejects).singleElement().satisfies(dl -> {
      assertThat(dl.getReason()).startsWith("malformed JSON");
      assertThat(dl.getSource()).endsWith("broken.json");
      assertThat(dl.getTruncated()).isFalse();
    });
  }

  @Test
  void shouldKeepOnlyAPrefixWhenFileIsTooLarge() throws IOException {
    Path big = dir.resolve("huge.txt");
    try (OutputStream out = Files.newOutputStream(big)) {
      byte[] line = "A very long line of text that repeats.\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      for (int i = 0; i < 10_000; i++) {
        out.write(line);
      }
    }
    long size = Files.size(big);

    importer(ImportLedger.inMemory(), 100_000).importDirectory(dir);

    assertThat(sink.articles).isEmpty();
    assertThat(sink.rejects).singleElement().satisfies(dl -> {
      assertThat(dl.getTruncated()).isTrue();
      assertThat(dl.getOriginalSize()).isEqualTo(size);
      assertThat(dl.getPayload().remaining()).isEqualTo(DeadLetters.MAX_PAYLOAD_BYTES);
    });
  }

  @Test
  void shouldNotRepublishWhenLedgerFileSurvivesARestart() throws IOException {
    copy("/html/article.html", "page.html");
    Path ledgerFile = dir.resolve(".ingest-ledger");

    importer(ImportLedger.open(ledgerFile), DirectoryImporter.DEFAULT_MAX_FILE_BYTES).importDirectory(dir);
    ImportReport afterRestart = importer(ImportLedger.open(ledgerFile), DirectoryImporter.DEFAULT_MAX_FILE_BYTES)
        .importDirectory(dir);

    assertThat(sink.articles).hasSize(1);
    assertThat(afterRestart.alreadyImported()).isEqualTo(1);
  }

  @Test
  void shouldImportNewFilesOnceWhenWatching() throws IOException {
    DirectoryImporter importer = importer(ImportLedger.inMemory(), DirectoryImporter.DEFAULT_MAX_FILE_BYTES);
    try (DirectoryWatcher watcher = new DirectoryWatcher(dir, importer)) {
      watcher.start(Duration.ofMillis(50));
      copy("/html/article.html", "page.html");
      await().atMost(Duration.ofSeconds(10)).until(() -> sink.articles.size() == 1);
      copy("/files/array.json", "array.json");
      await().atMost(Duration.ofSeconds(10)).until(() -> sink.articles.size() == 2);
    }
    assertThat(sink.articles).extracting(Article::getTitle)
        .containsExactly("Talks proposed at the border", "From a JSON file");
  }

  @Test
  void shouldWaitForAFileToSettleWhenScanningByHand() throws IOException {
    DirectoryWatcher watcher = new DirectoryWatcher(dir, importer(ImportLedger.inMemory(), DirectoryImporter.DEFAULT_MAX_FILE_BYTES));
    copy("/files/array.json", "array.json");

    ImportReport first = watcher.scanOnce();
    ImportReport second = watcher.scanOnce();
    ImportReport third = watcher.scanOnce();

    assertThat(first.articles()).as("a file seen once may still be growing").isZero();
    assertThat(second.articles()).isEqualTo(1);
    assertThat(third.articles()).isZero();
  }

  @Test
  void shouldDeadLetterALinkWithoutReadingItWhenItPointsOutsideTheFolder(@TempDir Path outside) throws IOException {
    Path secret = outside.resolve("passwd");
    Files.writeString(secret, "root:x:0:0:root:/root:/bin/bash and enough words to pass for an article text.\n");
    Files.createSymbolicLink(dir.resolve("passwd.txt"), secret);

    ImportReport report = importer(ImportLedger.inMemory(), DirectoryImporter.DEFAULT_MAX_FILE_BYTES).importDirectory(dir);
    ImportReport again = importer(ImportLedger.inMemory(), DirectoryImporter.DEFAULT_MAX_FILE_BYTES).importDirectory(dir);

    assertThat(sink.articles).isEmpty();
    assertThat(report.rejected()).isEqualTo(1);
    assertThat(sink.rejects).first().satisfies(dl -> {
      assertThat(dl.getReason()).isEqualTo("symbolic link to a file outside the folder not followed");
      assertThat(dl.getPayload()).as("the target is never read").isNull();
      assertThat(dl.getSource()).endsWith("passwd.txt");
    });
    assertThat(again.rejected()).isEqualTo(1);
  }

  @Test
  void shouldReadALinkInsideTheFolderOnlyWhenTheLinkPolicyAllowsIt(@TempDir Path outside) throws IOException {
    Path store = Files.createDirectories(dir.resolve(".store"));
    Files.write(store.resolve("page.html"), TestServer.resource("/html/article.html"));
    Files.createSymbolicLink(dir.resolve("story.html"), store.resolve("page.html"));
    Files.writeString(outside.resolve("x.txt"), "An article outside the folder, which no link may bring in.\n");
    Files.createSymbolicLink(dir.resolve("escape.txt"), outside.resolve("x.txt"));
    DirectoryImporter byDefault = importer(ImportLedger.inMemory(), DirectoryImporter.DEFAULT_MAX_FILE_BYTES);
    DirectoryImporter inside = new DirectoryImporter(sink, new ArticleNormalizer(), ImportLedger.inMemory(),
        new IngestMetrics(registry), Clock.systemUTC(), DirectoryImporter.DEFAULT_MAX_FILE_BYTES, LinkPolicy.INSIDE);

    byDefault.importDirectory(dir);
    assertThat(sink.articles).isEmpty();
    assertThat(sink.rejects).extracting(dl -> dl.getReason()).containsExactly(
        "symbolic link to a file outside the folder not followed",
        "symbolic link not followed (its target is inside the folder; set ingest.follow-links=inside to read such links)");
    sink.rejects.clear();

    inside.importDirectory(dir);
    assertThat(sink.articles).extracting(Article::getTitle).containsExactly("Talks proposed at the border");
    assertThat(sink.rejects).extracting(dl -> dl.getReason())
        .containsExactly("symbolic link to a file outside the folder not followed");
  }

  @Test
  void shouldDeadLetterAsBinaryWhenATxtFileHoldsBinaryData() throws IOException {
    byte[] png = new byte[4096];
    new java.util.Random(3).nextBytes(png);
    System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13}, 0, png, 0, 12);
    Files.write(dir.resolve("photo.txt"), png);

    importer(ImportLedger.inMemory(), DirectoryImporter.DEFAULT_MAX_FILE_BYTES).importDirectory(dir);

    assertThat(sink.articles).isEmpty();
    assertThat(sink.rejects).singleElement().satisfies(dl -> {
      assertThat(dl.getReason()).startsWith("binary content, not text");
      assertThat(dl.getPayload().remaining()).isEqualTo(png.length);
    });
  }

  @Test
  void shouldSayWhichWhenAFileIsEmptyPartialOrTooShort() throws IOException {
    Files.write(dir.resolve("a-empty.txt"), new byte[0]);
    copy("/files/partial.txt", "b-partial.txt");
    copy("/files/short.txt", "c-short.txt");

    importer(ImportLedger.inMemory(), DirectoryImporter.DEFAULT_MAX_FILE_BYTES).importDirectory(dir);

    assertThat(sink.articles).isEmpty();
    assertThat(sink.rejects).extracting(dl -> dl.getReason()).satisfiesExactly(
        empty -> assertThat(empty).isEqualTo("empty file (0 bytes)"),
        partial -> assertThat(partial).startsWith("partial text: ").contains("stop mid-sentence"),
        tooShort -> assertThat(tooShort).isEqualTo("text too short to be an article: 2 words (a headline or a"
            + " one-line summary)"));
  }

  @Test
  void shouldIgnoreFilesWhenTheirNamesMarkThemUnfinished() throws IOException {
    for (String name : new String[] {"story.txt.part", "story.txt.tmp", "~$story.txt", ".story.txt", "story.txt~"}) {
      copy("/html/article.html", name);
    }

    ImportReport report = importer(ImportLedger.inMemory(), DirectoryImporter.DEFAULT_MAX_FILE_BYTES).importDirectory(dir);

    assertThat(sink.articles).isEmpty();
    assertThat(report.ignored()).isEqualTo(4); // the dot-file is not even listed
  }

  @Test
  void shouldEscapeLineBreaksWhenAFileNameTriesToForgeLogLines() throws IOException {
    Files.write(dir.resolve("x.txt\n12:00:00.000 INFO  DirectoryImporter - Imported all.txt"), new byte[0]);

    try (LogCapture logs = new LogCapture()) {
      importer(ImportLedger.inMemory(), DirectoryImporter.DEFAULT_MAX_FILE_BYTES).importDirectory(dir);

      assertThat(logs.messages).anySatisfy(m -> assertThat(m).contains("x.txt\\n12:00:00.000 INFO"));
      assertThat(logs.messages).noneSatisfy(m -> assertThat(m).contains("\n"));
    }
    assertThat(sink.rejects).hasSize(1);
  }
}
