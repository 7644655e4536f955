package io.newswatch.enrich.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.enrich.TestFiles;
import io.newswatch.enrich.analysis.TextLanguage;
import io.newswatch.enrich.tagging.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Behaviour both engines must share; every test runs against each. */
class QueryMatcherTest {

  private static final Document ARABIC = MatchingFixtures.article("matching/ar_troops.txt");
  private static final Document ENGLISH = MatchingFixtures.article("matching/en_summit.txt");

  static Stream<Named<Supplier<QueryMatcher>>> engines() {
    return Stream.of(
        Named.of("anchor index", AnchorIndexMatcher::new),
        Named.of("lucene monitor", LuceneMonitorMatcher::new));
  }

  private static List<String> matches(QueryMatcher matcher, Document article, String... queries) {
    List<StoredQuery> stored = new ArrayList<>();
    for (int i = 0; i < queries.length; i++) {
      stored.add(StoredQuery.anyLanguage("q" + i, queries[i]));
    }
    assertThat(matcher.add(stored)).isEmpty();
    return matcher.match(article);
  }

  @ParameterizedTest
  @MethodSource("engines")
  void shouldApplyBooleanOperatorsWhenMatching(Supplier<QueryMatcher> engine) {
    try (QueryMatcher matcher = engine.get()) {
      assertThat(
              matches(
                  matcher, ENGLISH,
                  "seoul AND japan",
                  "seoul AND moscow",
                  "moscow OR tokyo OR japan",
                  "moscow OR tokyo",
                  "seoul NOT moscow",
                  "seoul NOT japan",
                  "(moscow OR seoul) (trade OR missile)",
                  "NOT moscow",
                  "NOT seoul"))
          .containsExactlyInAnyOrder("q0", "q2", "q4", "q6", "q7");
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void shouldMatchPhrasesOnlyWhenWordsAreAdjacent(Supplier<QueryMatcher> engine) {
    try (QueryMatcher matcher = engine.get()) {
      assertThat(
              matches(
                  matcher, ENGLISH,
                  "\"trade talks\"",
                  "\"talks trade\"",
                  "\"south korea and japan\"",
                  "\"korea japan\"",
                  // The title ends with "resume", the body starts with "The": no phrase across them.
                  "\"resume the\""))
          .containsExactlyInAnyOrder("q0", "q2");
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void shouldMatchInflectedFormsWhenQueryIsAnalyzedLikeTheArticle(Supplier<QueryMatcher> engine) {
    try (QueryMatcher matcher = engine.get()) {
      assertThat(matches(matcher, ENGLISH, "force", "\"korean forces\"", "exchange", "leader"))
          .containsExactlyInAnyOrder("q0", "q1", "q2", "q3");
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void shouldMatchArabicPrefixedAndNormalizedFormsWhenQueryIsBare(Supplier<QueryMatcher> engine) {
    try (QueryMatcher matcher = engine.get()) {
      assertThat(
              matches(
                  matcher, ARABIC,
                  "القوات",
                  "كورسك AND سيول",
                  "\"القوات الكورية\"",
                  "منطقه",
                  "موسكو"))
          .containsExactlyInAnyOrder("q0", "q1", "q2", "q3");
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void shouldReportAndSkipBadQueriesWhenOthersAreValid(Supplier<QueryMatcher> engine) {
    List<String[]> bad = TestFiles.tsv(TestFiles.resource("matching/bad-queries.tsv"));
    List<StoredQuery> batch = new ArrayList<>();
    batch.add(StoredQuery.anyLanguage("good-1", "seoul"));
    bad.forEach(row -> batch.add(StoredQuery.anyLanguage(row[0], row[1])));
    batch.add(StoredQuery.anyLanguage("good-2", "japan AND trade"));
    try (QueryMatcher matcher = engine.get()) {
      List<QueryError> errors = matcher.add(batch);

      assertThat(errors).extracting(QueryError::id).containsExactlyElementsOf(bad.stream().map(r -> r[0]).toList());
      for (int i = 0; i < bad.size(); i++) {
        assertThat(errors.get(i).message()).contains(bad.get(i)[2]);
      }
      assertThat(matcher.size()).isEqualTo(2);
      assertThat(matcher.match(ENGLISH)).containsExactlyInAnyOrder("good-1", "good-2");
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void shouldForgetOrReplaceQueryWhenRemovedOrReRegistered(Supplier<QueryMatcher> engine) {
    try (QueryMatcher matcher = engine.get()) {
      matcher.add(List.of(StoredQuery.anyLanguage("a", "seoul"), StoredQuery.anyLanguage("b", "japan")));
      matcher.remove(List.of("a", "unknown"));
      matcher.add(StoredQuery.anyLanguage("b", "moscow"));

      assertThat(matcher.size()).isEqualTo(1);
      assertThat(matcher.match(ENGLISH)).isEmpty();

      matcher.add(StoredQuery.anyLanguage("b", "(broken"));
      assertThat(matcher.size()).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void shouldApplyQueryOnlyToItsLanguageWhenOneIsGiven(Supplier<QueryMatcher> engine) {
    try (QueryMatcher matcher = engine.get()) {
      matcher.add(
          List.of(
              new StoredQuery("en-only", "NOT moscow", TextLanguage.EN),
              new StoredQuery("ar-only", "NOT موسكو", TextLanguage.AR)));

      assertThat(matcher.match(ENGLISH)).containsExactly("en-only");
      assertThat(matcher.match(ARABIC)).containsExactly("ar-only");
    }
  }
}
