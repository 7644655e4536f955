package io.newswatch.enrich.tagging;

/** Tags an article with taxonomy topics, with the evidence for each. Implementations are thread-safe. */
public interface TopicTagger {

  /** Scores every topic on the document. Never throws on odd text; an empty document has no tags. */
  TaggingResult tag(Document doc);

  /** The version of the taxonomy in use. */
  String taxonomyVersion();
}
