package io.newswatch.ingest.feed;

import io.newswatch.ingest.DeadLetters;
import io.newswatch.ingest.IngestMetrics;
import io.newswatch.ingest.normalize.ArticleIds;
import io.newswatch.ingest.normalize.ArticleNormalizer;
import io.newswatch.ingest.normalize.CharsetResolver;
import io.newswatch.ingest.normalize.ExtractedPage;
import io.newswatch.ingest.normalize.HtmlExtractor;
import io.newswatch.ingest.normalize.InvalidArticleException;
import io.newswatch.ingest.normalize.RawArticle;
import io.newswatch.ingest.normalize.TextCleaner;
import io.newswatch.ingest.normalize.UrlCanonicalizer;
import io.newswatch.runtime.LogSafe;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.DeadLetter;
import io.newswatch.schemas.avro.FeedState;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one feed once: conditional fetch, parse, skip items already seen, normalize the rest.
 *
 * <p>Stateless between calls: everything it must remember is in the {@link FeedState} it is given and
 * returns, which the service keeps in a compacted topic, so any instance can take a feed over and a
 * restart does not republish items.
 *
 * <p>Identity: an item is known by its GUID or link (or content, by the feed's {@link IdentityPolicy}); the
 * state also remembers a hash of each item's title and text, so a GUID or link reused for a different story
 * is published as the new item it is, logged and counted ({@code newswatch.ingest.reused.identity}).
 * A feed item's title and summary are article text: when the item has only a short summary and
 * {@code fetchFullText} is on, the linked page is fetched (through the same address-checked fetcher) and
 * its text used when it has more; otherwise the summary is the article.
 */
public final class FeedPoller {

  /** A summary shorter than this makes a {@code fetchFullText} feed fetch the linked page. */
  public static final int FULL_TEXT_BELOW_CHARS = 600;
  private static final Logger LOG = LoggerFactory.getLogger(FeedPoller.class);
  private static final String FEED_ACCEPT =
      "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1";
  private static final String PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1";

  private final HttpFetcher fetcher;
  private final ArticleNormalizer normalizer;
  private final IngestMetrics metrics;
  private final Backoff backoff;
  private final Clock clock;
  private final FeedParser parser = new FeedParser();
  private final HtmlExtractor html = new HtmlExtractor();
  private final CharsetResolver charsets = new CharsetResolver();
  private final UrlCanonicalizer urls = new UrlCanonicalizer();
  private final TextCleaner cleaner = new TextCleaner();

  public FeedPoller(HttpFetcher fetcher, ArticleNormalizer normalizer, IngestMetrics metrics, Backoff backoff,
      Clock clock) {
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The state of a feed never polled. */
  public static FeedState initialState(FeedConfig config) {
    return FeedState.newBuilder().setFeedId(config.id()).setUrl(storedUrl(config)).build();
  }

  /**
   * Polls {@code config} once.
   *
   * @param previous the state the last poll returned, or null for a feed never polled
   */
  public PollResult poll(FeedConfig config, FeedState previous) {
    Instant now = clock.instant();
    // Real time, not the injected clock: the deadline bounds network waits.
    Instant deadline = Instant.now().plus(config.limits().pollTimeout());
    FeedState state = previous == null ? initialState(config) : previous;
    IngestMetrics.SourceMetrics counters = metrics.source("feed", config.id());
    String feedUrl = storedUrl(config);
    // A feed whose URL changed in config must not send the old URL's validators.
    boolean sameUrl = feedUrl.equals(state.getUrl());
    FetchResult fetched;
    try {
      fetched = fetcher.fetch(config.url(), sameUrl ? state.getEtag() : null,
          sameUrl ? state.getLastModified() : null, config.limits(), FEED_ACCEPT, deadline);
    } catch (FetchException e) {
      return failed(config, state, now, counters, e.getMessage(), List.of());
    }
    counters.fetched();
    counters.bytes(fetched.wireBytes());
    if (fetched.notModified()) {
      counters.notModified();
      FeedState next = FeedState.newBuilder(state).setUrl(feedUrl).setConsecutiveFailures(0)
          .setLastError(null).setUpdatedAt(now).build();
      return new PollResult(PollOutcome.NOT_MODIFIED, "", List.of(), List.of(), next, config.interval());
    }
    Map<String, String> attributes = Map.of("feed.id", config.id(), "feed.url", feedUrl);
    ParsedFeed feed;
    try {
      feed = parser.parse(fetched.body(), fetched.contentType(), config.limits().maxItems(), attributes);
    } catch (FeedParseException e) {
      DeadLetter dl = DeadLetters.of(feedUrl, e.getMessage(), e, fetched.body(), -1, attributes, now);
      return failed(config, state, now, counters, e.getMessage(), List.of(dl));
    }
    Map<String, Long> seen = prune(state.getSeen(), now, config.limits());
    Map<String, String> seenContent = new HashMap<>();
    state.getSeenContent().forEach((k, v) -> {
      if (seen.containsKey(k)) {
        seenContent.put(k, v);
      }
    });
    List<Article> articles = new ArrayList<>();
    List<DeadLetter> rejects = new ArrayList<>();
    for (FeedItem item : feed.items()) {
      String key = identity(config.identity(), item);
      String content = contentHash(item);
      boolean reused = false;
      if (seen.containsKey(key)) {
        String before = seenContent.get(key);
        if (before == null || before.equals(content) || config.identity() == IdentityPolicy.CONTENT_HASH) {
          // States written before content hashes were kept learn the hash now, without republishing.
          seenContent.putIfAbsent(key, content);
          continue;
        }
        // The same GUID or link now carries another story: publishing it is the only way it is not lost.
        counters.reusedIdentity();
        LOG.warn("Feed {}: item {} was seen before with other content; publishing it as a new item (identity {})",
            config.id(), LogSafe.of(item.guid() != null ? item.guid() : item.link()), config.identity());
        reused = true;
      }
      seen.put(key, now.toEpochMilli());
      seenContent.put(key, content);
      RawArticle raw = withFullText(config, item, deadline);
      try {
        Article article = normalizer.normalize(raw, now);
        if (reused || config.identity() == IdentityPolicy.CONTENT_HASH) {
          // Its link gives it the old story's id, which enrich would take for that story delivered again; a
          // feed whose items are told apart by their content needs ids told apart by it too.
          // From the item's own content, as the feed state keeps it, not the fetched page's: a poll repeated
          // after a crash may fetch a changed page or fall back to the summary, and must give the same id.
          article = Article.newBuilder(article).setId(ArticleIds.revision(article.getId(), content)).build();
        }
        articles.add(article);
      } catch (InvalidArticleException e) {
        rejects.add(DeadLetters.of(feedUrl, e.getMessage(), e, describe(item), -1, attributes, now));
      }
    }
    capSeen(seen, config.limits().maxSeen());
    seenContent.keySet().retainAll(seen.keySet());
    counters.newArticles(articles.size());
    counters.rejected(rejects.size());
    FeedState next = FeedState.newBuilder(state)
        .setUrl(feedUrl)
        .setEtag(fetched.etag())
        .setLastModified(fetched.lastModified())
        .setSeen(seen)
        .setSeenContent(seenContent)
        .setConsecutiveFailures(0)
        .setLastError(null)
        .setUpdatedAt(now)
        .build();
    LOG.debug("Feed {}: {} items, {} new, {} rejected", config.id(), feed.items().size(), articles.size(), rejects.size());
    if (Instant.now().isAfter(deadline)) {
      LOG.warn("Feed {}: the poll took longer than its {} deadline; linked pages after it were not fetched",
          config.id(), config.limits().pollTimeout());
    }
    return new PollResult(PollOutcome.NEW, "", articles, rejects, next, config.interval());
  }

  private PollResult failed(FeedConfig config, FeedState state, Instant now, IngestMetrics.SourceMetrics counters,
      String reason, List<DeadLetter> rejects) {
    counters.error();
    counters.rejected(rejects.size());
    int failures = state.getConsecutiveFailures() + 1;
    Duration wait = backoff.delay(failures);
    if (wait.compareTo(config.interval()) < 0) {
      wait = config.interval();
    }
    LOG.warn("Feed {} failed ({} in a row), next try in {}: {}", config.id(), failures, wait, LogSafe.url(reason));
    FeedState next = FeedState.newBuilder(state).setConsecutiveFailures(failures)
        .setLastError(LogSafe.maskCredentials(reason)).setUpdatedAt(now).build();
    return new PollResult(PollOutcome.ERROR, reason, List.of(), rejects, next, wait);
  }

  private RawArticle withFullText(FeedConfig config, FeedItem item, Instant deadline) {
    RawArticle raw = item.article();
    String summary = raw.body() == null ? "" : raw.body();
    if (!config.fetchFullText() || item.hasFullContent() || summary.length() >= FULL_TEXT_BELOW_CHARS
        || item.link() == null) {
      return raw;
    }
    try {
      URI page = URI.create(item.link());
      String scheme = page.getScheme() == null ? "" : page.getScheme().toLowerCase(java.util.Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new IllegalArgumentException("not an http(s) link");
      }
      FetchResult result = fetcher.fetch(page, null, null, config.limits(), PAGE_ACCEPT, deadline);
      String text = charsets.decode(result.body(), result.contentType(), CharsetResolver.Kind.HTML,
          LogSafe.url(result.finalUri())).text();
      ExtractedPage extracted = html.extract(text, result.finalUri().toString());
      // Compare what would survive cleaning: a page of menus and share buttons is not more text than the summary.
      if (cleaner.clean(extracted.text()).length() <= summary.strip().length()) {
        return raw;
      }
      RawArticle full = raw.withBody(extracted.text());
      return extracted.canonicalUrl() == null ? full : full.withCanonicalUrl(extracted.canonicalUrl());
    } catch (FetchException | IllegalArgumentException e) {
      // The summary is still an article; a page that cannot (or may not) be fetched must not lose it.
      LOG.info("Feed {}: full text of {} unavailable, keeping the summary: {}", config.id(), LogSafe.url(item.link()),
          LogSafe.url(e.getMessage()));
      return raw;
    }
  }

  /** The feed URL as stored in state, dead letters and attributes: credentials written into it are masked. */
  private static String storedUrl(FeedConfig config) {
    return LogSafe.maskCredentials(config.url().toString());
  }

  private static String contentHash(FeedItem item) {
    return ArticleIds.sha256Hex(contentOf(item).getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }

  /** The key an item is remembered by in {@code FeedState.seen}: a hash, so the state stays small. */
  String identity(IdentityPolicy policy, FeedItem item) {
    String value = switch (policy) {
      case GUID -> item.guid() != null ? "guid:" + item.guid()
          : item.link() != null ? "link:" + canonical(item.link()) : "content:" + contentOf(item);
      case LINK -> item.link() != null ? "link:" + canonical(item.link())
          : item.guid() != null ? "guid:" + item.guid() : "content:" + contentOf(item);
      case CONTENT_HASH -> "content:" + contentOf(item);
    };
    return ArticleIds.sha256Hex(value.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
  }

  private String canonical(String link) {
    return urls.canonicalize(link).orElse(link.strip());
  }

  private static String contentOf(FeedItem item) {
    String title = item.article().title() == null ? "" : item.article().title();
    String body = item.article().body() == null ? "" : item.article().body();
    return Normalizer.normalize(title + "\n" + body, Normalizer.Form.NFC).replaceAll("\\s+", " ").strip();
  }

  private static Map<String, Long> prune(Map<String, Long> seen, Instant now, FeedLimits limits) {
    long horizon = now.minus(limits.seenHorizon()).toEpochMilli();
    Map<String, Long> kept = new HashMap<>();
    seen.forEach((k, v) -> {
      if (v >= horizon) {
        kept.put(k, v);
      }
    });
    return kept;
  }

  private static void capSeen(Map<String, Long> seen, int max) {
    if (seen.size() <= max) {
      return;
    }
    List<Map.Entry<String, Long>> oldest = seen.entrySet().stream()
        .sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
        .limit(seen.size() - (long) max)
        .toList();
    oldest.forEach(e -> seen.remove(e.getKey()));
  }

  private static byte[] describe(FeedItem item) {
    String text = "guid: " + item.guid() + "\nlink: " + LogSafe.maskCredentials(item.link()) + "\ntitle: "
        + item.article().title()
        + "\n\n" + item.article().body();
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
