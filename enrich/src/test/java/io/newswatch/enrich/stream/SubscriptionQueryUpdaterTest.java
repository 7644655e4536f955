package io.newswatch.enrich.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.enrich.matching.AnchorIndexMatcher;
import io.newswatch.enrich.tagging.Document;
import io.newswatch.schemas.avro.Channel;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.schemas.registry.InMemorySchemaRegistry;
import io.newswatch.schemas.registry.RegistryException;
import io.newswatch.schemas.serde.AvroSerde;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** The global subscriptions processor: it must never stop the global thread, whatever the topic holds. */
class SubscriptionQueryUpdaterTest {
  private static final String TOPIC = "subscriptions";
  private final Serde<Subscription> serde = AvroSerde.specific(new InMemorySchemaRegistry(), Subscription.class, true);
  private final AnchorIndexMatcher matcher = new AnchorIndexMatcher();
  private final Document kursk = new Document("a1", "Troops in Kursk", "North Korean troops fought in Kursk.", "en");

  @Test
  void shouldWaitForTheRegistryAndThenRegisterTheQueryWhenItWasDown() {
    AtomicInteger calls = new AtomicInteger();
    Deserializer<Subscription> flaky = (topic, bytes) -> {
      if (calls.incrementAndGet() <= 2) {
        throw new SerializationException("cannot decode",
            new RegistryException.Unavailable("GET /schemas/ids/1: connection refused", -1, null));
      }
      return serde.deserializer().deserialize(topic, bytes);
    };
    SubscriptionQueryUpdater updater = updater(flaky);

    updater.process(new Record<>("desk", bytes(subscription("desk", "Kursk")), 0L));

    assertThat(calls).hasValue(3);
    assertThat(matcher.match(kursk)).containsExactly("desk");
  }

  @Test
  void shouldSkipAnUnreadableRecordAndKeepTheOtherQueriesWhenTheTopicHoldsPoison() {
    SubscriptionQueryUpdater updater = updater(serde.deserializer());

    updater.process(new Record<>("desk", bytes(subscription("desk", "Kursk")), 0L));
    updater.process(new Record<>("poison", new byte[] {0x2a, 1, 2, 3}, 0L));
    updater.process(new Record<>("broken", bytes(subscription("broken", "(unclosed")), 0L));

    assertThat(matcher.match(kursk)).containsExactly("desk");
  }

  @Test
  void shouldForgetTheQueryWhenTheSubscriptionIsDeletedOrDisabled() {
    SubscriptionQueryUpdater updater = updater(serde.deserializer());
    updater.process(new Record<>("desk", bytes(subscription("desk", "Kursk")), 0L));
    updater.process(new Record<>("night", bytes(subscription("night", "troops")), 0L));

    updater.process(new Record<>("desk", null, 0L));
    updater.process(new Record<>("night", bytes(Subscription.newBuilder(subscription("night", "troops"))
        .setEnabled(false).build()), 0L));

    assertThat(matcher.match(kursk)).isEmpty();
    assertThat(matcher.size()).isZero();
  }

  @Test
  void shouldRegisterTheStoredQueriesWhenStartedAgain() {
    var ctx = new MockProcessorContext<Void, Void>();
    KeyValueStore<String, byte[]> store = store(ctx);
    store.put("desk", bytes(subscription("desk", "Kursk")));
    AnchorIndexMatcher fresh = new AnchorIndexMatcher();

    new SubscriptionQueryUpdater(fresh, serde.deserializer(), TOPIC).init(ctx);

    assertThat(fresh.match(kursk)).containsExactly("desk");
  }

  private SubscriptionQueryUpdater updater(Deserializer<Subscription> deserializer) {
    var ctx = new MockProcessorContext<Void, Void>();
    store(ctx);
    SubscriptionQueryUpdater updater = new SubscriptionQueryUpdater(matcher, deserializer, TOPIC, Duration.ofMillis(1));
    updater.init(ctx);
    return updater;
  }

  private static KeyValueStore<String, byte[]> store(MockProcessorContext<Void, Void> ctx) {
    KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(
        Stores.inMemoryKeyValueStore(StoreNames.SUBSCRIPTIONS), Serdes.String(), Serdes.ByteArray())
        .withLoggingDisabled().build();
    store.init(ctx.getStateStoreContext(), store);
    ctx.addStateStore(store);
    return store;
  }

  private byte[] bytes(Subscription s) {
    return serde.serializer().serialize(TOPIC, s);
  }

  private static Subscription subscription(String id, String query) {
    return Subscription.newBuilder().setId(id).setChannel(Channel.LIVE).setQuery(query).build();
  }
}
