package io.newswatch.runtime.http;

import java.io.IOException;
import java.net.BindException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way newswatch opens an HTTP port: Jetty (core, no servlets) with a header deadline, an idle
 * timeout, a connection limit and a cap on header size. Handlers may block (read a body, stream
 * events): they run on virtual threads, so a slow client costs a virtual thread, never the pool.
 */
public final class HardenedHttpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HardenedHttpServer.class);

  private final String name;
  private final Server server;
  private final ServerConnector connector;
  private final ScheduledThreadPoolExecutor timer;

  private HardenedHttpServer(String name, Server server, ServerConnector connector, ScheduledThreadPoolExecutor timer) {
    this.name = name;
    this.server = server;
    this.connector = connector;
    this.timer = timer;
  }

  /**
   * Binds {@code host:port} (0 picks a free port) and starts serving {@code handler}.
   *
   * @param name names the threads and log lines, e.g. {@code ingest-push}
   * @throws IOException if the port cannot be bound; the message names the address
   */
  public static HardenedHttpServer start(String name, String host, int port, HttpLimits limits, Handler handler)
      throws IOException {
    QueuedThreadPool pool = new QueuedThreadPool(16, 2);
    pool.setName(name);
    pool.setDaemon(true);
    pool.setReservedThreads(0);
    pool.setVirtualThreadsExecutor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-", 0).factory()));
    Server server = new Server(pool);
    // No graceful wait at stop: it would hold every shutdown for the longest kept-alive client, and
    // each of our clients retries (a push is idempotent by article id, probes and pages poll again).
    server.setStopTimeout(0);

    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setRequestHeaderSize(limits.maxHeaderBytes());
    ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    connector.setIdleTimeout(limits.idleTimeout().toMillis());
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));

    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, name + "-deadlines");
      t.setDaemon(true);
      return t;
    });
    timer.setRemoveOnCancelPolicy(true);
    HeaderDeadline deadline = new HeaderDeadline(name, limits.headerTimeout(), timer, handler);
    connector.addEventListener(deadline);
    server.setHandler(deadline);
    try {
      server.start();
    } catch (Exception e) {
      stopQuietly(server);
      timer.shutdownNow();
      if (e instanceof IOException io) {
        throw new IOException("cannot listen on " + host + ":" + port + " for " + name
            + (io instanceof BindException ? " (is the port in use? choose another)" : "") + ": " + io.getMessage(), io);
      }
      throw new IOException("cannot start the " + name + " HTTP server on " + host + ":" + port + ": " + e, e);
    }
    LOG.debug("{} listening on {}:{} with {}", name, host, connector.getLocalPort(), limits);
    return new HardenedHttpServer(name, server, connector, timer);
  }

  /** The bound port (useful after asking for 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** Stops accepting and closes every connection, requests in flight included. */
  @Override
  public void close() {
    stopQuietly(server);
    timer.shutdownNow();
    LOG.debug("{} stopped", name);
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("Stopping an HTTP server failed", e);
    }
  }
}
