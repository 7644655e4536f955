package io.newswatch.enrich;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.newswatch.enrich.dedup.Fingerprinter;
import io.newswatch.enrich.tagging.TaxonomyLoader;
import io.newswatch.enrich.tagging.TaxonomyTagger;
import io.newswatch.enrich.tagging.TopicTagger;
import io.newswatch.runtime.TopicProvisioner;
import io.newswatch.schemas.Topic;
import io.newswatch.schemas.Topics;
import io.newswatch.schemas.registry.RegistryClient;
import io.newswatch.schemas.registry.RegistryConfig;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import io.newswatch.enrich.matching.AnchorIndexMatcher;
import io.newswatch.enrich.stream.KafkaRawArticles;
import io.newswatch.enrich.stream.RawArticles;
import io.newswatch.enrich.stream.ArticleTagging;
import io.newswatch.enrich.stream.TagAhead;
import io.newswatch.enrich.stream.TagAheadInterceptor;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the enrich topology: creates its topics, starts Kafka Streams, reports health, stops cleanly. */
public final class EnrichService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EnrichService.class);

  private final KafkaStreams streams;
  private final EnrichConfig config;
  private final RawArticles raw;
  private final TagAhead tagAhead;
  private final CountDownLatch running = new CountDownLatch(1);
  private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;
  private KafkaStreamsMetrics metrics;

  private EnrichService(KafkaStreams streams, EnrichConfig config, RawArticles raw, TagAhead tagAhead) {
    this.streams = streams;
    this.config = config;
    this.raw = raw;
    this.tagAhead = tagAhead;
  }

  /**
   * The tagger from {@code enrich.taxonomy}, or the default taxonomy.
   *
   * @throws io.newswatch.enrich.tagging.TaxonomyException when the taxonomy has an error: the service
   *     refuses to start rather than run with a topic silently missing
   */
  public static TopicTagger loadTagger(EnrichConfig config) {
    return new TaxonomyTagger(TaxonomyLoader.loadOrDefault(config.taxonomyFile()));
  }

  /**
   * Creates missing topics, sizes the dedup repartition topics like the raw topic, and starts the
   * streams; returns without waiting for RUNNING (see {@link #awaitRunning}).
   */
  public static EnrichService start(EnrichConfig config, Properties kafka, RegistryConfig registry, MeterRegistry meters) {
    TopicProvisioner.ensure(kafka, List.<Topic<?>>of(
        Topics.ARTICLES_RAW.renamed(config.rawTopic()), Topics.ARTICLES_TAGGED.renamed(config.taggedTopic()),
        Topics.ALERTS.renamed(config.alertsTopic()), Topics.ENRICH_DLQ.renamed(config.dlqTopic()),
        Topics.SUBSCRIPTIONS.renamed(config.subscriptionsTopic())));
    EnrichConfig sized = config.withPartitions(partitionsOf(kafka, config.rawTopic()));
    EnrichSerdes serdes = EnrichSerdes.with(new RegistryClient(registry));
    EnrichMetrics enrichMetrics = meters == null ? EnrichMetrics.none() : new EnrichMetrics(meters);
    RawArticles raw = new KafkaRawArticles(kafka, sized.rawTopic(), serdes.article().deserializer());
    ArticleTagging tagging = new ArticleTagging(loadTagger(sized), Fingerprinter.withDefaults(), new AnchorIndexMatcher());
    TagAhead tagAhead = TagAhead.start(sized, tagging, serdes.article().deserializer(), kafka);
    try {
      return start(sized, kafka, registry, meters, serdes, enrichMetrics, raw, tagging, tagAhead);
    } catch (RuntimeException e) {
      // Its reader and workers are threads of their own: don't leave them behind a failed start.
      try {
        tagAhead.close();
      } finally {
        raw.close();
      }
      throw e;
    }
  }

  private static EnrichService start(EnrichConfig sized, Properties kafka, RegistryConfig registry, MeterRegistry meters,
      EnrichSerdes serdes, EnrichMetrics enrichMetrics, RawArticles raw, ArticleTagging tagging, TagAhead tagAhead) {
    Topology topology = EnrichTopology.build(sized, tagging, serdes, raw, enrichMetrics, tagAhead);
    log.debug("enrich topology:\n{}", topology.describe());
    Properties streamsProps = EnrichStreamsProperties.build(sized, kafka, registry);
    streamsProps.put(EnrichMetrics.STREAMS_CONFIG, enrichMetrics);
    if (tagAhead.enabled()) {
      // The stream threads' consumer hands every fetched raw record to the tag-ahead workers.
      streamsProps.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG),
          TagAheadInterceptor.class.getName());
      streamsProps.put(StreamsConfig.mainConsumerPrefix(TagAheadInterceptor.INSTANCE_CONFIG), tagAhead);
    }
    KafkaStreams streams = new KafkaStreams(topology, streamsProps);
    EnrichService service = new EnrichService(streams, sized, raw, tagAhead);
    streams.setStateListener((now, before) -> {
      service.state = now;
      log.info("enrich {} -> {}", before, now);
      if (now == KafkaStreams.State.RUNNING) {
        service.running.countDown();
      }
    });
    // A bug that escapes the handlers must not take the service down: replace the thread, and the
    // task resumes from its last committed transaction.
    streams.setUncaughtExceptionHandler(e -> {
      log.error("enrich stream thread failed; replacing it", e);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    try {
      if (meters != null) {
        service.metrics = new KafkaStreamsMetrics(streams);
        service.metrics.bindTo(meters);
      }
      streams.start();
    } catch (RuntimeException e) {
      // Its clients and the state directory's lock would outlive the failed start.
      streams.close(Duration.ofSeconds(5));
      throw e;
    }
    return service;
  }

  private static int partitionsOf(Properties kafka, String topic) {
    try (Admin admin = Admin.create(kafka)) {
      return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the partition count of " + topic + ": " + e.getMessage(), e);
    }
  }

  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Ready when RUNNING or rebalancing (which is normal operation). */
  public boolean isReady() {
    return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
  }

  public boolean isAlive() {
    return state != KafkaStreams.State.ERROR && state != KafkaStreams.State.NOT_RUNNING
        && state != KafkaStreams.State.PENDING_ERROR;
  }

  public KafkaStreams streams() {
    return streams;
  }

  public EnrichConfig config() {
    return config;
  }

  /** The tag-ahead workers: how many articles they served, how many the stream thread tagged itself. */
  public TagAhead tagAhead() {
    return tagAhead;
  }

  /**
   * Stops the streams and leaves the consumer group. Kafka Streams stays in the group on close by
   * default (to spare a rebalance when the same instance comes straight back), but a new process is a
   * new member: the group then waits the whole session timeout (45 s) for the old one before it assigns
   * anything, so every restart of {@code newswatch run} sat idle for ~40 s.
   */
  public void close(Duration timeout) {
    streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(timeout));
    raw.close();
    tagAhead.close();
    if (metrics != null) {
      metrics.close();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }
}
