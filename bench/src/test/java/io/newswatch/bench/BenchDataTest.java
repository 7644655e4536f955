package io.newswatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.enrich.analysis.TextLanguage;
import io.newswatch.enrich.matching.AnchorIndexMatcher;
import io.newswatch.enrich.matching.StoredQuery;
import io.newswatch.enrich.tagging.Document;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A smoke test that the benchmark data builds; the benchmarks themselves never run in the build. */
class BenchDataTest {

  @ParameterizedTest
  @EnumSource(TextLanguage.class)
  void shouldBuildArticlesOfTargetLengthWhenGeneratingVariants(TextLanguage language) {
    List<Document> docs = BenchCorpus.articles(language, 12, 1);

    assertThat(BenchCorpus.base(language)).hasSizeGreaterThanOrEqualTo(5);
    assertThat(docs).hasSize(12).doesNotHaveDuplicates();
    assertThat(docs).allSatisfy(d -> assertThat(d.body().length()).isBetween(BenchCorpus.TARGET_CHARS * 9 / 10, 2 * BenchCorpus.TARGET_CHARS));
    assertThat(BenchCorpus.articles(language, 12, 1)).isEqualTo(docs);
  }

  @ParameterizedTest
  @EnumSource(TextLanguage.class)
  void shouldGenerateParsableDeterministicQueriesWhenMixIsBuilt(TextLanguage language) {
    List<Document> base = BenchCorpus.base(language);
    List<StoredQuery> queries = QueryMix.generate(language, base, 500, 3);

    assertThat(QueryMix.generate(language, base, 500, 3)).isEqualTo(queries);
    assertThat(QueryMix.generate(language, base, 50, 3)).isEqualTo(queries.subList(0, 50));
    try (AnchorIndexMatcher matcher = new AnchorIndexMatcher()) {
      assertThat(matcher.add(queries)).isEmpty();
      long matched = BenchCorpus.articles(language, 20, 1).stream().mapToLong(d -> matcher.match(d).size()).sum();
      // Mostly rare and absent words: some queries match each article, far from all.
      assertThat(matched).isBetween(20L, 20L * 500 / 4);
    }
  }
}
