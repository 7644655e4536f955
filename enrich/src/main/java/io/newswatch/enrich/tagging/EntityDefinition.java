package io.newswatch.enrich.tagging;

/** A named thing the topics are about (a place, a person, an asset, a body), with its spellings per language. */
record EntityDefinition(String id, TermsExpr terms) {}
