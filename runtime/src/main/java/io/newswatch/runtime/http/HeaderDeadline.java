package io.newswatch.runtime.http;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose next request has not been fully received within the header timeout.
 *
 * <p>Jetty reads headers without holding a thread, and its idle timeout restarts on every byte, so a
 * client sending one header byte a second is never idle. This deadline runs from the connection's
 * open (or its previous response) to the moment the request reaches the handler, whatever the pace.
 */
final class HeaderDeadline extends Handler.Wrapper implements Connection.Listener {

  private static final Logger LOG = LoggerFactory.getLogger(HeaderDeadline.class);

  private final String name;
  private final Duration timeout;
  private final ScheduledExecutorService timer;
  private final ConcurrentMap<Connection, ScheduledFuture<?>> waiting = new ConcurrentHashMap<>();

  HeaderDeadline(String name, Duration timeout, ScheduledExecutorService timer, Handler next) {
    super(next);
    this.name = name;
    this.timeout = timeout;
    this.timer = timer;
  }

  @Override
  public void onOpened(Connection connection) {
    arm(connection);
  }

  @Override
  public void onClosed(Connection connection) {
    ScheduledFuture<?> f = waiting.remove(connection);
    if (f != null) {
      f.cancel(false);
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Connection connection = request.getConnectionMetaData().getConnection();
    ScheduledFuture<?> f = waiting.remove(connection);
    if (f != null) {
      f.cancel(false);
    }
    // A kept-alive connection gets the same deadline for its next request.
    Request.addCompletionListener(request, failure -> {
      if (failure == null && connection.getEndPoint().isOpen()) {
        arm(connection);
      }
    });
    return super.handle(request, response, callback);
  }

  /** Connections still waiting for a complete request. */
  int waiting() {
    return waiting.size();
  }

  private void arm(Connection connection) {
    ScheduledFuture<?> f = timer.schedule(() -> expire(connection), timeout.toMillis(), TimeUnit.MILLISECONDS);
    ScheduledFuture<?> old = waiting.put(connection, f);
    if (old != null) {
      old.cancel(false);
    }
  }

  private void expire(Connection connection) {
    if (waiting.remove(connection) != null) {
      LOG.debug("{}: closing {} (no complete request within {})", name,
          connection.getEndPoint().getRemoteSocketAddress(), timeout);
      connection.getEndPoint().close();
    }
  }
}
