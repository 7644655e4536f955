package io.newswatch.enrich.stream;

import io.newswatch.enrich.analysis.TextLanguage;
import io.newswatch.enrich.dedup.DedupText;
import io.newswatch.enrich.dedup.Fingerprint;
import io.newswatch.enrich.dedup.Fingerprinter;
import io.newswatch.enrich.matching.QueryMatcher;
import io.newswatch.enrich.tagging.AvroTags;
import io.newswatch.enrich.tagging.Document;
import io.newswatch.enrich.tagging.TaggingResult;
import io.newswatch.enrich.tagging.TopicTagger;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.DuplicateStatus;
import io.newswatch.schemas.avro.TaggedArticle;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-article work of enrich that needs the article's text: tags, subscription queries and the
 * dedup fingerprint. One place, because the intake does it and the apply step does it again for an
 * article whose parked copy was lost; both must give the same result.
 */
public final class ArticleTagging {
  private final TopicTagger tagger;
  private final Fingerprinter fingerprinter;
  private final QueryMatcher queries;

  public ArticleTagging(TopicTagger tagger, Fingerprinter fingerprinter, QueryMatcher queries) {
    this.tagger = tagger;
    this.fingerprinter = fingerprinter;
    this.queries = queries;
  }

  public Fingerprinter fingerprinter() {
    return fingerprinter;
  }

  public QueryMatcher queries() {
    return queries;
  }

  public io.newswatch.enrich.dedup.DedupConfig dedupConfig() {
    return fingerprinter.config();
  }

  /** A tagged article (dedup still UNKNOWN), its tagging result and its fingerprint. */
  public record Tagged(TaggedArticle article, TaggingResult result, Fingerprint fingerprint) {}

  /**
   * The part of tagging that depends on nothing but the article (and the taxonomy): topic scores with
   * their evidence, and the dedup fingerprint. {@link TagAhead} computes it off the stream thread,
   * with the article it decoded for it, so that the stream thread need not decode the record again.
   */
  public record Analysis(String id, Article article, TaggingResult result, Fingerprint fingerprint) {}

  public Analysis analyze(String id, Article article) {
    TaggingResult result = tagger.tag(Document.of(id, article));
    return new Analysis(id, article, result, fingerprinter.fingerprint(dedupTerms(article, result)));
  }

  public Tagged tag(String id, Article article, long processedAtMs) {
    return tag(id, article, processedAtMs, null);
  }

  /**
   * @param ahead this article's {@link #analyze analysis} when it was computed ahead of its turn, or
   *     null to compute it here; either way the result is the same record
   */
  public Tagged tag(String id, Article article, long processedAtMs, Analysis ahead) {
    Analysis analysis = ahead != null && ahead.id().equals(id) ? ahead : analyze(id, article);
    TaggingResult result = analysis.result();
    TaggedArticle tagged = TaggedArticle.newBuilder()
        .setArticle(article)
        .setTags(new ArrayList<>(AvroTags.topicTags(result)))
        .setDuplicate(DuplicateStatus.UNKNOWN)
        .setStoryId(id)
        .setTaxonomyVersion(result.taxonomyVersion())
        .setProcessedAt(Instant.ofEpochMilli(processedAtMs))
        .build();
    if (!tagged.getTags().isEmpty()) {
      // Only tagged articles raise alerts, and subscription queries filter alerts: the others
      // need no matching. Sorted, so that reprocessing writes the very same record.
      // Matched here, not ahead: a query added meanwhile applies from the article's turn on.
      List<String> matched = new ArrayList<>(queries.match(Document.of(id, article)));
      matched.sort(null);
      tagged.setMatchedQueries(matched);
    }
    return new Tagged(tagged, result, analysis.fingerprint());
  }

  /**
   * Dedup compares articles by the terms of {@link DedupText}: NFC text analyzed in the language of
   * its script, stemmed. The tagger has analyzed the same text already; its terms are the surface
   * terms DedupText starts from whenever its language is the script's and the text is NFC (as
   * ingest writes it), which saves an analysis. Title and body are checked apart: the newline that
   * joins them neither composes with a neighbour nor is a letter.
   */
  private static List<String> dedupTerms(Article article, TaggingResult tagging) {
    String title = article.getTitle();
    String body = article.getBody();
    TextLanguage script = TextLanguage.byScript(title, body);
    if (tagging.language().equals(script.code())
        && Normalizer.isNormalized(title, Normalizer.Form.NFC) && Normalizer.isNormalized(body, Normalizer.Form.NFC)) {
      return DedupText.ofSurfaceTerms(tagging.terms(), script);
    }
    String text = title + "\n" + body;
    return DedupText.terms(text);
  }
}
