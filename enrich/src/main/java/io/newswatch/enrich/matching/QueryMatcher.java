package io.newswatch.enrich.matching;

import io.newswatch.enrich.tagging.Document;
import java.util.Collection;
import java.util.List;

/**
 * Matches articles against many stored subscriber queries. Implementations are thread-safe:
 * {@link #match} may run on several threads while queries are added or removed.
 */
public interface QueryMatcher extends AutoCloseable {

  /**
   * Registers queries, replacing any with the same id. A query that does not parse is skipped and
   * reported in the returned list, and an earlier version under its id is removed (it no longer says
   * what the subscriber wants); the others are registered all the same.
   */
  List<QueryError> add(Collection<StoredQuery> queries);

  /** Registers one query; see {@link #add(Collection)}. */
  default List<QueryError> add(StoredQuery query) {
    return add(List.of(query));
  }

  /** Removes queries by id; unknown ids are ignored. */
  void remove(Collection<String> ids);

  /** The ids of the queries an article matches, in no particular order, each once. */
  List<String> match(Document article);

  /** How many queries are registered (a query for every language counts once). */
  int size();

  @Override
  void close();
}
