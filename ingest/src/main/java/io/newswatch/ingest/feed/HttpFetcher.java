package io.newswatch.ingest.feed;

import io.newswatch.runtime.LogSafe;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * GETs a URL under {@link FeedLimits}: conditional headers, redirects followed by hand with a limit and
 * loop detection, a deadline per response covering a slow body, a byte cap on the wire and another after
 * gzip/deflate decoding.
 *
 * <p>Every hop's host is resolved and each of its addresses checked against an {@link AddressPolicy}
 * before a connection is made, so neither a feed URL, an item link nor a redirect can reach loopback,
 * private, link-local or metadata addresses unless allowed. The client's own lookup a moment later is
 * answered from the JVM's address cache (30 s by default), so a DNS answer that changes in between
 * (rebinding) is not used. Credentials in a URL ({@code https://user:pass@host/}) are sent as Basic
 * authentication to that origin only, never across a redirect to another one, and every message masks them.
 */
public final class HttpFetcher {

  private static final int ERROR_BODY_BYTES = 16 * 1024;
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private final HttpClient client;
  private final String userAgent;
  private final AddressPolicy addresses;
  private final Resolver resolver;

  /** Looks up a host's addresses; a seam for tests that need a host name to resolve somewhere. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /** A fetcher with its own client that connects to public addresses only. */
  public HttpFetcher(Duration connectTimeout, String userAgent) {
    this(connectTimeout, userAgent, AddressPolicy.publicOnly());
  }

  /** A fetcher with its own client; {@code connectTimeout} bounds the TCP/TLS connect. */
  public HttpFetcher(Duration connectTimeout, String userAgent, AddressPolicy addresses) {
    this(HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build(), userAgent, addresses, InetAddress::getAllByName);
  }

  /** A fetcher on a given client, which must not follow redirects itself. */
  public HttpFetcher(HttpClient client, String userAgent, AddressPolicy addresses, Resolver resolver) {
    if (client.followRedirects() != HttpClient.Redirect.NEVER) {
      throw new IllegalArgumentException("the HttpClient must use Redirect.NEVER; HttpFetcher follows redirects itself");
    }
    this.client = client;
    this.userAgent = userAgent;
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  /**
   * Fetches {@code uri}.
   *
   * @param etag the last ETag (sent as If-None-Match), or null
   * @param lastModified the last Last-Modified (sent as If-Modified-Since), or null
   * @param accept the Accept header
   * @throws FetchException on timeout, too large a body, redirect trouble, 4xx/5xx or network failure
   */
  public FetchResult fetch(URI uri, String etag, String lastModified, FeedLimits limits, String accept)
      throws FetchException {
    return fetch(uri, etag, lastModified, limits, accept, null);
  }

  /**
   * Fetches {@code uri}, giving up at {@code deadline} (null: no deadline beyond the limits' read timeout
   * per response), so a feed's whole poll, redirects and linked pages included, stays within its budget.
   */
  public FetchResult fetch(URI uri, String etag, String lastModified, FeedLimits limits, String accept, Instant deadline)
      throws FetchException {
    Set<URI> visited = new HashSet<>();
    URI current = uri;
    Optional<String> basicAuth = basicAuth(uri);
    for (int hop = 0; ; hop++) {
      if (!visited.add(current)) {
        throw new FetchException(FetchException.Kind.REDIRECT_LOOP, "redirect loop at " + safe(current));
      }
      checkAddress(current);
      // Credentials written into the feed URL belong to its origin; a redirect elsewhere must not receive them.
      Optional<String> auth = sameOrigin(uri, current) ? basicAuth : Optional.empty();
      HttpResponse<byte[]> response = send(withoutUserInfo(current), etag, lastModified, limits, accept, auth, deadline);
      int status = response.statusCode();
      if (REDIRECTS.contains(status)) {
        if (hop >= limits.maxRedirects()) {
          throw new FetchException(FetchException.Kind.TOO_MANY_REDIRECTS,
              "more than " + limits.maxRedirects() + " redirects from " + safe(uri));
        }
        current = redirectTarget(current, response);
        continue;
      }
      if (status == 304) {
        return new FetchResult(current, status, new byte[0], null, etag, lastModified, response.body().length);
      }
      if (status < 200 || status > 299) {
        throw new FetchException(FetchException.Kind.HTTP_STATUS, "HTTP " + status + " from " + safe(current), status,
            null);
      }
      byte[] wire = response.body();
      byte[] body = decode(wire, response.headers().firstValue("Content-Encoding").orElse(""), limits);
      return new FetchResult(current, status, body,
          response.headers().firstValue("Content-Type").orElse(null),
          response.headers().firstValue("ETag").orElse(null),
          response.headers().firstValue("Last-Modified").orElse(null),
          wire.length);
    }
  }

  /** Resolves the host and refuses the hop when any of its addresses is not allowed. */
  private void checkAddress(URI uri) throws FetchException {
    String host = uri.getHost();
    if (host == null || host.isBlank()) {
      throw new FetchException(FetchException.Kind.FORBIDDEN_ADDRESS, "no host in " + safe(uri));
    }
    InetAddress[] resolved;
    try {
      resolved = resolver.resolve(host);
    } catch (UnknownHostException e) {
      throw new FetchException(FetchException.Kind.NETWORK, "cannot resolve the host of " + safe(uri), -1, e);
    }
    for (InetAddress address : resolved) {
      Optional<String> denial = addresses.denial(address);
      if (denial.isPresent()) {
        throw new FetchException(FetchException.Kind.FORBIDDEN_ADDRESS, "refused to fetch " + safe(uri) + ": "
            + denial.get() + "; list the network in ingest.fetch.allow-networks if this feed really runs there");
      }
    }
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
  }

  private static int port(URI u) {
    return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private static Optional<String> basicAuth(URI uri) {
    String userInfo = uri.getUserInfo();
    if (userInfo == null || userInfo.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
  }

  private static URI withoutUserInfo(URI uri) throws FetchException {
    if (uri.getRawUserInfo() == null) {
      return uri;
    }
    // Raw parts, so the path and query keep their exact percent-encoding.
    String rebuilt = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
        + (uri.getRawPath() == null ? "" : uri.getRawPath()) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    try {
      return new URI(rebuilt);
    } catch (URISyntaxException e) {
      throw new FetchException(FetchException.Kind.HTTP_STATUS, "bad URL " + safe(uri), -1, e);
    }
  }

  /** A URL as it may appear in messages, logs and dead letters: credentials masked, control characters escaped. */
  static String safe(URI uri) {
    return LogSafe.url(uri);
  }

  private HttpResponse<byte[]> send(URI uri, String etag, String lastModified, FeedLimits limits, String accept,
      Optional<String> auth, Instant deadline) throws FetchException {
    Duration timeout = limits.readTimeout();
    if (deadline != null) {
      Duration left = Duration.between(Instant.now(), deadline);
      if (!left.isPositive()) {
        throw new FetchException(FetchException.Kind.TIMEOUT, "the feed's poll deadline passed before " + safe(uri));
      }
      timeout = left.compareTo(timeout) < 0 ? left : timeout;
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .GET()
        .timeout(timeout)
        .header("User-Agent", userAgent)
        .header("Accept", accept)
        .header("Accept-Encoding", "gzip, deflate");
    if (etag != null && !etag.isBlank()) {
      request.header("If-None-Match", etag);
    }
    if (lastModified != null && !lastModified.isBlank()) {
      request.header("If-Modified-Since", lastModified);
    }
    auth.ifPresent(a -> request.header("Authorization", a));
    HttpResponse.BodyHandler<byte[]> handler = info -> {
      boolean ok = info.statusCode() >= 200 && info.statusCode() <= 299;
      long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
      return new LimitedBodySubscriber(ok ? limits.maxBodyBytes() : ERROR_BODY_BYTES, !ok, declared);
    };
    CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request.build(), handler);
    try {
      // HttpRequest.timeout covers only the wait for headers; this deadline also covers a body that trickles.
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new FetchException(FetchException.Kind.TIMEOUT,
          "no complete response from " + safe(uri) + " within " + timeout, -1, e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new FetchException(FetchException.Kind.NETWORK, "interrupted while fetching " + safe(uri), -1, e);
    } catch (ExecutionException e) {
      throw translate(uri, e.getCause(), timeout);
    }
  }

  private static FetchException translate(URI uri, Throwable cause, Duration timeout) {
    Throwable c = cause;
    while (c != null) {
      if (c instanceof LimitedBodySubscriber.BodyTooLargeException tooLarge) {
        return new FetchException(FetchException.Kind.TOO_LARGE, "response from " + safe(uri) + ": " + tooLarge.getMessage(),
            -1, tooLarge);
      }
      if (c instanceof HttpTimeoutException httpTimeout) {
        return new FetchException(FetchException.Kind.TIMEOUT,
            "no response from " + safe(uri) + " within " + timeout, -1, httpTimeout);
      }
      c = c.getCause();
    }
    String message = cause == null ? "unknown" : cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + LogSafe.url(cause.getMessage()));
    return new FetchException(FetchException.Kind.NETWORK, "cannot fetch " + safe(uri) + ": " + message, -1, cause);
  }

  private static URI redirectTarget(URI from, HttpResponse<?> response) throws FetchException {
    String location = response.headers().firstValue("Location").orElseThrow(() -> new FetchException(
        FetchException.Kind.HTTP_STATUS, "HTTP " + response.statusCode() + " without Location from " + safe(from),
        response.statusCode(), null));
    URI target;
    try {
      target = from.resolve(location.strip());
    } catch (IllegalArgumentException e) {
      throw new FetchException(FetchException.Kind.HTTP_STATUS, "bad redirect Location '" + LogSafe.url(location)
          + "' from " + safe(from),
          response.statusCode(), e);
    }
    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new FetchException(FetchException.Kind.HTTP_STATUS, "redirect to non-http URL " + safe(target) + " from "
          + safe(from),
          response.statusCode(), null);
    }
    return target;
  }

  private static byte[] decode(byte[] wire, String encoding, FeedLimits limits) throws FetchException {
    String e = encoding.strip().toLowerCase(Locale.ROOT);
    if (e.isEmpty() || e.equals("identity")) {
      return wire;
    }
    try (InputStream in = switch (e) {
      case "gzip", "x-gzip" -> new GZIPInputStream(new ByteArrayInputStream(wire));
      case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(wire));
      default -> throw new FetchException(FetchException.Kind.BAD_BODY,
          "unsupported Content-Encoding '" + LogSafe.of(encoding) + "'");
    }) {
      // Read one byte past the cap: a body that reaches it is a bomb or a wrong limit, never silently cut.
      byte[] decoded = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxDecodedBytes() + 1));
      if (decoded.length > limits.maxDecodedBytes()) {
        throw new FetchException(FetchException.Kind.TOO_LARGE,
            "decoded body exceeds " + limits.maxDecodedBytes() + " bytes (" + wire.length + " bytes on the wire)");
      }
      return decoded;
    } catch (IOException ex) {
      throw new FetchException(FetchException.Kind.BAD_BODY, "corrupt " + e + " body: " + ex.getMessage(), -1, ex);
    }
  }
}
