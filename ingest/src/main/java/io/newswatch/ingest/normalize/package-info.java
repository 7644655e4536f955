/**
 * Normalization shared by every ingest source.
 *
 * <p>Bytes become text through {@link io.newswatch.ingest.normalize.CharsetResolver} (declared charset,
 * else detection), HTML becomes main text through {@link io.newswatch.ingest.normalize.HtmlExtractor},
 * text loses navigation and footer debris in {@link io.newswatch.ingest.normalize.TextCleaner}, and
 * {@link io.newswatch.ingest.normalize.ArticleNormalizer} turns the resulting {@link
 * io.newswatch.ingest.normalize.RawArticle} into an Avro {@code Article}: NFC text, language
 * ({@link io.newswatch.ingest.normalize.LanguageIdentifier}), canonical URL ({@link
 * io.newswatch.ingest.normalize.UrlCanonicalizer}) and stable ids ({@link
 * io.newswatch.ingest.normalize.ArticleIds}).
 */
package io.newswatch.ingest.normalize;
