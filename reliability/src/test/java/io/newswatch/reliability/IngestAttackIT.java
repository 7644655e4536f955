package io.newswatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.newswatch.ingest.IngestConfig;
import io.newswatch.ingest.IngestService;
import io.newswatch.runtime.Settings;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.DeadLetter;
import io.newswatch.schemas.registry.RegistryClient;
import io.newswatch.schemas.registry.RegistryConfig;
import io.newswatch.schemas.serde.AvroDeserializer;
import io.newswatch.testkit.TestPlatform;
import io.newswatch.testkit.WithPlatform;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest side of the outside attack run (issue 13), against a running {@link IngestService} on the
 * real broker and registry: feeds whose item links and redirects lead into the private network (SSRF),
 * a feed that mislabels UTF-8 Arabic as windows-1256, one-line flashes, four feeds that hang beside one
 * that answers, and a watched folder holding a link to a file outside it, a binary file named {@code
 * .txt}, an empty file named to forge a log line and a file whose writer pauses half-way.
 */
@WithPlatform
class IngestAttackIT {
  private static final int HANGING_FEEDS = 4;

  @TempDir
  Path dir;

  @TempDir
  Path outside;

  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
  private final AtomicInteger internalRequests = new AtomicInteger();
  private final AtomicInteger fastPolls = new AtomicInteger();
  private final AtomicInteger hangingPolls = new AtomicInteger();
  private HttpServer feeds;
  private HttpServer internal;

  @AfterEach
  void stop() {
    release.countDown();
    writer.shutdownNow();
    if (feeds != null) {
      feeds.stop(0);
    }
    if (internal != null) {
      internal.stop(0);
    }
    handlers.shutdownNow();
  }

  @Test
  void shouldPublishWhatIsArticleAndDeadLetterTheRestWhenFeedsAndFilesAreHostile(TestPlatform platform)
      throws Exception {
    startServers();
    Path watched = Files.createDirectories(dir.resolve("drop"));
    Path feedsFile = writeFeedsFile();
    String p = platform.uniqueName("attack");
    Settings settings = Settings.of(IngestConfig.defaults()).with(Map.of(
        Settings.BOOTSTRAP, platform.bootstrapServers(),
        IngestConfig.TOPIC_RAW, p + ".raw",
        IngestConfig.TOPIC_REJECTED, p + ".rejected",
        IngestConfig.TOPIC_FEED_STATE, p + ".feed-state",
        IngestConfig.STATE_DIR, dir.resolve("ingest").toString(),
        IngestConfig.WATCH_DIR, watched.toString(),
        IngestConfig.WATCH_INTERVAL, "200ms",
        IngestConfig.WATCH_QUIET_PERIOD, "3s",
        IngestConfig.FEEDS, feedsFile.toString(),
        // The feed server is the only loopback host allowed; the "internal" one on 127.0.0.2 is not.
        IngestConfig.FETCH_ALLOW_NETWORKS, "127.0.0.1/32"));
    RegistryClient registry = new RegistryClient(RegistryConfig.of(platform.registryUrl()));

    Files.writeString(outside.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
    Files.createSymbolicLink(watched.resolve("passwd.txt"), outside.resolve("passwd"));
    byte[] binary = new byte[8192];
    new java.util.Random(11).nextBytes(binary);
    Files.write(watched.resolve("photo.txt"), binary);
    Files.write(watched.resolve("x.txt\n00:00:00.000 INFO  DirectoryImporter - Imported all.txt"), new byte[0]);
    byte[] article = resource("complete-article.txt");
    Path pausing = watched.resolve("story.txt");

    try (IngestService ingest = IngestService.create(IngestConfig.from(settings), settings.kafkaProperties(), registry,
        null)) {
      ingest.start();
      // A writer that stops half-way for longer than two watch scans, then finishes.
      Files.write(pausing, Arrays.copyOf(article, article.length / 2));
      writer.schedule(() -> {
        Files.write(pausing, Arrays.copyOfRange(article, article.length / 2, article.length), StandardOpenOption.APPEND);
        return null;
      }, 1500, TimeUnit.MILLISECONDS);

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(fastPolls).as("the answering feed is polled every second while four others hang")
              .hasValueGreaterThanOrEqualTo(4));
      assertThat(hangingPolls).as("each hanging feed was asked once and is still waiting").hasValue(HANGING_FEEDS);

      List<Article> raw = new CopyOnWriteArrayList<>();
      List<DeadLetter> rejected = new CopyOnWriteArrayList<>();
      try (var rawTail = consumer(platform, registry, Article.class);
          var rejectedTail = consumer(platform, registry, DeadLetter.class)) {
        rawTail.subscribe(List.of(p + ".raw"));
        rejectedTail.subscribe(List.of(p + ".rejected"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
          rawTail.poll(Duration.ofMillis(200)).forEach(r -> raw.add(r.value()));
          rejectedTail.poll(Duration.ofMillis(200)).forEach(r -> rejected.add(r.value()));
          assertThat(raw).extracting(Article::getTitle).contains("كوريا الجنوبية تقترح محادثات عسكرية مع الشمال",
              "Warning shots at the DMZ", "Pyongyang launches a ballistic missile toward the East Sea",
              "North Korean troops cross the demarcation line again");
          assertThat(rejected).extracting(DeadLetter::getReason).contains(
              "symbolic link to a file outside the folder not followed", "empty file (0 bytes)")
              .anySatisfy(reason -> assertThat(reason).startsWith("binary content, not text"));
        });
        // A truncated copy of the paused file would have been published seconds before the whole one.
        for (int i = 0; i < 3; i++) {
          rawTail.poll(Duration.ofMillis(200)).forEach(r -> raw.add(r.value()));
        }
      }

      assertThat(raw).filteredOn(a -> a.getLang().equals("ar")).singleElement()
          .satisfies(a -> assertThat(a.getBody()).contains("خط التمييز العسكري"));
      assertThat(raw).filteredOn(a -> a.getTitle().startsWith("Warning shots")).singleElement()
          .satisfies(a -> assertThat(a.getBody())
              .isEqualTo("South Korean troops fired warning shots after North Korean soldiers crossed the border"));
      assertThat(raw).filteredOn(a -> a.getTitle().startsWith("North Korean troops cross")).singleElement()
          .satisfies(a -> assertThat(a.getBody()).endsWith("crossed it by mistake."));
      assertThat(internalRequests).as("no request reached the private address").hasValue(0);
      assertThat(raw).extracting(Article::getBody).noneSatisfy(b -> assertThat(b).contains("INTERNAL SECRET"));
      assertThat(rejected).extracting(DeadLetter::getSource).noneSatisfy(s -> assertThat(s).contains("127.0.0.2"));

      Report report = new Report("ingest-attack");
      report.line("reliability: ingest_attack articles=%d dead_letters=%d internal_requests=%d fast_polls=%d"
          + " hanging_feeds=%d", raw.size(), rejected.size(), internalRequests.get(), fastPolls.get(), HANGING_FEEDS);
      report.write();
      release.countDown(); // lets the hanging feeds end before the service closes
    }
  }

  private void startServers() throws IOException {
    internal = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
    internal.createContext("/", ex -> {
      internalRequests.incrementAndGet();
      respond(ex, "text/html", "<html><body><p>INTERNAL SECRET: db password hunter2.</p></body></html>"
          .getBytes(StandardCharsets.UTF_8));
    });
    internal.start();
    feeds = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    feeds.setExecutor(handlers);
    String internalUrl = "http://127.0.0.2:" + internal.getAddress().getPort();
    feeds.createContext("/arabic", ex -> respond(ex, "application/rss+xml; charset=windows-1256",
        resource("arabic-utf8.xml")));
    feeds.createContext("/flash", ex -> respond(ex, "application/rss+xml", new String(resource("flash.xml"),
        StandardCharsets.UTF_8).replace("INTERNAL_LINK", internalUrl + "/admin")
        .replace("REDIRECT_LINK", feedUrl("/to-internal")).getBytes(StandardCharsets.UTF_8)));
    feeds.createContext("/to-internal", ex -> {
      ex.getResponseHeaders().add("Location", internalUrl + "/latest/meta-data/");
      ex.sendResponseHeaders(302, -1);
      ex.close();
    });
    feeds.createContext("/fast", ex -> {
      fastPolls.incrementAndGet();
      respond(ex, "application/rss+xml", ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Fast</title>"
          + "</channel></rss>").getBytes(StandardCharsets.UTF_8));
    });
    feeds.createContext("/hang", ex -> {
      hangingPolls.incrementAndGet();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.close();
    });
    feeds.start();
  }

  private String feedUrl(String path) {
    return "http://127.0.0.1:" + feeds.getAddress().getPort() + path;
  }

  private Path writeFeedsFile() throws IOException {
    StringBuilder yaml = new StringBuilder("defaults:\n  interval: 1s\n  limits: { readTimeout: 20s }\nfeeds:\n");
    yaml.append("  - { id: arabic, url: '").append(feedUrl("/arabic")).append("', interval: 1h }\n");
    yaml.append("  - { id: flash, url: '").append(feedUrl("/flash")).append("', interval: 1h }\n");
    yaml.append("  - { id: fast, url: '").append(feedUrl("/fast")).append("' }\n");
    for (int i = 0; i < HANGING_FEEDS; i++) {
      yaml.append("  - { id: hang-").append(i).append(", url: '").append(feedUrl("/hang")).append("' }\n");
    }
    Path file = dir.resolve("feeds.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  private static <T extends org.apache.avro.specific.SpecificRecord> KafkaConsumer<String, T> consumer(
      TestPlatform platform, RegistryClient registry, Class<T> type) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, platform.uniqueName("attack-verify"));
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(p, new StringDeserializer(), new AvroDeserializer<>(registry, type));
  }

  private static void respond(HttpExchange ex, String contentType, byte[] body) throws IOException {
    ex.getResponseHeaders().add("Content-Type", contentType);
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = IngestAttackIT.class.getResourceAsStream("/ingest-attack/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource /ingest-attack/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
