package io.newswatch.ingest.files;

import io.newswatch.ingest.ArticleSink;
import io.newswatch.ingest.DeadLetters;
import io.newswatch.ingest.IngestMetrics;
import io.newswatch.ingest.NormalizationPool;
import io.newswatch.ingest.NormalizationPool.Outcome;
import io.newswatch.ingest.normalize.ArticleIds;
import io.newswatch.ingest.normalize.ArticleNormalizer;
import io.newswatch.ingest.normalize.InvalidArticleException;
import io.newswatch.ingest.normalize.RawArticle;
import io.newswatch.runtime.LogSafe;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports the article files of a directory tree once each: their articles are normalized and published,
 * with the dead letters, through a {@link NormalizationPool}, and a file is recorded in the {@link ImportLedger}
 * once all its records are acknowledged.
 *
 * <p>Symbolic links are not read unless the {@link LinkPolicy} allows links that stay inside the folder
 * (a link named {@code story.txt} pointing at {@code /etc/passwd} would otherwise put that file into
 * Kafka); a refused link is dead-lettered with the reason, its target unread. A file whose size or
 * modification time changes between the moment it was judged complete and the moment its articles would
 * be published is left for the next scan: it is still being written.
 */
public final class DirectoryImporter {

  /** Files larger than this are rejected unread, apart from the dead letter's prefix. */
  public static final long DEFAULT_MAX_FILE_BYTES = 20L * 1024 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryImporter.class);
  private static final int MAX_DEPTH = 8;

  private final NormalizationPool pool;
  private final ImportLedger ledger;
  private final IngestMetrics.SourceMetrics metrics;
  private final Clock clock;
  private final FileArticleParser parser = new FileArticleParser();
  private final long maxFileBytes;
  private final LinkPolicy links;

  /** A file's size and modification time, compared right before publishing to catch a writer still at work. */
  public record Stamp(long size, long modifiedMillis) {
    static Stamp of(BasicFileAttributes attrs) {
      return new Stamp(attrs.size(), attrs.lastModifiedTime().toMillis());
    }
  }

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
    this(sink, normalizer, ledger, metrics, clock, maxFileBytes, LinkPolicy.NONE);
  }

  /** @param links whether files reached through symbolic links are read */
  public DirectoryImporter(ArticleSink sink, ArticleNormalizer normalizer, ImportLedger ledger,
      IngestMetrics metrics, Clock clock, long maxFileBytes, LinkPolicy links) {
    this(NormalizationPool.inline(normalizer::normalize, sink), ledger, metrics, clock, maxFileBytes, links);
  }

  /**
   * @param pool normalizes the files' articles and publishes them and the dead letters; the importer
   *     waits while its queue is full
   */
  public DirectoryImporter(NormalizationPool pool, ImportLedger ledger, IngestMetrics metrics, Clock clock,
      long maxFileBytes, LinkPolicy links) {
    if (maxFileBytes <= 0) {
      throw new IllegalArgumentException("maxFileBytes must be positive, got " + maxFileBytes);
    }
    this.links = Objects.requireNonNull(links, "links");
    this.pool = Objects.requireNonNull(pool, "pool");
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
      // A link is a regular file here when its target is one; whether to read it is decided per file.
      files = walk.filter(Files::isRegularFile).filter(p -> !isHidden(dir, p)).sorted().toList();
    }
    Batch batch = new Batch();
    ImportReport total = ImportReport.EMPTY;
    for (Path file : files) {
      total = total.plus(importFile(dir, file, null, batch));
    }
    total = total.plus(batch.finish());
    LOG.info("Imported {}: {} articles, {} rejected, {} already imported, {} not article files",
        LogSafe.of(dir), total.articles(), total.rejected(), total.alreadyImported(), total.ignored());
    return total;
  }

  /** Imports one file of the folder it is in, unless the ledger already has its content or it is not an article file. */
  public ImportReport importFile(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return importFile(parent == null ? file.toAbsolutePath() : parent, file, null);
  }

  /**
   * Imports one file of the folder {@code root}.
   *
   * @param expected the size and modification time the file had when it was judged complete, or null; if
   *     the file differs from it right before publishing, it is still being written and is left for later
   */
  public ImportReport importFile(Path root, Path file, Stamp expected) {
    return importFiles(root, Map.of(file, Optional.ofNullable(expected)));
  }

  /**
   * Imports files of the folder {@code root} in name order, their articles normalized together on the
   * pool; each file is recorded once its own articles are acknowledged.
   *
   * @param files each file with the size and modification time it had when it was judged complete (see
   *     {@link #importFile(Path, Path, Stamp)}), or empty
   */
  public ImportReport importFiles(Path root, Map<Path, Optional<Stamp>> files) {
    Batch batch = new Batch();
    ImportReport total = ImportReport.EMPTY;
    for (Path file : files.keySet().stream().sorted().toList()) {
      total = total.plus(importFile(root, file, files.get(file).orElse(null), batch));
    }
    return total.plus(batch.finish());
  }

  /**
   * The files of one import whose records are on their way. A file goes into the ledger only once its
   * articles and dead letters are acknowledged: if the broker cannot take them (an outage longer than the
   * producer's delivery timeout), the file is not recorded, {@link #finish} throws, and the next scan
   * imports it again. Enrich drops the repeats by id.
   */
  private final class Batch {
    private final Map<String, List<CompletableFuture<Outcome>>> files = new LinkedHashMap<>();

    boolean contains(String hash) {
      return files.containsKey(hash);
    }

    /** Adds a file whose records are all submitted; an empty list records it as it is. */
    void add(String hash, List<CompletableFuture<Outcome>> records) {
      files.put(hash, records);
    }

    /** Waits for every file's acknowledgements, records the files that are complete, and counts the outcomes. */
    ImportReport finish() {
      int accepted = 0;
      int rejected = 0;
      RuntimeException failure = null;
      for (Map.Entry<String, List<CompletableFuture<Outcome>>> file : files.entrySet()) {
        int fileAccepted = 0;
        int fileRejected = 0;
        boolean complete = true;
        for (CompletableFuture<Outcome> record : file.getValue()) {
          try {
            if (record.join() instanceof Outcome.Published) {
              fileAccepted++;
            } else {
              fileRejected++;
            }
          } catch (CompletionException | CancellationException e) {
            complete = false;
            if (failure == null) {
              Throwable cause = e.getCause() == null ? e : e.getCause();
              failure = new IllegalStateException("publishing failed: " + cause.getMessage(), cause);
            }
          }
        }
        if (complete) {
          ledger.record(file.getKey());
        }
        accepted += fileAccepted;
        rejected += fileRejected;
      }
      metrics.newArticles(accepted);
      metrics.rejected(rejected);
      if (failure != null) {
        throw failure;
      }
      return new ImportReport(accepted, rejected, 0, 0);
    }
  }

  private ImportReport importFile(Path root, Path file, Stamp expected, Batch batch) {
    Optional<FileFormat> format = FileFormat.of(file);
    if (format.isEmpty()) {
      LOG.debug("Skipping {}: not an article file", LogSafe.of(file));
      return new ImportReport(0, 0, 0, 1);
    }
    Path source;
    byte[] bytes;
    Stamp before;
    try {
      Optional<String> refused = refusedLink(root, file);
      if (refused.isPresent()) {
        String target = Files.isSymbolicLink(file) ? Files.readSymbolicLink(file).toString() : file.toRealPath().toString();
        return rejectWhole(file, "link:" + ArticleIds.sha256Hex((file + "\u0000" + target).getBytes(StandardCharsets.UTF_8)),
            refused.get(), null, null, -1, batch);
      }
      // NONE reads the path itself without following a link swapped in since the check; INSIDE reads the target.
      source = links == LinkPolicy.NONE ? file : file.toRealPath();
      before = Stamp.of(Files.readAttributes(source, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
      if (before.size() > maxFileBytes) {
        byte[] prefix = readPrefix(source);
        metrics.fetched();
        metrics.bytes(prefix.length);
        return rejectWhole(file, ArticleIds.sha256Hex(prefix) + "-" + before.size(),
            "file has " + before.size() + " bytes, more than the " + maxFileBytes + " allowed", null, prefix,
            before.size(), batch);
      }
      try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS)) {
        bytes = in.readAllBytes();
      }
    } catch (IOException e) {
      LOG.warn("Cannot read {}; will retry on the next scan: {}", LogSafe.of(file), LogSafe.of(e.toString()));
      return ImportReport.EMPTY;
    }
    if (bytes.length == 0) {
      // Keyed by path: every empty file has the same content hash, and each deserves its own dead letter.
      return rejectWhole(file, "empty:" + ArticleIds.sha256Hex(file.toString().getBytes(StandardCharsets.UTF_8)),
          "empty file (0 bytes)", null, bytes, 0, batch);
    }
    String hash = ArticleIds.sha256Hex(bytes);
    if (ledger.contains(hash) || batch.contains(hash)) {
      metrics.notModified();
      return new ImportReport(0, 0, 1, 0);
    }
    ParsedFile parsed;
    try {
      parsed = parser.parse(file, format.get(), bytes);
    } catch (InvalidArticleException | RuntimeException e) {
      if (stillBeingWritten(file, source, expected == null ? before : expected, bytes.length)) {
        return ImportReport.EMPTY;
      }
      metrics.fetched();
      metrics.bytes(bytes.length);
      return rejectWhole(file, hash, e.getMessage(), e, bytes, bytes.length, batch);
    }
    if (stillBeingWritten(file, source, expected == null ? before : expected, bytes.length)) {
      return ImportReport.EMPTY;
    }
    metrics.fetched();
    metrics.bytes(bytes.length);
    List<CompletableFuture<Outcome>> records = new ArrayList<>();
    Map<String, String> attributes = Map.of("file", file.getFileName().toString());
    try {
      for (RawArticle raw : parsed.articles()) {
        records.add(pool.submit(new NormalizationPool.Task(raw, clock.instant(),
            e -> DeadLetters.of(file.toString(), e.getMessage(), e, bytes, bytes.length, attributes, clock.instant()))));
      }
      for (ParsedFile.Failure failure : parsed.failures()) {
        records.add(pool.deadLetter(DeadLetters.of(file.toString(), failure.reason(), null, failure.payload(), -1,
            Map.of("file", file.getFileName().toString(), "location", failure.location()), clock.instant())));
      }
    } catch (InterruptedException e) {
      // Stopping: what was submitted still drains, but the file is not recorded and is imported again.
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while importing " + LogSafe.of(file), e);
    }
    batch.add(hash, records);
    LOG.debug("Submitted {}: {} articles, {} broken parts", LogSafe.of(file), parsed.articles().size(),
        parsed.failures().size());
    return ImportReport.EMPTY;
  }

  /**
   * Why a file reached through a symbolic link may not be read, or empty when it may: with {@link
   * LinkPolicy#NONE} no link is read; with {@link LinkPolicy#INSIDE} the fully resolved target must lie in
   * the folder. The resolved-path check also catches a folder on the way swapped for a link after the walk.
   */
  private Optional<String> refusedLink(Path root, Path file) throws IOException {
    Path realRoot = root.toRealPath();
    Path real = file.toRealPath();
    Path relative = root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
    boolean linked = Files.isSymbolicLink(file) || !realRoot.resolve(relative).normalize().equals(real);
    if (!linked) {
      return Optional.empty();
    }
    boolean inside = real.startsWith(realRoot);
    if (links == LinkPolicy.INSIDE && inside) {
      return Optional.empty();
    }
    return Optional.of(inside
        ? "symbolic link not followed (its target is inside the folder; set ingest.follow-links=inside to read such links)"
        : "symbolic link to a file outside the folder not followed");
  }

  /** Whether the file changed since it was judged complete, i.e. a writer is still at work. */
  private boolean stillBeingWritten(Path file, Path source, Stamp expected, int bytesRead) {
    Stamp now;
    try {
      now = Stamp.of(Files.readAttributes(source, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    } catch (IOException e) {
      LOG.info("{} vanished while being imported; skipping it", LogSafe.of(file));
      return true;
    }
    if (now.equals(expected) && now.size() == bytesRead) {
      return false;
    }
    LOG.info("{} changed while being imported ({} -> {} bytes); importing it once it stays unchanged",
        LogSafe.of(file), expected.size(), now.size());
    return true;
  }

  private ImportReport rejectWhole(Path file, String hash, String reason, Throwable error, byte[] payload, long size,
      Batch batch) {
    if (ledger.contains(hash) || batch.contains(hash)) {
      return new ImportReport(0, 0, 1, 0);
    }
    LOG.warn("Rejected {}: {}", LogSafe.of(file), LogSafe.of(reason));
    try {
      batch.add(hash, List.of(pool.deadLetter(DeadLetters.of(file.toString(), reason, error, payload, size,
          Map.of("file", file.getFileName().toString()), clock.instant()))));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while importing " + LogSafe.of(file), e);
    }
    return ImportReport.EMPTY;
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
