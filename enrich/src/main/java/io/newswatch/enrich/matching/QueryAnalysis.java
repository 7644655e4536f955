package io.newswatch.enrich.matching;

import io.newswatch.schemas.query.QueryNode;
import io.newswatch.schemas.query.QueryParser;
import io.newswatch.schemas.query.QuerySyntaxException;

import io.newswatch.enrich.analysis.TextAnalysis;
import io.newswatch.enrich.analysis.TextLanguage;
import io.newswatch.enrich.analysis.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a parsed query's words through the article analyzer of a language, so that a query matches
 * inflected and normalized forms exactly as the article's words are indexed: "القوات" becomes the
 * same term as "والقوات", "forces" the same as "force".
 *
 * <p>A bare word that the analyzer splits (such as {@code Jong-un}) becomes a phrase of its parts,
 * as in Lucene's classic query parser; a quoted phrase of one term becomes a term.
 */
public final class QueryAnalysis {

  /** A query of more terms than this is rejected: it would cost every article a long evaluation. */
  public static final int MAX_TERMS = 64;

  private QueryAnalysis() {}

  /** Parses and analyzes a query for one language. */
  public static QueryNode parseAndAnalyze(String query, TextLanguage language)
      throws QuerySyntaxException {
    return analyze(QueryParser.parse(query), language);
  }

  /** Replaces every {@link QueryNode.Text} by analyzed terms or phrases. */
  public static QueryNode analyze(QueryNode node, TextLanguage language)
      throws QuerySyntaxException {
    int[] termCount = {0};
    return analyze(node, language, termCount);
  }

  private static QueryNode analyze(QueryNode node, TextLanguage language, int[] termCount)
      throws QuerySyntaxException {
    return switch (node) {
      case QueryNode.Text text -> leaf(text, language, termCount);
      case QueryNode.And and -> new QueryNode.And(analyzeAll(and.clauses(), language, termCount));
      case QueryNode.Or or -> new QueryNode.Or(analyzeAll(or.clauses(), language, termCount));
      case QueryNode.Not not -> new QueryNode.Not(analyze(not.clause(), language, termCount));
      case QueryNode.Term term -> term;
      case QueryNode.Phrase phrase -> phrase;
    };
  }

  private static List<QueryNode> analyzeAll(
      List<QueryNode> clauses, TextLanguage language, int[] termCount)
      throws QuerySyntaxException {
    List<QueryNode> out = new ArrayList<>(clauses.size());
    for (QueryNode clause : clauses) {
      out.add(analyze(clause, language, termCount));
    }
    return out;
  }

  private static QueryNode leaf(QueryNode.Text text, TextLanguage language, int[] termCount)
      throws QuerySyntaxException {
    List<String> terms = new ArrayList<>();
    for (Token token : TextAnalysis.tokens(text.text(), language)) {
      terms.add(token.term());
    }
    if (terms.isEmpty()) {
      String shown = text.quoted() ? "\"" + text.text() + "\"" : text.text();
      throw new QuerySyntaxException(
          shown + " has no searchable word in " + language.code() + "; remove it or use letters or digits");
    }
    termCount[0] += terms.size();
    if (termCount[0] > MAX_TERMS) {
      throw new QuerySyntaxException(
          "query has more than " + MAX_TERMS + " terms; split it into several subscriptions");
    }
    return terms.size() == 1 ? new QueryNode.Term(terms.get(0)) : new QueryNode.Phrase(terms);
  }
}
