package io.newswatch.ingest.normalize;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Canonical form of an article URL, so one story reached through different links gets one id.
 *
 * <p>Only http and https are kept. Scheme and host are lower-cased, the default port, user info and
 * fragment dropped, an empty path becomes {@code /}, dot segments are resolved, tracking parameters
 * ({@code utm_*}, {@code fbclid}, {@code gclid}, {@code mc_cid}...) are removed and the remaining
 * query parameters sorted.
 */
public final class UrlCanonicalizer {

  private static final Set<String> TRACKING = Set.of("fbclid", "gclid", "gclsrc", "dclid", "msclkid",
      "yclid", "mc_cid", "mc_eid", "igshid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id",
      "oly_enc_id", "vero_id", "wt.mc_id", "ocid", "cmpid", "s_cid", "ref_src", "__twitter_impression");

  /** The canonical URL, or empty when {@code url} is blank, unparseable or not http(s). */
  public Optional<String> canonicalize(String url) {
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(url.strip().replace(" ", "%20"));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (!(scheme.equals("http") || scheme.equals("https")) || host == null || host.isEmpty()) {
      return Optional.empty();
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    int port = uri.getPort();
    boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    String path = uri.normalize().getRawPath();
    if (path == null || path.isEmpty()) {
      path = "/";
    }
    StringBuilder sb = new StringBuilder(url.length());
    sb.append(scheme).append("://").append(host);
    if (!defaultPort) {
      sb.append(':').append(port);
    }
    sb.append(path);
    String query = canonicalQuery(uri.getRawQuery());
    if (!query.isEmpty()) {
      sb.append('?').append(query);
    }
    return Optional.of(sb.toString());
  }

  private static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> params = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? null : pair.substring(eq + 1);
      if (!isTracking(name)) {
        params.add(new String[] {name, value});
      }
    }
    params.sort(Comparator.<String[], String>comparing(p -> p[0])
        .thenComparing(p -> p[1] == null ? "" : p[1]));
    List<String> parts = new ArrayList<>(params.size());
    for (String[] p : params) {
      parts.add(p[1] == null ? p[0] : p[0] + "=" + p[1]);
    }
    return String.join("&", parts);
  }

  private static boolean isTracking(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.startsWith("utm_") || TRACKING.contains(n);
  }
}
