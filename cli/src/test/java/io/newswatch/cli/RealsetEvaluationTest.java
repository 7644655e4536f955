package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.enrich.tagging.TaggingEvaluation;
import io.newswatch.enrich.tagging.TaxonomyLoader;
import io.newswatch.enrich.tagging.TaxonomyTagger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tagger on the shared development set of real articles ({@code ../shared/samples/realset}, 40
 * Arabic and 40 English pages with multi-topic gold), read and tagged as {@code newswatch eval} does.
 * A guard against regressions: macro F1 at least 0.95 in each language and every topic at least
 * 0.92. The set is not in the repository (it is other people's text); CI has it at that path.
 */
class RealsetEvaluationTest {

  private static final Logger LOG = LoggerFactory.getLogger(RealsetEvaluationTest.class);

  static Path realset() {
    String configured = System.getProperty("newswatch.realset");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(System.getProperty("newswatch.repo.root", "..")).resolve("../shared/samples/realset");
  }

  @Test
  void shouldKeepMacroF1AboveTheFloorInEachLanguageOnRealArticles() throws Exception {
    Path dir = realset();
    assertThat(dir.resolve("labels.tsv")).as("the real-article set must be at %s (or -Dnewswatch.realset)", dir)
        .isRegularFile();
    TaxonomyTagger tagger = TaxonomyTagger.withDefaultTaxonomy();
    OfflineTagging tagging = new OfflineTagging(tagger);
    ArticleFiles files = new ArticleFiles();
    List<TaggingEvaluation.Outcome> outcomes = new ArrayList<>();
    for (TaggingEvaluation.Gold gold : TaggingEvaluation.readLabels(dir.resolve("labels.tsv"))) {
      List<ArticleFiles.FileArticle> read = new ArrayList<>();
      List<ArticleFiles.Problem> problems = new ArrayList<>();
      assertThat(Files.isRegularFile(dir.resolve(gold.file()))).isTrue();
      files.read(dir.resolve(gold.file()), read, problems);
      assertThat(read).as("%s: %s", gold.file(), problems).isNotEmpty();
      outcomes.add(new TaggingEvaluation.Outcome(gold, tagging.tag(read.getFirst()).result(), null));
    }
    TaggingEvaluation.Report report = TaggingEvaluation.evaluate(tagger.topicIds(), outcomes);
    LOG.info("realset:\n{}", report.format());

    assertThat(outcomes).hasSize(80);
    for (String lang : List.of("ar", "en")) {
      TaggingEvaluation.LanguageFigures figures = report.figures(lang);
      assertThat(figures.macroF1()).as("%s macro F1\n%s", lang, report.format()).isGreaterThanOrEqualTo(0.95);
      figures.perTopic().forEach((topic, counts) ->
          assertThat(counts.f1()).as("%s %s F1\n%s", lang, topic, report.format()).isGreaterThanOrEqualTo(0.92));
    }
  }
}
