package io.newswatch.enrich.tagging;

/**
 * What a tag says about the article: the topic is its subject ({@link #PRIMARY}, the most salient
 * tag), or one passage of it reports a topic-defining fact ({@link #SECONDARY}).
 */
public enum TagRole {
  PRIMARY, SECONDARY
}
