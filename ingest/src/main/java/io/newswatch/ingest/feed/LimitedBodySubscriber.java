package io.newswatch.ingest.feed;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a byte limit and cancels the stream as soon as it is passed, so an
 * endless or huge body costs at most the limit in memory and time.
 */
final class LimitedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

  /** Thrown (inside the future) when the body passes the limit. */
  static final class BodyTooLargeException extends RuntimeException {
    BodyTooLargeException(String message) {
      super(message);
    }
  }

  private final long limit;
  private final boolean truncateSilently;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final long declaredLength;
  private Flow.Subscription subscription;

  /**
   * @param truncateSilently when true (error pages) the body is cut at the limit and completes normally
   * @param declaredLength the Content-Length header, or -1
   */
  LimitedBodySubscriber(long limit, boolean truncateSilently, long declaredLength) {
    this.limit = limit;
    this.declaredLength = declaredLength;
    this.truncateSilently = truncateSilently;
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (!truncateSilently && declaredLength > limit) {
      s.cancel();
      result.completeExceptionally(new BodyTooLargeException(
          "Content-Length " + declaredLength + " exceeds the " + limit + " byte limit"));
      return;
    }
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer item : items) {
      int n = item.remaining();
      if (buffer.size() + (long) n > limit) {
        subscription.cancel();
        if (truncateSilently) {
          byte[] part = new byte[(int) (limit - buffer.size())];
          item.get(part);
          buffer.writeBytes(part);
          result.complete(buffer.toByteArray());
        } else {
          result.completeExceptionally(new BodyTooLargeException("body exceeds " + limit + " bytes"));
        }
        return;
      }
      byte[] chunk = new byte[n];
      item.get(chunk);
      buffer.writeBytes(chunk);
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable error) {
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    result.complete(buffer.toByteArray());
  }
}
