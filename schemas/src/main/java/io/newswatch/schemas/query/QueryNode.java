package io.newswatch.schemas.query;

import java.util.List;

/**
 * A query as a boolean tree. {@link QueryParser} produces {@link Text} leaves (words as typed);
 * QueryAnalysis (in enrich) replaces them by analyzed {@link Term}s and {@link Phrase}s, which is what
 * the engines evaluate.
 */
public sealed interface QueryNode {

  /** Words as typed: a bare word, or the inside of a quoted phrase. */
  record Text(String text, boolean quoted) implements QueryNode {}

  /** One analyzed term that must occur. */
  record Term(String term) implements QueryNode {}

  /** Analyzed terms that must occur at consecutive positions (at least two). */
  record Phrase(List<String> terms) implements QueryNode {
  public Phrase {
    terms = List.copyOf(terms);
    if (terms.size() < 2) {
    throw new IllegalArgumentException("a phrase needs two terms or more, got " + terms);
    }
  }
  }

  /** Every clause must match. */
  record And(List<QueryNode> clauses) implements QueryNode {
  public And {
    clauses = List.copyOf(clauses);
  }
  }

  /** At least one clause must match. */
  record Or(List<QueryNode> clauses) implements QueryNode {
  public Or {
    clauses = List.copyOf(clauses);
  }
  }

  /** The clause must not match. */
  record Not(QueryNode clause) implements QueryNode {}
}
