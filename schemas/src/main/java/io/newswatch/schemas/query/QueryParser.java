package io.newswatch.schemas.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the subscriber query language into a {@link QueryNode} tree.
 *
 * <pre>
 *   query   := or
 *   or      := and ( "OR" and )*
 *   and     := unary ( ["AND"] unary )*        -- words side by side are ANDed
 *   unary   := "NOT" unary | "(" or ")" | "\"" words "\"" | word
 * </pre>
 *
 * <p>Operators are upper case ({@code and}, {@code or}, {@code not} in lower case are words);
 * NOT binds tighter than AND, AND tighter than OR. A word is any run of characters other than
 * white space, parentheses and double quotes. Words are not analyzed here: enrich analyzes them in
 * the language of the articles (its {@code QueryAnalysis}).
 */
public final class QueryParser {

  /** Longer queries are rejected: a subscription is a few words, not a document. */
  public static final int MAX_LENGTH = 2_000;

  private final String input;
  private int pos;

  private QueryParser(String input) {
    this.input = input;
  }

  /** Parses a query, or explains where it is malformed. */
  public static QueryNode parse(String query) throws QuerySyntaxException {
    if (query == null || query.isBlank()) {
      throw new QuerySyntaxException("query is empty; give at least one word or \"phrase\"");
    }
    if (query.length() > MAX_LENGTH) {
      throw new QuerySyntaxException(
          "query has " + query.length() + " characters; keep it under " + MAX_LENGTH);
    }
    QueryParser parser = new QueryParser(query);
    QueryNode node = parser.or();
    parser.skipSpace();
    if (parser.pos < query.length()) {
      throw parser.error(
          query.charAt(parser.pos) == ')' ? "unbalanced ')'" : "unexpected input");
    }
    return node;
  }

  private QueryNode or() throws QuerySyntaxException {
    List<QueryNode> clauses = new ArrayList<>();
    clauses.add(and());
    while (keyword("OR")) {
      clauses.add(and());
    }
    return clauses.size() == 1 ? clauses.get(0) : new QueryNode.Or(clauses);
  }

  private QueryNode and() throws QuerySyntaxException {
    List<QueryNode> clauses = new ArrayList<>();
    clauses.add(unary());
    while (true) {
      if (keyword("AND")) {
        clauses.add(unary());
      } else if (startsUnary()) {
        clauses.add(unary());
      } else {
        break;
      }
    }
    return clauses.size() == 1 ? clauses.get(0) : new QueryNode.And(clauses);
  }

  private QueryNode unary() throws QuerySyntaxException {
    if (keyword("NOT")) {
      return new QueryNode.Not(unary());
    }
    skipSpace();
    if (pos >= input.length()) {
      throw error("a word, \"phrase\" or ( is missing at the end");
    }
    char c = input.charAt(pos);
    if (c == '(') {
      int open = pos;
      pos++;
      skipSpace();
      if (pos < input.length() && input.charAt(pos) == ')') {
        throw error("empty parentheses");
      }
      QueryNode inner = or();
      skipSpace();
      if (pos >= input.length() || input.charAt(pos) != ')') {
        pos = open;
        throw error("'(' is never closed");
      }
      pos++;
      return inner;
    }
    if (c == '"') {
      int close = input.indexOf('"', pos + 1);
      if (close < 0) {
        throw error("quote is never closed");
      }
      String text = input.substring(pos + 1, close);
      if (text.isBlank()) {
        throw error("empty \"\" phrase");
      }
      matchable(text);
      pos = close + 1;
      return new QueryNode.Text(text.strip(), true);
    }
    if (c == ')') {
      throw error("a word, \"phrase\" or ( is missing before ')'");
    }
    String word = word();
    if (isOperator(word)) {
      throw error("operator " + word + " needs a word, \"phrase\" or ( before it");
    }
    matchable(word);
    pos += word.length();
    return new QueryNode.Text(word, false);
  }

  /**
   * A word or phrase that could match an article. Words are matched whole after analysis, so "Kur*"
   * would look for "kur": a wildcard is refused. A word without a letter or digit ("...", "&") has
   * nothing to search for, and enrich's analysis refuses the whole query for it (QueryAnalysis): both
   * were accepted here once, and the subscription then matched nothing, with a line in enrich's log only.
   */
  private void matchable(String text) throws QuerySyntaxException {
    if (text.indexOf('*') >= 0) {
      throw error("wildcards are not supported ('" + text + "'): words are matched whole, so write each form,"
          + " e.g. Kursk OR كورسك");
    }
    if (text.codePoints().noneMatch(Character::isLetterOrDigit)) {
      throw error("'" + text + "' has no searchable word; remove it or use letters or digits");
    }
  }

  private boolean startsUnary() {
    skipSpace();
    if (pos >= input.length()) {
      return false;
    }
    char c = input.charAt(pos);
    if (c == ')') {
      return false;
    }
    String word = word();
    return !word.equals("OR") && !word.equals("AND");
  }

  /** Consumes an upper-case operator when it is the next word. */
  private boolean keyword(String operator) {
    skipSpace();
    if (word().equals(operator)) {
      pos += operator.length();
      return true;
    }
    return false;
  }

  /** The word starting at pos, without consuming it; empty at a delimiter. */
  private String word() {
    int end = pos;
    while (end < input.length() && !isDelimiter(input.charAt(end))) {
      end++;
    }
    return input.substring(pos, end);
  }

  private void skipSpace() {
    while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) {
      pos++;
    }
  }

  private static boolean isDelimiter(char c) {
    return Character.isWhitespace(c) || c == '(' || c == ')' || c == '"';
  }

  private static boolean isOperator(String word) {
    return word.equals("AND") || word.equals("OR") || word.equals("NOT");
  }

  private QuerySyntaxException error(String what) {
    return new QuerySyntaxException(what + " at character " + (pos + 1) + " of: " + input);
  }
}
