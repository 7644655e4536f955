package io.newswatch.enrich.stream;

import io.newswatch.schemas.avro.TaggedArticle;
import io.newswatch.schemas.internal.ArticleDecision;

/**
 * A tagged article with its matcher decision applied, as it flows from the apply step to the tagged
 * topic, the alerts and surge counting (in memory only: it is never written as such).
 *
 * @param rawValue the raw record's value the article was decoded from, when at hand (the tagged
 *     topic reuses its encoded article); null when the article was read again from the raw topic
 */
public record DecidedArticle(TaggedArticle tagged, ArticleDecision decision, byte[] rawValue) {}
