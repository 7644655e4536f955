package io.newswatch.enrich.tagging;

/** A context a topic cannot do without (e.g. a Korea anchor); if it does not hold, the topic scores 0. */
record Requirement(String id, Expr expr) {}
