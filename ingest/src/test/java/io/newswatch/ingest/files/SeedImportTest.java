package io.newswatch.ingest.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.ingest.CollectingSink;
import io.newswatch.ingest.IngestMetrics;
import io.newswatch.ingest.TestPaths;
import io.newswatch.ingest.normalize.ArticleNormalizer;
import io.newswatch.ingest.normalize.TextCleaner;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.SourceType;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class SeedImportTest {

  private static final Logger LOG = LoggerFactory.getLogger(SeedImportTest.class);
  private final Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void shouldImportFiveCleanArabicArticlesWhenImportingTheSeedFolder() throws IOException {
    CollectingSink sink = new CollectingSink();
    DirectoryImporter importer = new DirectoryImporter(sink, new ArticleNormalizer(), ImportLedger.inMemory(),
        new IngestMetrics(new SimpleMeterRegistry()), clock);

    ImportReport report = importer.importDirectory(TestPaths.seeds());

    assertThat(report.articles()).isEqualTo(5);
    assertThat(report.ignored()).as("labels.tsv is not an article").isEqualTo(1);
    assertThat(sink.rejects).isEmpty();
    assertThat(sink.articles).hasSize(5);
    for (Article a : sink.articles) {
      String file = a.getAttributes().get("file");
      assertThat(a.getLang()).as(file).isEqualTo("ar");
      assertThat(a.getSourceType()).isEqualTo(SourceType.FILE);
      assertThat(a.getId()).startsWith("c-");
      assertThat(a.getContentHash()).hasSize(64);
      assertCleanBody(file, a.getBody());
    }
    assertThat(sink.articles).extracting(Article::getId).doesNotHaveDuplicates();
    sink.articles.forEach(a -> LOG.info("{} title='{}' paragraphs={} last='{}'", a.getAttributes().get("file"),
        a.getTitle(), a.getBody().split("\n\n").length, last(a.getBody())));
  }

  @Test
  void shouldTakeShortUnpunctuatedFirstLineAsTitleWhenTextFileHasHeadline() throws IOException {
    CollectingSink sink = new CollectingSink();
    DirectoryImporter importer = new DirectoryImporter(sink, new ArticleNormalizer(), ImportLedger.inMemory(),
        new IngestMetrics(new SimpleMeterRegistry()), clock);

    importer.importDirectory(TestPaths.seeds());

    List<String> headlined = sink.articles.stream().filter(a -> !a.getTitle().isEmpty())
        .map(a -> a.getAttributes().get("file")).sorted().toList();
    // Three seeds open with a headline line; two open straight with a lead paragraph.
    assertThat(headlined).hasSize(3);
    for (Article a : sink.articles) {
      if (!a.getTitle().isEmpty()) {
        assertThat(a.getBody()).as("title is not repeated as the first paragraph").doesNotStartWith(a.getTitle());
      }
    }
  }

  @Test
  void shouldNotImportAgainWhenTheSameFolderIsImportedTwice() throws IOException {
    CollectingSink sink = new CollectingSink();
    DirectoryImporter importer = new DirectoryImporter(sink, new ArticleNormalizer(), ImportLedger.inMemory(),
        new IngestMetrics(new SimpleMeterRegistry()), clock);

    importer.importDirectory(TestPaths.seeds());
    ImportReport second = importer.importDirectory(TestPaths.seeds());

    assertThat(second.articles()).isZero();
    assertThat(second.alreadyImported()).isEqualTo(5);
    assertThat(sink.articles).hasSize(5);
  }

  /** Debris kinds, stated generally: repeated lines, short UI lines, link/e-mail lines, unfinished last line. */
  private static void assertCleanBody(String file, String body) {
    List<String> lines = Arrays.stream(body.split("\n")).filter(l -> !l.isBlank()).toList();
    assertThat(new HashSet<>(lines)).as("no paragraph repeated in %s", file).hasSameSizeAs(lines);
    assertThat(lines).as("short UI lines (menus, buttons, headings of digests) in %s", file)
        .filteredOn(l -> words(l) <= 3 || (l.endsWith(":") && words(l) <= 5)).isEmpty();
    assertThat(lines).as("e-mail or bare-domain lines in %s", file)
        .filteredOn(l -> l.contains("@") || l.matches(".*\\b[a-z0-9-]+\\.[a-z]{2,}\\b.*")).isEmpty();
    assertThat(lines).as("Latin-script UI labels inside Arabic text in %s", file)
        .filteredOn(l -> l.chars().filter(Character::isLetter).allMatch(c -> c < 0x250)).isEmpty();
    assertThat(TextCleaner.endsSentence(last(body))).as("%s ends on a sentence, not a footer: %s", file, last(body))
        .isTrue();
  }

  private static int words(String line) {
    return (int) Arrays.stream(line.split("\\s+")).filter(t -> t.codePoints().anyMatch(Character::isLetterOrDigit)).count();
  }

  private static String last(String body) {
    String[] paragraphs = body.split("\n\n");
    return paragraphs[paragraphs.length - 1];
  }

}
