/**
 * The reliability suite: tests only, run by Failsafe ({@code *IT}) and Surefire ({@code *Test}).
 *
 * <p>The integration tests run the stages the way production does, as separate CLI processes ({@link
 * io.newswatch.reliability.CliProcess}) against a real broker and registry, and judge them from the
 * outside: {@link io.newswatch.reliability.TopicTail} follows output topics with {@code read_committed},
 * {@link io.newswatch.reliability.WebhookRecorder} plays the webhook receiver, and {@link
 * io.newswatch.reliability.Delivered} reads the JSONL files and PostgreSQL rows; {@link
 * io.newswatch.reliability.ChannelFigures} turns that into duplicates and losses per channel. Input
 * comes from {@link io.newswatch.reliability.ArticleCorpus}, grown deterministically from {@code
 * samples/seeds}. The property tests fuzz the parsers and the serde with jqwik.
 */
package io.newswatch.reliability;
