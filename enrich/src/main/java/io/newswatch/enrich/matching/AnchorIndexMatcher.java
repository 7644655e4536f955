package io.newswatch.enrich.matching;

import io.newswatch.schemas.query.QueryNode;
import io.newswatch.schemas.query.QueryParser;
import io.newswatch.schemas.query.QuerySyntaxException;

import io.newswatch.enrich.analysis.TextLanguage;
import io.newswatch.enrich.tagging.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The fast {@link QueryMatcher}: each query is filed under its rarest required term (every branch
 * of an OR; a query with no positive term, such as {@code NOT sport}, is checked for every article).
 * An article is analyzed once; only the queries filed under its distinct words are evaluated, with
 * a compiled boolean tree over the article's term set (phrases by position).
 *
 * <p>The cost per article is its analysis plus the queries filed under its words, independent of
 * the number of queries whose rare terms it lacks: that is what makes 100,000 stored queries
 * affordable, where Lucene's Monitor pays a few microseconds for every query in its presearcher
 * ({@link LuceneMonitorMatcher}, kept for comparison). Matching runs in parallel; adding and removing
 * queries take a write lock.
 */
public final class AnchorIndexMatcher implements QueryMatcher {

  private final Map<TextLanguage, AnchorIndex> indexes = new EnumMap<>(TextLanguage.class);
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final ThreadLocal<ArticleTerms[]> scratch =
      ThreadLocal.withInitial(() -> new ArticleTerms[TextLanguage.values().length]);
  private int size;

  /** A matcher that ranks anchor terms by {@code rarity}. */
  public AnchorIndexMatcher(TermRarity rarity) {
    Objects.requireNonNull(rarity, "rarity must not be null; use TermRarity.byLength() without a corpus");
    for (TextLanguage language : TextLanguage.values()) {
      indexes.put(language, new AnchorIndex(language, rarity));
    }
  }

  /** A matcher ranking terms by {@link TermRarity#byLength()}. */
  public AnchorIndexMatcher() {
    this(TermRarity.byLength());
  }

  @Override
  public List<QueryError> add(Collection<StoredQuery> queries) {
    List<QueryError> errors = new ArrayList<>();
    List<Map.Entry<StoredQuery, Map<TextLanguage, QueryNode>>> parsed = new ArrayList<>(queries.size());
    // Parse and analyze outside the lock: it is the slow part, and matching can go on meanwhile.
    for (StoredQuery query : queries) {
      try {
        parsed.add(Map.entry(query, analyzeFor(query)));
      } catch (QuerySyntaxException e) {
        errors.add(new QueryError(query.id(), query.query(), e.getMessage()));
        // A broken replacement must not leave the old version matching.
        remove(List.of(query.id()));
      }
    }
    lock.writeLock().lock();
    try {
      for (Map.Entry<StoredQuery, Map<TextLanguage, QueryNode>> entry : parsed) {
        String id = entry.getKey().id();
        boolean known = removeLocked(id);
        entry.getValue().forEach((language, node) -> indexes.get(language).add(id, node));
        if (!known) {
          size++;
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
    return errors;
  }

  @Override
  public void remove(Collection<String> ids) {
    lock.writeLock().lock();
    try {
      for (String id : ids) {
        if (removeLocked(id)) {
          size--;
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public List<String> match(Document article) {
    TextLanguage language =
        TextLanguage.resolve(article.lang(), article.title(), article.body());
    ArticleTerms[] perLanguage = scratch.get();
    ArticleTerms terms = perLanguage[language.ordinal()];
    if (terms == null) {
      terms = new ArticleTerms();
      perLanguage[language.ordinal()] = terms;
    }
    List<String> out = new ArrayList<>();
    lock.readLock().lock();
    try {
      if (size == 0) {
        // The usual case for a pipeline without query subscriptions: skip the article's analysis.
        return out;
      }
      indexes.get(language).match(article.title(), article.body(), terms, out);
    } finally {
      lock.readLock().unlock();
    }
    return out;
  }

  @Override
  public int size() {
    lock.readLock().lock();
    try {
      return size;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void close() {
    // Nothing to release: the index lives on the heap.
  }

  private boolean removeLocked(String id) {
    boolean removed = false;
    for (AnchorIndex index : indexes.values()) {
      removed |= index.remove(id);
    }
    return removed;
  }

  private static Map<TextLanguage, QueryNode> analyzeFor(StoredQuery query) throws QuerySyntaxException {
    QueryNode parsed = QueryParser.parse(query.query());
    Map<TextLanguage, QueryNode> out = new EnumMap<>(TextLanguage.class);
    if (query.language() != null) {
      out.put(query.language(), QueryAnalysis.analyze(parsed, query.language()));
    } else {
      for (TextLanguage language : TextLanguage.values()) {
        out.put(language, QueryAnalysis.analyze(parsed, language));
      }
    }
    return out;
  }
}
