package io.newswatch.enrich.matching;

import io.newswatch.schemas.query.QueryNode;
import io.newswatch.schemas.query.QuerySyntaxException;

import io.newswatch.enrich.analysis.TextAnalysis;
import io.newswatch.enrich.analysis.TextLanguage;
import io.newswatch.enrich.analysis.Token;
import io.newswatch.enrich.tagging.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reference semantics, written as plainly as possible: every query is evaluated on every
 * article by walking its tree over the article's token list. Slow, obviously right.
 */
final class BruteForceMatcher implements QueryMatcher {

  private final Map<String, Map<TextLanguage, QueryNode>> queries = new LinkedHashMap<>();

  @Override
  public List<QueryError> add(Collection<StoredQuery> batch) {
    List<QueryError> errors = new ArrayList<>();
    for (StoredQuery query : batch) {
      queries.remove(query.id());
      try {
        Map<TextLanguage, QueryNode> analyzed = new LinkedHashMap<>();
        for (TextLanguage language : TextLanguage.values()) {
          if (query.language() == null || query.language() == language) {
            analyzed.put(language, QueryAnalysis.parseAndAnalyze(query.query(), language));
          }
        }
        queries.put(query.id(), analyzed);
      } catch (QuerySyntaxException e) {
        errors.add(new QueryError(query.id(), query.query(), e.getMessage()));
      }
    }
    return errors;
  }

  @Override
  public void remove(Collection<String> ids) {
    ids.forEach(queries::remove);
  }

  @Override
  public List<String> match(Document article) {
    TextLanguage language = TextLanguage.resolve(article.lang(), article.title() + "\n" + article.body());
    List<String> tokens = new ArrayList<>();
    TextAnalysis.tokens(article.title(), language).stream().map(Token::term).forEach(tokens::add);
    tokens.add(null); // title and body never form a phrase together
    TextAnalysis.tokens(article.body(), language).stream().map(Token::term).forEach(tokens::add);
    Set<String> present = new HashSet<>(tokens);
    List<String> out = new ArrayList<>();
    queries.forEach(
        (id, byLanguage) -> {
          QueryNode node = byLanguage.get(language);
          if (node != null && evaluate(node, present, tokens)) {
            out.add(id);
          }
        });
    return out;
  }

  private static boolean evaluate(QueryNode node, Set<String> present, List<String> tokens) {
    return switch (node) {
      case QueryNode.Term term -> present.contains(term.term());
      case QueryNode.Phrase phrase -> containsPhrase(tokens, phrase.terms());
      case QueryNode.And and -> and.clauses().stream().allMatch(c -> evaluate(c, present, tokens));
      case QueryNode.Or or -> or.clauses().stream().anyMatch(c -> evaluate(c, present, tokens));
      case QueryNode.Not not -> !evaluate(not.clause(), present, tokens);
      case QueryNode.Text text -> throw new IllegalStateException("not analyzed: " + text);
    };
  }

  private static boolean containsPhrase(List<String> tokens, List<String> phrase) {
    for (int start = 0; start + phrase.size() <= tokens.size(); start++) {
      if (tokens.subList(start, start + phrase.size()).equals(phrase)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public int size() {
    return queries.size();
  }

  @Override
  public void close() {
    queries.clear();
  }
}
