package io.newswatch.enrich.matching;

import io.newswatch.schemas.query.QueryNode;
import io.newswatch.schemas.query.QueryParser;
import io.newswatch.schemas.query.QuerySyntaxException;

import io.newswatch.enrich.analysis.TextAnalysis;
import io.newswatch.enrich.analysis.TextLanguage;
import io.newswatch.enrich.tagging.Document;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.monitor.TermFilteredPresearcher;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The same query language over stock Lucene Monitor ({@link TermFilteredPresearcher}, one in-memory
 * monitor per language): the reference the fast {@link AnchorIndexMatcher} is measured against, and
 * the fallback if a query feature ever needs full Lucene semantics.
 */
public final class LuceneMonitorMatcher implements QueryMatcher {

  private static final Logger LOG = LoggerFactory.getLogger(LuceneMonitorMatcher.class);
  static final String FIELD = "text";
  /** Positions between title and body, so that no phrase spans the two. */
  private static final int TITLE_BODY_GAP = 100;

  private final Map<TextLanguage, Monitor> monitors = new EnumMap<>(TextLanguage.class);
  private final Set<String> ids = new HashSet<>();

  /** Opens one in-memory monitor per language. */
  public LuceneMonitorMatcher() {
    try {
      for (TextLanguage language : TextLanguage.values()) {
        monitors.put(
            language, new Monitor(new GapAnalyzer(TextAnalysis.analyzer(language)), new TermFilteredPresearcher()));
      }
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("cannot open an in-memory Lucene monitor", e);
    }
  }

  @Override
  public List<QueryError> add(Collection<StoredQuery> queries) {
    List<QueryError> errors = new ArrayList<>();
    Map<TextLanguage, List<MonitorQuery>> batches = new EnumMap<>(TextLanguage.class);
    for (StoredQuery query : queries) {
      try {
        QueryNode parsed = QueryParser.parse(query.query());
        for (TextLanguage language : TextLanguage.values()) {
          if (query.language() == null || query.language() == language) {
            Query lucene = toLucene(QueryAnalysis.analyze(parsed, language));
            batches.computeIfAbsent(language, l -> new ArrayList<>())
                .add(new MonitorQuery(query.id(), lucene, query.query(), Map.of()));
          }
        }
      } catch (QuerySyntaxException e) {
        errors.add(new QueryError(query.id(), query.query(), e.getMessage()));
      }
    }
    synchronized (this) {
      try {
        // Replacing may move a query to another language, and a broken replacement drops the old
        // version: so every known id of the batch goes first.
        deleteEverywhere(queries.stream().map(StoredQuery::id).filter(ids::contains).distinct().toList());
        for (Map.Entry<TextLanguage, List<MonitorQuery>> batch : batches.entrySet()) {
          monitors.get(batch.getKey()).register(batch.getValue());
          batch.getValue().forEach(q -> ids.add(q.getId()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot register queries in the in-memory monitor", e);
      }
    }
    return errors;
  }

  @Override
  public synchronized void remove(Collection<String> toRemove) {
    List<String> known = toRemove.stream().filter(ids::contains).toList();
    if (!known.isEmpty()) {
      try {
        deleteEverywhere(known);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete queries from the in-memory monitor", e);
      }
    }
  }

  @Override
  public List<String> match(Document article) {
    TextLanguage language =
        TextLanguage.resolve(article.lang(), article.title(), article.body());
    org.apache.lucene.document.Document doc = new org.apache.lucene.document.Document();
    doc.add(new TextField(FIELD, article.title(), Field.Store.NO));
    doc.add(new TextField(FIELD, article.body(), Field.Store.NO));
    try {
      MatchingQueries<QueryMatch> result = monitors.get(language).match(doc, QueryMatch.SIMPLE_MATCHER);
      result.getErrors()
          .forEach((id, e) -> LOG.warn("query {} failed on article {}; skipped", id, article.id(), e));
      List<String> out = new ArrayList<>(result.getMatchCount());
      result.getMatches().forEach(m -> out.add(m.getQueryId()));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot match article " + article.id(), e);
    }
  }

  @Override
  public synchronized int size() {
    return ids.size();
  }

  @Override
  public void close() {
    for (Monitor monitor : monitors.values()) {
      try {
        monitor.close();
      } catch (IOException e) {
        LOG.warn("closing a Lucene monitor failed; its memory is released anyway", e);
      }
    }
  }

  private void deleteEverywhere(List<String> toDelete) throws IOException {
    if (toDelete.isEmpty()) {
      return;
    }
    for (Monitor monitor : monitors.values()) {
      monitor.deleteById(toDelete);
    }
    toDelete.forEach(ids::remove);
  }

  /** The Lucene query with the same meaning as an analyzed query tree. */
  static Query toLucene(QueryNode node) {
    return switch (node) {
      case QueryNode.Term term -> new TermQuery(new Term(FIELD, term.term()));
      case QueryNode.Phrase phrase -> new PhraseQuery(FIELD, phrase.terms().toArray(String[]::new));
      case QueryNode.And and -> {
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        boolean positive = false;
        for (QueryNode clause : and.clauses()) {
          if (clause instanceof QueryNode.Not not) {
            builder.add(toLucene(not.clause()), Occur.MUST_NOT);
          } else {
            builder.add(toLucene(clause), Occur.MUST);
            positive = true;
          }
        }
        if (!positive) {
          builder.add(new MatchAllDocsQuery(), Occur.MUST);
        }
        yield builder.build();
      }
      case QueryNode.Or or -> {
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        or.clauses().forEach(clause -> builder.add(toLucene(clause), Occur.SHOULD));
        yield builder.build();
      }
      case QueryNode.Not not ->
          new BooleanQuery.Builder()
              .add(new MatchAllDocsQuery(), Occur.MUST)
              .add(toLucene(not.clause()), Occur.MUST_NOT)
              .build();
      case QueryNode.Text text ->
          throw new IllegalArgumentException("query is not analyzed: " + text + "; use QueryAnalysis");
    };
  }

  /** The language's analyzer with a position gap between the values of a field (title, body). */
  private static final class GapAnalyzer extends DelegatingAnalyzerWrapper {
    private final Analyzer delegate;

    GapAnalyzer(Analyzer delegate) {
      super(PER_FIELD_REUSE_STRATEGY);
      this.delegate = delegate;
    }

    @Override
    protected Analyzer getWrappedAnalyzer(String fieldName) {
      return delegate;
    }

    @Override
    public int getPositionIncrementGap(String fieldName) {
      return TITLE_BODY_GAP;
    }
  }
}
