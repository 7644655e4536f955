package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.enrich.dedup.Fingerprint;
import io.newswatch.enrich.dedup.Fingerprinter;
import io.newswatch.enrich.matching.AnchorIndexMatcher;
import io.newswatch.enrich.stream.ArticleTagging;
import io.newswatch.enrich.tagging.TaxonomyTagger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Near-duplicates on the real development set ({@code near_dup_group} of its labels: six pairs of
 * copies of one report on two sites), fingerprinted the way enrich fingerprints an article in the
 * stream (ArticleTagging, which reuses the tagger's terms), not through a separate path. A guard:
 * at least five of the six pairs are near-duplicates at the default threshold (the sixth is a loose
 * rewrite, which the story layer groups instead), and no pair of different reports is one.
 */
class RealsetNearDuplicateTest {

  private static final Logger LOG = LoggerFactory.getLogger(RealsetNearDuplicateTest.class);

  private record Read(String file, String group, Fingerprint fingerprint) {}

  @Test
  void shouldFindTheCopiesOfAReportAndNothingElseOnRealArticles() throws Exception {
    Path dir = RealsetEvaluationTest.realset();
    assertThat(dir.resolve("labels.tsv")).as("the real-article set must be at %s", dir).isRegularFile();
    Fingerprinter fingerprinter = Fingerprinter.withDefaults();
    ArticleTagging tagging = new ArticleTagging(TaxonomyTagger.withDefaultTaxonomy(), fingerprinter,
        new AnchorIndexMatcher());
    ArticleFiles files = new ArticleFiles();
    List<Read> articles = new ArrayList<>();
    List<String> lines = Files.readAllLines(dir.resolve("labels.tsv"));
    List<String> header = List.of(lines.getFirst().split("\t"));
    int fileColumn = header.indexOf("file");
    int groupColumn = header.indexOf("near_dup_group");
    assertThat(groupColumn).as("labels.tsv has a near_dup_group column").isNotNegative();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] row = line.split("\t");
      List<ArticleFiles.FileArticle> read = new ArrayList<>();
      List<ArticleFiles.Problem> problems = new ArrayList<>();
      files.read(dir.resolve(row[fileColumn]), read, problems);
      assertThat(read).as("%s: %s", row[fileColumn], problems).isNotEmpty();
      var article = read.getFirst().article();
      articles.add(new Read(row[fileColumn], row[groupColumn], tagging.analyze(article.getId(), article).fingerprint()));
    }
    int pairs = 0;
    int found = 0;
    List<String> falsePositives = new ArrayList<>();
    StringBuilder figures = new StringBuilder();
    for (int i = 0; i < articles.size(); i++) {
      for (int j = i + 1; j < articles.size(); j++) {
        Read a = articles.get(i);
        Read b = articles.get(j);
        boolean near = fingerprinter.isNearDuplicate(a.fingerprint().signature(), b.fingerprint().signature());
        if (!a.group().equals("-") && a.group().equals(b.group())) {
          pairs++;
          found += near ? 1 : 0;
          figures.append(String.format(" %s %.2f", a.group(), a.fingerprint().signature().jaccard(b.fingerprint().signature())));
        } else if (near) {
          falsePositives.add(a.file() + " ~ " + b.file());
        }
      }
    }
    LOG.info("realset near-duplicates: {} of {} pairs found, {} false;{}", found, pairs, falsePositives.size(), figures);
    assertThat(articles).hasSize(80);
    assertThat(pairs).isEqualTo(6);
    assertThat(found).as("pairs found (estimated similarity per group:%s)", figures).isGreaterThanOrEqualTo(5);
    assertThat(falsePositives).isEmpty();
  }
}
