package io.newswatch.ingest.feed;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import io.newswatch.ingest.normalize.CharsetResolver;
import io.newswatch.ingest.normalize.HtmlExtractor;
import io.newswatch.ingest.normalize.RawArticle;
import io.newswatch.runtime.LogSafe;
import io.newswatch.schemas.avro.SourceType;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses RSS and Atom with Rome, safely: the bytes are decoded by {@link CharsetResolver} (so undeclared
 * windows-1256 reads right) and any DOCTYPE is refused, which stops XXE and entity-expansion bombs before
 * a single entity is read.
 */
public final class FeedParser {

  private static final Logger LOG = LoggerFactory.getLogger(FeedParser.class);
  /** After the prolog ({@link #prologEnd}): an HTML page, not a feed. */
  private static final Pattern LOOKS_LIKE_HTML = Pattern.compile("(?i)<!doctype\\s+html|<html");

  private final CharsetResolver charsets = new CharsetResolver();
  private final HtmlExtractor html = new HtmlExtractor();

  /**
   * Parses a feed document.
   *
   * @param contentType the HTTP Content-Type, or null
   * @param maxItems entries taken at most
   * @param attributes added to every item's article (feed id...)
   */
  public ParsedFeed parse(byte[] body, String contentType, int maxItems, Map<String, String> attributes)
      throws FeedParseException {
    String feedUrl = attributes.get("feed.url");
    String text = charsets.decode(body, contentType, CharsetResolver.Kind.XML, feedUrl == null ? null : LogSafe.url(feedUrl))
        .text();
    if (text.isBlank()) {
      throw new FeedParseException("empty document", null);
    }
    if (LOOKS_LIKE_HTML.matcher(text).region(prologEnd(text), text.length()).lookingAt()) {
      throw new FeedParseException("not a feed: the server sent an HTML page", null);
    }
    // RSS 0.91 feeds name Netscape's DTD: a declaration with no internal subset declares no entity and is
    // never loaded, so it goes; one with an internal subset (where XXE and entity bombs live) is refused.
    text = withoutExternalDoctype(text);
    SyndFeed feed;
    try {
      SyndFeedInput input = new SyndFeedInput();
      input.setAllowDoctypes(false);
      feed = input.build(new StringReader(text));
    } catch (FeedException | IllegalArgumentException e) {
      if (String.valueOf(e.getMessage()).contains("DOCTYPE")) {
        throw new FeedParseException("not accepted: the feed's DOCTYPE has an internal subset, where entities are"
            + " declared (refused: external entities and entity expansion are how XXE and entity bombs work); "
            + e.getMessage(), e);
      }
      throw new FeedParseException("not a valid RSS/Atom feed: " + e.getMessage(), e);
    }
    String title = feed.getTitle() == null ? "" : feed.getTitle().strip();
    String lang = feed.getLanguage();
    List<FeedItem> items = new ArrayList<>();
    for (SyndEntry entry : feed.getEntries()) {
      if (items.size() >= maxItems) {
        // Not silent: a feed that lists more per poll than its limit loses the rest until the limit is raised.
        LOG.warn("Feed {}: the document lists {} items; only the first {} are read (limits.maxItems)",
            LogSafe.of(attributes.getOrDefault("feed.id", "?")), feed.getEntries().size(), maxItems);
        break;
      }
      items.add(item(entry, title, lang, attributes));
    }
    return new ParsedFeed(title, items);
  }

  /**
   * {@code text} without a DOCTYPE declaration that has no internal subset, if one stands in the
   * prolog (after whitespace, processing instructions and comments). A scan, not a regular
   * expression: a repeated group recurses once per character in Java's engine, and a feed with a few
   * thousand blank lines in its prolog overflowed the poll thread's stack.
   */
  static String withoutExternalDoctype(String text) {
    int i = prologEnd(text);
    if (!text.startsWith("<!DOCTYPE", i)) {
      return text;
    }
    for (int j = i; j < text.length(); j++) {
      char c = text.charAt(j);
      if (c == '[') {
        return text; // an internal subset: the parser refuses it
      }
      if (c == '>') {
        return text.substring(0, i) + text.substring(j + 1);
      }
    }
    return text;
  }

  /** Where the prolog's whitespace, processing instructions and comments end. */
  private static int prologEnd(String text) {
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '\uFEFF') {
        i++;
      } else if (text.startsWith("<?", i)) {
        int end = text.indexOf("?>", i + 2);
        if (end < 0) {
          return i;
        }
        i = end + 2;
      } else if (text.startsWith("<!--", i)) {
        int end = text.indexOf("-->", i + 4);
        if (end < 0) {
          return i;
        }
        i = end + 3;
      } else {
        return i;
      }
    }
    return i;
  }

  private FeedItem item(SyndEntry entry, String feedTitle, String lang, Map<String, String> attributes) {
    String content = entry.getContents() == null ? "" : entry.getContents().stream()
        .map(SyndContent::getValue).filter(v -> v != null && !v.isBlank()).collect(Collectors.joining("\n"));
    String summary = entry.getDescription() == null || entry.getDescription().getValue() == null
        ? "" : entry.getDescription().getValue();
    boolean full = !content.isBlank();
    String body = html.fragmentText(full ? content : summary);
    String link = entry.getLink() != null ? entry.getLink().strip()
        : entry.getLinks() == null || entry.getLinks().isEmpty() ? null : entry.getLinks().getFirst().getHref();
    String guid = entry.getUri() == null || entry.getUri().isBlank() ? null : entry.getUri().strip();
    Map<String, String> attrs = new HashMap<>(attributes);
    if (guid != null) {
      attrs.put("feed.guid", guid);
    }
    String title = entry.getTitle() == null ? "" : html.fragmentText(entry.getTitle()).strip();
    // A summary is the publisher's own text, not a page scrape: a one-sentence summary is the article. Full
    // content may carry share links and "appeared first on" lines, so it is cleaned like a page.
    RawArticle article = new RawArticle(link, null, title, body, instant(entry), lang,
        feedTitle.isEmpty() ? null : feedTitle, SourceType.FEED, attrs, !full);
    return new FeedItem(guid, link, article, full);
  }

  private static Instant instant(SyndEntry entry) {
    Date d = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
    return d == null ? null : d.toInstant();
  }
}
