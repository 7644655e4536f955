package io.newswatch.enrich.matching;

/** A query that could not be registered, and why; the matcher skips it and keeps the others. */
public record QueryError(String id, String query, String message) {}
