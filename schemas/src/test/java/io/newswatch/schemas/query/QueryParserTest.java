package io.newswatch.schemas.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newswatch.schemas.query.QueryNode.And;
import io.newswatch.schemas.query.QueryNode.Not;
import io.newswatch.schemas.query.QueryNode.Or;
import io.newswatch.schemas.query.QueryNode.Text;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryParserTest {

  private static Text word(String w) {
    return new Text(w, false);
  }

  @Test
  void shouldAndWordsWhenNoOperatorIsGiven() throws Exception {
    assertThat(QueryParser.parse("kim  putin")).isEqualTo(new And(List.of(word("kim"), word("putin"))));
  }

  @Test
  void shouldBindAndTighterThanOrWhenMixed() throws Exception {
    assertThat(QueryParser.parse("a OR b AND c"))
        .isEqualTo(new Or(List.of(word("a"), new And(List.of(word("b"), word("c"))))));
  }

  @Test
  void shouldBindNotToTheNextClauseWhenNegating() throws Exception {
    assertThat(QueryParser.parse("kursk NOT (ukraine OR kyiv)"))
        .isEqualTo(
            new And(List.of(word("kursk"), new Not(new Or(List.of(word("ukraine"), word("kyiv")))))));
  }

  @Test
  void shouldKeepQuotedTextWhenPhraseIsGiven() throws Exception {
    assertThat(QueryParser.parse("\"north korea\" AND troops"))
        .isEqualTo(new And(List.of(new Text("north korea", true), word("troops"))));
  }

  @Test
  void shouldTreatLowerCaseOperatorsAsWordsWhenNotUpperCase() throws Exception {
    assertThat(QueryParser.parse("war or peace"))
        .isEqualTo(new And(List.of(word("war"), word("or"), word("peace"))));
  }

  @Test
  void shouldSayWhereWhenQueryIsMalformed() {
    assertThatThrownBy(() -> QueryParser.parse("(kursk OR moscow"))
        .isInstanceOf(QuerySyntaxException.class)
        .hasMessageContaining("never closed")
        .hasMessageContaining("character 1");
    assertThatThrownBy(() -> QueryParser.parse("kursk)"))
        .hasMessageContaining("unbalanced ')'");
    assertThatThrownBy(() -> QueryParser.parse("  ")).hasMessageContaining("empty");
    assertThatThrownBy(() -> QueryParser.parse("a OR OR b")).hasMessageContaining("operator OR");
    assertThatThrownBy(() -> QueryParser.parse("x".repeat(QueryParser.MAX_LENGTH + 1)))
        .hasMessageContaining("characters");
  }

  @Test
  void shouldRefuseAWordThatCouldNeverMatchAnArticle() throws Exception {
    assertThatThrownBy(() -> QueryParser.parse("Kur*")).hasMessageContaining("wildcards are not supported ('Kur*')")
        .hasMessageContaining("character 1");
    assertThatThrownBy(() -> QueryParser.parse("*")).hasMessageContaining("wildcards");
    assertThatThrownBy(() -> QueryParser.parse("Kursk OR ...")).hasMessageContaining("'...' has no searchable word")
        .hasMessageContaining("character 10");
    // Enrich's analysis refuses a query with such a word whole, so it is refused where it is added.
    assertThatThrownBy(() -> QueryParser.parse("Kim & Putin")).hasMessageContaining("'&' has no searchable word");
    assertThatThrownBy(() -> QueryParser.parse("\"-- --\"")).hasMessageContaining("no searchable word");
    // Punctuation attached to a word is dropped by analysis.
    assertThat(QueryParser.parse("Kursk, كورسك 11th")).isNotNull();
  }
}
