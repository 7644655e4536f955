package io.newswatch.ingest;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A loopback HTTP server on an ephemeral port for tests; handlers that stall wait on {@link #release}. */
public final class TestServer implements AutoCloseable {

  /** Counted down on close, so stalling handlers end with the test. */
  public final CountDownLatch release = new CountDownLatch(1);
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  public TestServer() {
    this(InetAddress.getLoopbackAddress());
  }

  /** A server on another address, e.g. 127.0.0.2: a second loopback host that an allow-list of 127.0.0.1 leaves out. */
  public TestServer(InetAddress address) {
    try {
      server = HttpServer.create(new InetSocketAddress(address, 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.start();
  }

  public TestServer route(String path, HttpHandler handler) {
    server.createContext(path, handler);
    return this;
  }

  public URI uri(String path) {
    return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort()
        + path);
  }

  /** A test resource's bytes. */
  public static byte[] resource(String name) {
    try (InputStream in = TestServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
