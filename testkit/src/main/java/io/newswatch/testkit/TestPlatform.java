package io.newswatch.testkit;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** What an integration test gets: where the broker and the registry are, and a few helpers. */
public interface TestPlatform {
  AtomicInteger COUNTER = new AtomicInteger();

  /** Which backend runs the parts: {@code embedded} or {@code testcontainers}. */
  String backend();

  String bootstrapServers();

  /** The Confluent-compatible API root ({@code schema.registry.url}). */
  String registryUrl();

  /** Stops the broker and starts it again on the same storage, as an outage would. */
  void restartBroker() throws Exception;

  /** A name no other test in this JVM uses, for topics, application ids and groups. */
  default String uniqueName(String prefix) {
    return prefix.toLowerCase(Locale.ROOT) + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
  }

  default Admin admin() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return Admin.create(p);
  }

  /** Creates topics with the given partition counts and waits for them. */
  default void createTopics(Map<String, Integer> partitionsByName) throws Exception {
    try (Admin admin = admin()) {
      admin.createTopics(partitionsByName.entrySet().stream()
          .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1)).toList()).all().get();
    }
  }

  /** Client properties for this platform: bootstrap servers and registry URL. */
  default Properties clientProperties() {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrapServers());
    p.put("schema.registry.url", registryUrl());
    return p;
  }
}
