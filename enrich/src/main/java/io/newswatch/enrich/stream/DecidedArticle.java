package io.newswatch.enrich.stream;

import io.newswatch.schemas.avro.TaggedArticle;
import io.newswatch.schemas.internal.ArticleDecision;

/**
 * A tagged article with its matcher decision applied, as it flows from the apply step to the tagged
 * topic, the alerts and surge counting (in memory only: it is never written as such).
 */
public record DecidedArticle(TaggedArticle tagged, ArticleDecision decision) {}
