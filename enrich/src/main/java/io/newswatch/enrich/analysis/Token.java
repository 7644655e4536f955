package io.newswatch.enrich.analysis;

/** One analyzed term with the character offsets of its surface form in the original text. */
public record Token(String term, int start, int end) {}
