package io.newswatch.cli;

import io.newswatch.enrich.tagging.Document;
import io.newswatch.enrich.tagging.TaggingResult;
import io.newswatch.enrich.tagging.TaxonomyTagger;

/**
 * Tags an article read from a file the way enrich does in the stream ({@link Document#of}), and
 * maps the evidence back into the file when it was plain text.
 */
final class OfflineTagging {

  private final TaxonomyTagger tagger;

  OfflineTagging(TaxonomyTagger tagger) {
    this.tagger = tagger;
  }

  TaxonomyTagger tagger() {
    return tagger;
  }

  /** The result and, for a plain-text file, maps from title and body offsets to file offsets. */
  record Tagged(ArticleFiles.FileArticle source, TaggingResult result, int[] titleMap, int[] bodyMap) {

    /** The file offsets of a range of a field, or {-1, -1} when the file is not plain text or the range moved. */
    int[] fileRange(String field, int start, int end) {
      int[] map = "title".equals(field) ? titleMap : bodyMap;
      return map == null ? new int[] {-1, -1} : TextAlignment.range(map, start, end);
    }
  }

  Tagged tag(ArticleFiles.FileArticle source) {
    var article = source.article();
    TaggingResult result = tagger.tag(Document.of(article.getId(), article));
    int[] titleMap = null;
    int[] bodyMap = null;
    if (source.fileText() != null) {
      TextAlignment alignment = new TextAlignment(source.fileText());
      titleMap = alignment.align(article.getTitle());
      bodyMap = alignment.align(article.getBody());
    }
    return new Tagged(source, result, titleMap, bodyMap);
  }
}
