package io.newswatch.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.ingest.http.PushConfig;
import io.newswatch.ingest.http.PushServer;
import io.newswatch.ingest.normalize.ArticleNormalizer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints how many articles per second the push endpoint takes with a given {@code ingest.threads}: JSON
 * arrays POSTed over HTTP by concurrent clients in this same JVM, read and parsed by the server,
 * normalized on the pool, serialized to Avro in order and acknowledged at once (no broker), each request
 * answered 202 only after all its articles are. The clients' CPU is counted with the server's: on 2
 * cores they compete for the same cores, so the figure is a floor for a server with its own machine.
 * Not a test; BENCHMARKS.md has the command.
 *
 * <p>Arguments: threads [articles (default 20000)] [batch (default 100)] [clients (default 4)].
 */
public final class PushThroughput {

  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(args[0]);
    int articles = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    int clients = args.length > 3 ? Integer.parseInt(args[3]) : 4;
    List<String> bodies = PoolThroughput.bodies();
    List<byte[]> warm = requests(Math.min(articles, 4_000), batch, bodies, "warm");
    List<byte[]> measured = requests(articles, batch, bodies, "run");
    PoolThroughput.DiscardingSink sink = new PoolThroughput.DiscardingSink();
    try (NormalizationPool pool = NormalizationPool.create(threads, 512, new ArticleNormalizer()::normalize, sink)) {
      PushServer server = new PushServer(PushConfig.open("127.0.0.1", 0), pool, sink,
          new IngestMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
      server.start();
      try (HttpClient http = HttpClient.newHttpClient()) {
        URI uri = URI.create("http://127.0.0.1:" + server.port() + "/articles");
        post(http, uri, warm, clients);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long gc0 = PoolThroughput.gcMillis();
        long t0 = System.nanoTime();
        long[] outcome = post(http, uri, measured, clients);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long cpu = os.getProcessCpuTime() - cpu0;
        System.out.printf(Locale.ROOT, "push, ingest.threads=%d, %d clients, %d articles per request, %d cores: %d articles"
                + " in %.2f s = %.0f articles/s (%d requests answered 503 and sent again), %.0f µs process CPU per"
                + " article (clients included), gc %d ms%n", threads, clients, batch,
            Runtime.getRuntime().availableProcessors(), articles, seconds, articles / seconds, outcome[1],
            cpu / 1e3 / articles, PoolThroughput.gcMillis() - gc0);
      } finally {
        server.close();
      }
    }
  }

  /** The request bodies: JSON arrays of {@code batch} articles, serialized before the clock starts. */
  private static List<byte[]> requests(int articles, int batch, List<String> bodies, String prefix) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<byte[]> requests = new ArrayList<>();
    List<Map<String, String>> items = new ArrayList<>();
    for (int i = 0; i < articles; i++) {
      Map<String, String> item = new LinkedHashMap<>();
      item.put("url", "https://push.example.test/" + prefix + "/" + i);
      item.put("title", "Article " + i);
      item.put("body", bodies.get(i % bodies.size()));
      items.add(item);
      if (items.size() == batch || i == articles - 1) {
        requests.add(json.writeValueAsBytes(items));
        items.clear();
      }
    }
    return requests;
  }

  /** Sends every request from {@code clients} threads; a 503 is sent again, anything but 202 fails the run. */
  private static long[] post(HttpClient http, URI uri, List<byte[]> requests, int clients) throws Exception {
    AtomicLong next = new AtomicLong();
    AtomicLong retried = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        running.add(pool.submit(() -> {
          for (int i = (int) next.getAndIncrement(); i < requests.size(); i = (int) next.getAndIncrement()) {
            HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(requests.get(i))).build();
            while (true) {
              HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
              if (response.statusCode() == 202) {
                break;
              }
              if (response.statusCode() != 503) {
                throw new IllegalStateException("push answered " + response.statusCode() + ": " + response.body());
              }
              retried.incrementAndGet();
              Thread.sleep(5);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return new long[] {requests.size(), retried.get()};
  }
}
