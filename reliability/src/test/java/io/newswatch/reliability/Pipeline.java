package io.newswatch.reliability;

import io.newswatch.runtime.TopicProvisioner;
import io.newswatch.schemas.Topic;
import io.newswatch.schemas.Topics;
import io.newswatch.schemas.avro.Channel;
import io.newswatch.schemas.avro.Severity;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.schemas.registry.RegistryClient;
import io.newswatch.schemas.registry.RegistryConfig;
import io.newswatch.sink.SubscriptionsAdmin;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The names of one pipeline under test (topics, application id, consumer group, database schema,
 * folders), unique per test, and the command lines that run its enrich and sink stages as separate
 * CLI processes against them.
 */
record Pipeline(String bootstrap, String registryUrl, String raw, String tagged, String alerts, String enrichDlq,
    String subscriptions, String sinkDlq, String applicationId, String group, String pgSchema, Path dir) {

  static final String PG_URL = System.getProperty("newswatch.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String PG_USER = System.getProperty("newswatch.pg.user", "postgres");

  /** Names prefixed with {@code prefix}, which must be unique (e.g. {@code TestPlatform.uniqueName}). */
  static Pipeline named(String prefix, String bootstrap, String registryUrl, Path dir) {
    String p = prefix.toLowerCase(Locale.ROOT);
    return new Pipeline(bootstrap, registryUrl, p + ".raw", p + ".tagged", p + ".alerts", p + ".enrich-dlq",
        p + ".subscriptions", p + ".sink-dlq", p + "-enrich", p + "-sink", p.replaceAll("[^a-z0-9]", "_"), dir);
  }

  /** A prefix no other run uses, for pipelines on a platform of the test's own. */
  static String uniquePrefix(String what) {
    return what + "-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime() & 0xFFFFFFFL);
  }

  Properties kafka() {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    return p;
  }

  RegistryClient registry() {
    return new RegistryClient(RegistryConfig.of(registryUrl));
  }

  /** Creates the topics with their catalog settings (3 partitions for the data topics). */
  void createTopics() {
    TopicProvisioner.ensure(kafka(), List.<Topic<?>>of(Topics.ARTICLES_RAW.renamed(raw),
        Topics.ARTICLES_TAGGED.renamed(tagged), Topics.ALERTS.renamed(alerts), Topics.ENRICH_DLQ.renamed(enrichDlq),
        Topics.SUBSCRIPTIONS.renamed(subscriptions), Topics.SINK_DLQ.renamed(sinkDlq)));
  }

  /** Settings both stages need: where things are, quick failure detection, and no fixed ports. */
  private List<String> common(Map<String, String> extra) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("registry.auto-register", "true");
    s.put("management.port", "-1");
    // A SIGKILLed member is noticed after the session timeout: keep it at the broker's minimum.
    s.put("kafka.session.timeout.ms", "6000");
    s.put("kafka.heartbeat.interval.ms", "1500");
    s.putAll(extra);
    List<String> args = new ArrayList<>(List.of("--bootstrap-servers", bootstrap, "--registry-url", registryUrl));
    s.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
    return args;
  }

  /** Extra enrich settings for every run, {@code key=value,key=value}; for diagnosis and tuning. */
  static final String ENRICH_SETTINGS = "newswatch.reliability.enrich-settings";

  List<String> enrichArgs(Map<String, String> extra) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("enrich.application-id", applicationId);
    s.put("enrich.state.dir", dir.resolve("enrich-state").toString());
    s.put("enrich.topic.raw", raw);
    s.put("enrich.topic.tagged", tagged);
    s.put("enrich.topic.alerts", alerts);
    s.put("enrich.topic.dlq", enrichDlq);
    s.put("enrich.topic.subscriptions", subscriptions);
    for (String kv : System.getProperty(ENRICH_SETTINGS, "").split(",")) {
      if (kv.contains("=")) {
        s.put(kv.substring(0, kv.indexOf('=')).trim(), kv.substring(kv.indexOf('=') + 1).trim());
      }
    }
    s.putAll(extra);
    List<String> args = new ArrayList<>(List.of("enrich"));
    args.addAll(common(s));
    return args;
  }

  List<String> sinkArgs(Map<String, String> extra) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("sink.group-id", group);
    s.put("sink.topic.alerts", alerts);
    s.put("sink.topic.subscriptions", subscriptions);
    s.put("sink.topic.dlq", sinkDlq);
    s.put("sink.file.dir", dir.toString());
    s.put("sink.state.dir", dir.resolve("sink-state").toString());
    s.put("sink.postgres.url", pgUrl());
    s.put("sink.live.port", "-1");
    s.put("sink.delivery.timeout", "60s");
    s.put("sink.webhook.initial-backoff", "50ms");
    s.put("sink.webhook.max-backoff", "1s");
    s.putAll(extra);
    List<String> args = new ArrayList<>(List.of("sink"));
    args.addAll(common(s));
    return args;
  }

  CliProcess enrich(Map<String, String> extra) {
    return CliProcess.of("enrich", dir, enrichArgs(extra), Map.of());
  }

  CliProcess sink(Map<String, String> extra, Map<String, String> env) {
    return CliProcess.of("sink", dir, sinkArgs(extra), env);
  }

  String pgUrl() {
    return PG_URL + "?user=" + PG_USER + "&currentSchema=" + pgSchema;
  }

  /** Adds subscriptions through the same admin the CLI's {@code subscriptions add} uses. */
  void subscribe(List<Subscription> subs) {
    try (SubscriptionsAdmin admin = new SubscriptionsAdmin(kafka(), registry(), subscriptions)) {
      subs.forEach(admin::add);
    }
  }

  static Subscription subscription(String id, Channel channel, String target, String secretRef) {
    // Story updates too: the checks count every alert committed to the alerts topic on every channel.
    return Subscription.newBuilder().setId(id).setChannel(channel).setTarget(target).setTopics(List.of())
        .setMinSeverity(Severity.LOW).setLanguages(List.of()).setQuery(null).setEnabled(true).setSecretRef(secretRef)
        .setSettings(Map.of()).setUpdates(true).build();
  }

  /** Drops the test's database schema and everything in it. */
  void dropSchema() throws SQLException {
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + pgSchema + " CASCADE");
    }
  }
}
