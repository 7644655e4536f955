package io.newswatch.runtime.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Small complete answers for handlers on a {@link HardenedHttpServer}. */
public final class HttpReplies {

  private HttpReplies() {
  }

  /**
   * Sends {@code body} with {@code status} and completes the callback; a HEAD request gets the
   * headers only. Every answer says {@code nosniff} and {@code no-store}: none of them is cacheable.
   */
  public static void send(Request request, Response response, Callback callback, int status, String contentType,
      byte[] body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    boolean head = HttpMethod.HEAD.is(request.getMethod());
    response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
  }

  /** {@link #send} with a UTF-8 plain-text body. */
  public static void text(Request request, Response response, Callback callback, int status, String text) {
    send(request, response, callback, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }
}
