package io.newswatch.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slow-header attack for tests: connections that send an HTTP request's head one byte at a time
 * and never finish it. Counts the connections the server has closed on them.
 */
public final class SlowHeaderClients implements AutoCloseable {

  private final List<Socket> sockets = new ArrayList<>();
  private final ScheduledExecutorService trickle = Executors.newScheduledThreadPool(1, r -> {
    Thread t = new Thread(r, "slow-header-clients");
    t.setDaemon(true);
    return t;
  });
  private final AtomicInteger cutOff = new AtomicInteger();

  private SlowHeaderClients() {
  }

  /**
   * Opens {@code count} connections to 127.0.0.1:{@code port}, each sending the head of
   * {@code POST path} one byte every {@code pace}; the head never ends.
   */
  public static SlowHeaderClients open(int port, String path, int count, Duration pace) throws IOException {
    SlowHeaderClients clients = new SlowHeaderClients();
    byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "X-Padding: " + "a".repeat(4000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < count; i++) {
      clients.start(port, head, pace);
    }
    return clients;
  }

  private void start(int port, byte[] head, Duration pace) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    sockets.add(socket);
    OutputStream out = socket.getOutputStream();
    int[] sent = {0};
    boolean[] done = {false};
    trickle.scheduleAtFixedRate(() -> {
      if (done[0]) {
        return;
      }
      try {
        // Once the server has hung up, the next write or the one after fails (broken pipe or reset).
        out.write(head[sent[0]++ % head.length]);
        out.flush();
      } catch (IOException e) {
        done[0] = true;
        cutOff.incrementAndGet();
      }
    }, 0, pace.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** How many of the connections the server has closed so far (seen on the next write). */
  public int cutOff() {
    return cutOff.get();
  }

  /** How many connections were opened. */
  public int count() {
    return sockets.size();
  }

  @Override
  public void close() {
    trickle.shutdownNow();
    try {
      trickle.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException e) {
        // Closing a socket the server already reset is fine.
      }
    }
  }
}
