package io.newswatch.ingest.files;

import io.newswatch.ingest.ArticleSink;
import io.newswatch.ingest.DeadLetters;
import io.newswatch.ingest.IngestMetrics;
import io.newswatch.ingest.normalize.ArticleIds;
import io.newswatch.ingest.normalize.ArticleNormalizer;
import io.newswatch.ingest.normalize.InvalidArticleException;
import io.newswatch.ingest.normalize.RawArticle;
import io.newswatch.schemas.avro.Article;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Imports the article files of a directory tree once each, handing articles and dead letters to a sink. */
public final class DirectoryImporter {

  /** Files larger than this are rejected unread, apart from the dead letter's prefix. */
  public static final long DEFAULT_MAX_FILE_BYTES = 20L * 1024 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryImporter.class);
  private static final int MAX_DEPTH = 8;

  private final ArticleSink sink;
  private final ArticleNormalizer normalizer;
  private final ImportLedger ledger;
  private final IngestMetrics.SourceMetrics metrics;
  private final Clock clock;
  private final FileArticleParser parser = new FileArticleParser();
  private final long maxFileBytes;

  /**
   * @param sink receives articles and dead letters
   * @param ledger remembers imported file contents; use {@link ImportLedger#open(Path)} to survive restarts
   * @param metrics counters are reported under source type {@code file}, source {@code files}
   */
  public DirectoryImporter(ArticleSink sink, ArticleNormalizer normalizer, ImportLedger ledger,
      IngestMetrics metrics, Clock clock) {
    this(sink, normalizer, ledger, metrics, clock, DEFAULT_MAX_FILE_BYTES);
  }

  public DirectoryImporter(ArticleSink sink, ArticleNormalizer normalizer, ImportLedger ledger,
      IngestMetrics metrics, Clock clock, long maxFileBytes) {
    if (maxFileBytes <= 0) {
      throw new IllegalArgumentException("maxFileBytes must be positive, got " + maxFileBytes);
    }
    this.sink = sink;
    this.normalizer = normalizer;
    this.ledger = ledger;
    this.metrics = metrics.source("file", "files");
    this.clock = clock;
    this.maxFileBytes = maxFileBytes;
  }

  /** Imports every article file under {@code dir} (hidden files and non-article extensions skipped), in name order. */
  public ImportReport importDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException(dir + " is not a directory; pass the folder that holds the article files");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir, MAX_DEPTH)) {
      files = walk.filter(Files::isRegularFile).filter(p -> !isHidden(dir, p)).sorted().toList();
    }
    ImportReport total = ImportReport.EMPTY;
    List<String> imported = new ArrayList<>();
    for (Path file : files) {
      total = total.plus(importFile(file, imported));
    }
    markImported(imported);
    LOG.info("Imported {}: {} articles, {} rejected, {} already imported, {} not article files",
        dir, total.articles(), total.rejected(), total.alreadyImported(), total.ignored());
    return total;
  }

  /** Imports one file, unless the ledger already has its content or it is not an article file. */
  public ImportReport importFile(Path file) {
    List<String> imported = new ArrayList<>();
    ImportReport report = importFile(file, imported);
    markImported(imported);
    return report;
  }

  /**
   * Records files in the ledger only once their articles and dead letters are published: if the
   * broker cannot take them (an outage longer than the producer's delivery timeout), the flush throws,
   * nothing is recorded, and the next scan imports the files again. Enrich drops the repeats by id.
   */
  private void markImported(List<String> hashes) {
    if (hashes.isEmpty()) {
      return;
    }
    sink.flush();
    hashes.forEach(ledger::record);
  }

  private ImportReport importFile(Path file, List<String> imported) {
    Optional<FileFormat> format = FileFormat.of(file);
    if (format.isEmpty()) {
      LOG.debug("Skipping {}: not an article file", file);
      return new ImportReport(0, 0, 0, 1);
    }
    byte[] bytes;
    long size;
    try {
      size = Files.size(file);
      if (size > maxFileBytes) {
        byte[] prefix = readPrefix(file);
        metrics.fetched();
        metrics.bytes(prefix.length);
        return rejectWhole(file, ArticleIds.sha256Hex(prefix) + "-" + size,
            "file has " + size + " bytes, more than the " + maxFileBytes + " allowed", null, prefix, size, imported);
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      LOG.warn("Cannot read {}; will retry on the next scan", file, e);
      return ImportReport.EMPTY;
    }
    String hash = ArticleIds.sha256Hex(bytes);
    if (ledger.contains(hash) || imported.contains(hash)) {
      metrics.notModified();
      return new ImportReport(0, 0, 1, 0);
    }
    metrics.fetched();
    metrics.bytes(bytes.length);
    ParsedFile parsed;
    try {
      parsed = parser.parse(file, format.get(), bytes);
    } catch (InvalidArticleException | RuntimeException e) {
      return rejectWhole(file, hash, e.getMessage(), e, bytes, bytes.length, imported);
    }
    int accepted = 0;
    int rejected = 0;
    for (RawArticle raw : parsed.articles()) {
      try {
        Article article = normalizer.normalize(raw, clock.instant());
        sink.accept(article);
        accepted++;
      } catch (InvalidArticleException e) {
        sink.reject(DeadLetters.of(file.toString(), e.getMessage(), e, bytes, bytes.length,
            Map.of("file", file.getFileName().toString()), clock.instant()));
        rejected++;
      }
    }
    for (ParsedFile.Failure failure : parsed.failures()) {
      sink.reject(DeadLetters.of(file.toString(), failure.reason(), null, failure.payload(), -1,
          Map.of("file", file.getFileName().toString(), "location", failure.location()), clock.instant()));
      rejected++;
    }
    imported.add(hash);
    metrics.newArticles(accepted);
    metrics.rejected(rejected);
    LOG.debug("Imported {}: {} articles, {} rejected", file, accepted, rejected);
    return new ImportReport(accepted, rejected, 0, 0);
  }

  private ImportReport rejectWhole(Path file, String hash, String reason, Throwable error, byte[] payload, long size,
      List<String> imported) {
    if (ledger.contains(hash) || imported.contains(hash)) {
      return new ImportReport(0, 0, 1, 0);
    }
    imported.add(hash);
    LOG.warn("Rejected {}: {}", file, reason);
    sink.reject(DeadLetters.of(file.toString(), reason, error, payload, size,
        Map.of("file", file.getFileName().toString()), clock.instant()));
    metrics.rejected(1);
    return new ImportReport(0, 1, 0, 0);
  }

  private static byte[] readPrefix(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(DeadLetters.MAX_PAYLOAD_BYTES);
    }
  }

  private static boolean isHidden(Path root, Path file) {
    for (Path part : root.relativize(file)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
