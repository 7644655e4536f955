package io.newswatch.enrich.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.enrich.analysis.TextLanguage;
import io.newswatch.schemas.query.QueryNode.And;
import io.newswatch.schemas.query.QueryNode.Phrase;
import io.newswatch.schemas.query.QueryNode.Term;
import io.newswatch.schemas.query.QuerySyntaxException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A parsed query's words analyzed as the articles are, per language. */
class QueryAnalysisTest {

  @Test
  void shouldStemAndSplitWordsWhenAnalyzingEnglish() throws Exception {
    assertThat(QueryAnalysis.parseAndAnalyze("forces \"North Korean\" Jong-un", TextLanguage.EN))
        .isEqualTo(
            new And(
                List.of(
                    new Term("forc"),
                    new Phrase(List.of("north", "korean")),
                    new Phrase(List.of("jong", "un")))));
  }

  @Test
  void shouldNormalizeArabicWhenAnalyzingQuery() throws Exception {
    assertThat(QueryAnalysis.parseAndAnalyze("والقوات", TextLanguage.AR))
        .isEqualTo(QueryAnalysis.parseAndAnalyze("القوات", TextLanguage.AR));
  }

  @Test
  void shouldRejectWordWhenItHasNothingToSearch() {
    assertThatThrownBy(() -> QueryAnalysis.parseAndAnalyze("seoul ...", TextLanguage.EN))
        .isInstanceOf(QuerySyntaxException.class)
        .hasMessageContaining("no searchable word");
  }
}
