/**
 * Folder source: imports {@code .txt}, {@code .html}/{@code .htm}, {@code .json} and {@code .jsonl}
 * files dropped in a directory.
 *
 * <p>{@link io.newswatch.ingest.files.DirectoryImporter} reads each file once (an {@link
 * io.newswatch.ingest.files.ImportLedger}, one per Kafka cluster and topic, remembers the SHA-256 of
 * files already handled), refuses symbolic links unless the {@link io.newswatch.ingest.files.LinkPolicy}
 * allows links inside the folder, parses it with {@link io.newswatch.ingest.files.FileArticleParser}
 * (binary data under a text name is refused), normalizes the articles and hands them, or a dead letter
 * for a bad file, to the {@code ArticleSink}. {@link io.newswatch.ingest.files.DirectoryWatcher} repeats
 * the import on a schedule, skips names that mark unfinished files ({@code *.tmp}, {@code *.part},
 * dot-files), and only takes files unchanged for the quiet period, checked again right before publishing.
 */
package io.newswatch.ingest.files;
