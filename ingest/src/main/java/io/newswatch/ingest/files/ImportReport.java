package io.newswatch.ingest.files;

/**
 * Counts from one import run.
 *
 * @param articles articles handed to the sink
 * @param rejected dead letters handed to the sink (bad files or bad records in a file)
 * @param alreadyImported files skipped because the ledger had their content
 * @param ignored files that are not articles by their extension (e.g. {@code labels.tsv})
 */
public record ImportReport(int articles, int rejected, int alreadyImported, int ignored) {

  /** Nothing happened. */
  public static final ImportReport EMPTY = new ImportReport(0, 0, 0, 0);

  /** The sum of two reports. */
  public ImportReport plus(ImportReport other) {
    return new ImportReport(articles + other.articles, rejected + other.rejected,
        alreadyImported + other.alreadyImported, ignored + other.ignored);
  }
}
