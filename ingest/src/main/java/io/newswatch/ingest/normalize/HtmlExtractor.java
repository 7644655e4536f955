package io.newswatch.ingest.normalize;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Extracts headline, main text and metadata from an HTML page with jsoup.
 *
 * <p>Page furniture goes first: scripts, forms, {@code nav}/{@code header}/{@code footer}/{@code aside},
 * figures, ARIA landmarks other than main, and elements whose class or id names a known furniture role
 * (share, related, comments, menu...). The main block is then an {@code article}, {@code itemprop=articleBody}
 * or {@code main} element when one holds enough text, else the container whose paragraphs hold the most
 * text not inside links. Link lists inside it (related stories) are dropped by link density.
 */
public final class HtmlExtractor {

  private static final String FURNITURE = "script, style, noscript, template, iframe, svg, canvas, form, button,"
      + " input, select, textarea, nav, header, footer, aside, figure, [role=navigation], [role=banner],"
      + " [role=contentinfo], [role=complementary], [aria-hidden=true], [hidden]";
  private static final Pattern FURNITURE_NAME = Pattern.compile("(?i)(^|[-_\\s])(share|sharing|social|related"
      + "|recommended|comments?|footer|nav|navbar|menu|breadcrumbs?|cookie|consent|newsletter|subscribe|promo"
      + "|advert|ads|sponsored|sidebar|widget|popup|modal|tags)([-_\\s]|$)");
  private static final List<String> MAIN_CANDIDATES = List.of("[itemprop=articleBody]", "article", "main", "[role=main]");
  private static final int MIN_MAIN_CHARS = 200;
  private static final double MAX_LINK_DENSITY = 0.5;
  private static final List<String> PUBLISHED_META = List.of(
      "meta[property=article:published_time]", "meta[name=article:published_time]",
      "meta[itemprop=datePublished]", "meta[name=pubdate]", "meta[name=publishdate]",
      "meta[name=dc.date.issued]", "meta[name=DC.date.issued]", "meta[name=date]", "meta[property=og:updated_time]");

  /** Extracts from a whole page; {@code baseUri} resolves relative links and may be empty. */
  public ExtractedPage extract(String html, String baseUri) {
    Document doc = Jsoup.parse(html, baseUri == null ? "" : baseUri);
    String title = title(doc);
    String canonical = canonical(doc);
    Instant published = published(doc).orElse(null);
    String lang = doc.selectFirst("html[lang]") == null ? null : doc.selectFirst("html[lang]").attr("lang");
    removeFurniture(doc);
    Element main = mainBlock(doc);
    dropLinkLists(main);
    return new ExtractedPage(title, blockText(main), canonical, published, lang);
  }

  /** Text of an HTML fragment (a feed item's content), one block per line. */
  public String fragmentText(String htmlFragment) {
    if (htmlFragment == null || htmlFragment.isBlank()) {
      return "";
    }
    Document doc = Jsoup.parseBodyFragment(htmlFragment);
    doc.select("script, style, iframe, form, button, svg, noscript").remove();
    return blockText(doc.body()).strip();
  }

  private static String title(Document doc) {
    String og = attr(doc, "meta[property=og:title]", "content");
    if (!og.isBlank()) {
      return og;
    }
    Element h1 = doc.selectFirst("h1");
    if (h1 != null && !h1.text().isBlank()) {
      return h1.text();
    }
    return doc.title();
  }

  private static String canonical(Document doc) {
    Element link = doc.selectFirst("link[rel=canonical][href]");
    if (link != null && !link.absUrl("href").isBlank()) {
      return link.absUrl("href");
    }
    Element og = doc.selectFirst("meta[property=og:url][content]");
    if (og == null || og.attr("content").isBlank()) {
      return null;
    }
    // absUrl is empty when there is no base URI to resolve against; the raw value is then the best we have.
    return og.absUrl("content").isBlank() ? og.attr("content") : og.absUrl("content");
  }

  private static Optional<Instant> published(Document doc) {
    for (String selector : PUBLISHED_META) {
      Optional<Instant> t = Timestamps.parse(attr(doc, selector, "content"));
      if (t.isPresent()) {
        return t;
      }
    }
    Element time = doc.selectFirst("[itemprop=datePublished][datetime], article time[datetime], time[datetime]");
    return time == null ? Optional.empty() : Timestamps.parse(time.attr("datetime"));
  }

  private static String attr(Document doc, String selector, String attribute) {
    Element e = doc.selectFirst(selector);
    return e == null ? "" : e.attr(attribute).strip();
  }

  private static void removeFurniture(Document doc) {
    doc.select(FURNITURE).remove();
    for (Element e : doc.body().select("*")) {
      String names = e.className() + " " + e.id();
      if (e.parent() != null && !e.tagName().equals("body") && FURNITURE_NAME.matcher(names).find()
          && !isMainCandidate(e)) {
        e.remove();
      }
    }
  }

  private static boolean isMainCandidate(Element e) {
    return e.tagName().equals("article") || e.tagName().equals("main") || e.hasAttr("itemprop");
  }

  private static Element mainBlock(Document doc) {
    for (String selector : MAIN_CANDIDATES) {
      Element best = null;
      for (Element candidate : doc.select(selector)) {
        if (best == null || candidate.text().length() > best.text().length()) {
          best = candidate;
        }
      }
      if (best != null && best.text().length() >= MIN_MAIN_CHARS) {
        return best;
      }
    }
    Element best = doc.body();
    double bestScore = 0;
    for (Element container : doc.body().select("div, section, td")) {
      double score = 0;
      for (Element p : container.children()) {
        if (p.tagName().equals("p")) {
          score += p.text().length() * (1 - linkDensity(p));
        }
      }
      if (score > bestScore) {
        bestScore = score;
        best = container;
      }
    }
    return best;
  }

  private static void dropLinkLists(Element main) {
    Elements blocks = main.select("ul, ol, div, section, table, p");
    for (Element block : blocks) {
      if (block != main && block.parent() != null && linkDensity(block) > MAX_LINK_DENSITY) {
        block.remove();
      }
    }
  }

  private static double linkDensity(Element e) {
    int total = e.text().length();
    if (total == 0) {
      return 0;
    }
    int linked = 0;
    for (Element a : e.select("a")) {
      linked += a.text().length();
    }
    return (double) linked / total;
  }

  /** Text with a line break at every block boundary, so the cleaner can judge block by block. */
  private static String blockText(Element root) {
    StringBuilder sb = new StringBuilder();
    NodeTraversor.traverse(new NodeVisitor() {
      @Override
      public void head(Node node, int depth) {
        if (node instanceof TextNode text) {
          sb.append(text.text());
        } else if (node instanceof Element e && (e.isBlock() || e.tagName().equals("br"))) {
          sb.append('\n');
        }
      }

      @Override
      public void tail(Node node, int depth) {
        if (node instanceof Element e && e.isBlock()) {
          sb.append('\n');
        }
      }
    }, root);
    return sb.toString();
  }
}
