package io.newswatch.enrich.matching;

import io.newswatch.enrich.analysis.TextLanguage;
import java.util.Objects;

/**
 * A subscriber's free-text query, as registered with a {@link QueryMatcher}.
 *
 * @param id unique id; registering the same id again replaces the query
 * @param query the text, in the syntax of {@link QueryParser}
 * @param language the language of the articles it applies to, or null for every language (the
 *     query is then analyzed once per language)
 */
public record StoredQuery(String id, String query, TextLanguage language) {
  public StoredQuery {
    Objects.requireNonNull(id, "id must not be null; use the subscription id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank; use the subscription id");
    }
    Objects.requireNonNull(query, "query must not be null for id " + id + "; pass the query text");
  }

  /** A query that applies to articles in every language. */
  public static StoredQuery anyLanguage(String id, String query) {
    return new StoredQuery(id, query, null);
  }
}
