/**
 * Folder source: imports {@code .txt}, {@code .html}/{@code .htm}, {@code .json} and {@code .jsonl}
 * files dropped in a directory.
 *
 * <p>{@link io.newswatch.ingest.files.DirectoryImporter} reads each file once (an {@link
 * io.newswatch.ingest.files.ImportLedger} remembers the SHA-256 of files already handled), parses it
 * with {@link io.newswatch.ingest.files.FileArticleParser}, normalizes the articles and hands them, or a
 * dead letter for a bad file, to the {@code ArticleSink}. {@link io.newswatch.ingest.files.DirectoryWatcher}
 * repeats the import on a schedule and only takes files whose size has stopped changing.
 */
package io.newswatch.ingest.files;
