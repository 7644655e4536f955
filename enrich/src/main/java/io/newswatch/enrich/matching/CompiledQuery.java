package io.newswatch.enrich.matching;

/**
 * A registered query compiled to term ids of one {@link AnchorIndex}, evaluated against an {@link
 * ArticleTerms}. Clauses of an AND run rarest first and negations last, clauses of an OR commonest
 * first, so most evaluations stop at their first clause.
 */
final class CompiledQuery {

  final String id;
  final Node root;
  /** The terms it is filed under, or null when it has none and must be checked for every article. */
  final int[] anchors;

  CompiledQuery(String id, Node root, int[] anchors) {
  this.id = id;
  this.root = root;
  this.anchors = anchors;
  }

  /** A node of the compiled boolean tree. */
  abstract static sealed class Node permits TermNode, PhraseNode, AllTermsNode, AnyTermNode, AndNode, OrNode, NotNode {
  /** Estimated fraction of articles matching, used only to order clauses. */
  final double frequency;

  Node(double frequency) {
    this.frequency = frequency;
  }

  abstract boolean matches(ArticleTerms article);
  }

  static final class TermNode extends Node {
  private final int term;

  TermNode(int term, double frequency) {
    super(frequency);
    this.term = term;
  }

  int term() {
    return term;
  }

  @Override
  boolean matches(ArticleTerms article) {
    return article.contains(term);
  }
  }

  static final class PhraseNode extends Node {
  private final int[] terms;

  PhraseNode(int[] terms, double frequency) {
    super(frequency);
    this.terms = terms;
  }

  @Override
  boolean matches(ArticleTerms article) {
    return article.containsPhrase(terms);
  }
  }

  /** An AND of plain terms: one array to read instead of one object per clause. */
  static final class AllTermsNode extends Node {
  private final int[] terms;

  AllTermsNode(int[] terms, double frequency) {
    super(frequency);
    this.terms = terms;
  }

  @Override
  boolean matches(ArticleTerms article) {
    for (int term : terms) {
    if (!article.contains(term)) {
      return false;
    }
    }
    return true;
  }
  }

  /** An OR of plain terms. */
  static final class AnyTermNode extends Node {
  private final int[] terms;

  AnyTermNode(int[] terms, double frequency) {
    super(frequency);
    this.terms = terms;
  }

  @Override
  boolean matches(ArticleTerms article) {
    for (int term : terms) {
    if (article.contains(term)) {
      return true;
    }
    }
    return false;
  }
  }

  static final class AndNode extends Node {
  private final Node[] clauses;

  AndNode(Node[] clauses, double frequency) {
    super(frequency);
    this.clauses = clauses;
  }

  @Override
  boolean matches(ArticleTerms article) {
    for (Node clause : clauses) {
    if (!clause.matches(article)) {
      return false;
    }
    }
    return true;
  }
  }

  static final class OrNode extends Node {
  private final Node[] clauses;

  OrNode(Node[] clauses, double frequency) {
    super(frequency);
    this.clauses = clauses;
  }

  @Override
  boolean matches(ArticleTerms article) {
    for (Node clause : clauses) {
    if (clause.matches(article)) {
      return true;
    }
    }
    return false;
  }
  }

  static final class NotNode extends Node {
  private final Node clause;

  NotNode(Node clause) {
    super(1 - clause.frequency);
    this.clause = clause;
  }

  @Override
  boolean matches(ArticleTerms article) {
    return !clause.matches(article);
  }
  }
}
