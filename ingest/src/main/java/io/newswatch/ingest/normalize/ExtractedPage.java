package io.newswatch.ingest.normalize;

import java.time.Instant;

/**
 * What {@link HtmlExtractor} found in a page; any field but {@code text} may be null.
 *
 * @param title headline
 * @param text main text, one block per line, not yet cleaned of line-level debris
 * @param canonicalUrl {@code rel=canonical} or {@code og:url}, absolute
 * @param publishedAt publication time from the page's metadata
 * @param lang the page's declared language ({@code <html lang>})
 */
public record ExtractedPage(String title, String text, String canonicalUrl, Instant publishedAt, String lang) {}
