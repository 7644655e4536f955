package io.newswatch.ingest.feed;

import java.net.URI;

/**
 * A completed fetch: 200 with a decoded body, or 304 with none.
 *
 * @param finalUri the URL after redirects
 * @param status 200-299 or 304
 * @param body decoded body (gzip/deflate removed); empty for 304
 * @param contentType the Content-Type header, or null
 * @param etag the ETag header, or null
 * @param lastModified the Last-Modified header, or null
 * @param wireBytes bytes read from the network
 */
public record FetchResult(
    URI finalUri, int status, byte[] body, String contentType, String etag, String lastModified, long wireBytes) {

  /** Whether the server answered 304 Not Modified. */
  public boolean notModified() {
    return status == 304;
  }
}
