package io.newswatch.ingest.feed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
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
 */
public final class HttpFetcher {

  private static final int ERROR_BODY_BYTES = 16 * 1024;
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private final HttpClient client;
  private final String userAgent;

  /** A fetcher with its own client; {@code connectTimeout} bounds the TCP/TLS connect. */
  public HttpFetcher(Duration connectTimeout, String userAgent) {
    this(HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build(), userAgent);
  }

  /** A fetcher on a given client, which must not follow redirects itself. */
  public HttpFetcher(HttpClient client, String userAgent) {
    if (client.followRedirects() != HttpClient.Redirect.NEVER) {
      throw new IllegalArgumentException("the HttpClient must use Redirect.NEVER; HttpFetcher follows redirects itself");
    }
    this.client = client;
    this.userAgent = userAgent;
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
    Set<URI> visited = new HashSet<>();
    URI current = uri;
    for (int hop = 0; ; hop++) {
      if (!visited.add(current)) {
        throw new FetchException(FetchException.Kind.REDIRECT_LOOP, "redirect loop at " + current);
      }
      HttpResponse<byte[]> response = send(current, etag, lastModified, limits, accept);
      int status = response.statusCode();
      if (REDIRECTS.contains(status)) {
        if (hop >= limits.maxRedirects()) {
          throw new FetchException(FetchException.Kind.TOO_MANY_REDIRECTS,
              "more than " + limits.maxRedirects() + " redirects from " + uri);
        }
        current = redirectTarget(current, response);
        continue;
      }
      if (status == 304) {
        return new FetchResult(current, status, new byte[0], null, etag, lastModified, response.body().length);
      }
      if (status < 200 || status > 299) {
        throw new FetchException(FetchException.Kind.HTTP_STATUS, "HTTP " + status + " from " + current, status, null);
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

  private HttpResponse<byte[]> send(URI uri, String etag, String lastModified, FeedLimits limits, String accept)
      throws FetchException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .GET()
        .timeout(limits.readTimeout())
        .header("User-Agent", userAgent)
        .header("Accept", accept)
        .header("Accept-Encoding", "gzip, deflate");
    if (etag != null && !etag.isBlank()) {
      request.header("If-None-Match", etag);
    }
    if (lastModified != null && !lastModified.isBlank()) {
      request.header("If-Modified-Since", lastModified);
    }
    HttpResponse.BodyHandler<byte[]> handler = info -> {
      boolean ok = info.statusCode() >= 200 && info.statusCode() <= 299;
      long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
      return new LimitedBodySubscriber(ok ? limits.maxBodyBytes() : ERROR_BODY_BYTES, !ok, declared);
    };
    CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request.build(), handler);
    try {
      // HttpRequest.timeout covers only the wait for headers; this deadline also covers a body that trickles.
      return future.get(limits.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new FetchException(FetchException.Kind.TIMEOUT,
          "no complete response from " + uri + " within " + limits.readTimeout(), -1, e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new FetchException(FetchException.Kind.NETWORK, "interrupted while fetching " + uri, -1, e);
    } catch (ExecutionException e) {
      throw translate(uri, e.getCause(), limits);
    }
  }

  private static FetchException translate(URI uri, Throwable cause, FeedLimits limits) {
    Throwable c = cause;
    while (c != null) {
      if (c instanceof LimitedBodySubscriber.BodyTooLargeException tooLarge) {
        return new FetchException(FetchException.Kind.TOO_LARGE, "response from " + uri + ": " + tooLarge.getMessage(),
            -1, tooLarge);
      }
      if (c instanceof HttpTimeoutException timeout) {
        return new FetchException(FetchException.Kind.TIMEOUT,
            "no response from " + uri + " within " + limits.readTimeout(), -1, timeout);
      }
      c = c.getCause();
    }
    String message = cause == null ? "unknown" : cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    return new FetchException(FetchException.Kind.NETWORK, "cannot fetch " + uri + ": " + message, -1, cause);
  }

  private static URI redirectTarget(URI from, HttpResponse<?> response) throws FetchException {
    String location = response.headers().firstValue("Location").orElseThrow(() -> new FetchException(
        FetchException.Kind.HTTP_STATUS, "HTTP " + response.statusCode() + " without Location from " + from,
        response.statusCode(), null));
    URI target;
    try {
      target = from.resolve(location.strip());
    } catch (IllegalArgumentException e) {
      throw new FetchException(FetchException.Kind.HTTP_STATUS, "bad redirect Location '" + location + "' from " + from,
          response.statusCode(), e);
    }
    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new FetchException(FetchException.Kind.HTTP_STATUS, "redirect to non-http URL " + target + " from " + from,
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
      default -> throw new FetchException(FetchException.Kind.BAD_BODY, "unsupported Content-Encoding '" + encoding + "'");
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
