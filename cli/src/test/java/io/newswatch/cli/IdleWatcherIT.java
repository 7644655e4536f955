package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.testkit.TestPlatform;
import io.newswatch.testkit.WithPlatform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The drain check `run --until-idle`, `replay` and the bench wait on, against a real broker's transaction markers. */
@WithPlatform
class IdleWatcherIT {

  @Test
  void shouldCallAGroupDrainedWhenOnlyAnAbortedTransactionFollowsItsCommitAndNotWhenARecordDoes(TestPlatform platform)
      throws Exception {
    String topic = platform.uniqueName("idle");
    String group = platform.uniqueName("idle-group");
    platform.createTopics(Map.of(topic, 1));
    Properties kafka = new Properties();
    kafka.put("bootstrap.servers", platform.bootstrapServers());
    TopicPartition tp = new TopicPartition(topic, 0);
    try (var plain = new KafkaProducer<>(kafka, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < 3; i++) {
        plain.send(new ProducerRecord<>(topic, 0, "k", "v" + i)).get();
      }
    }
    commit(kafka, group, tp, 3);
    // A zombie's transaction, aborted: its record and its abort marker stay in the log after offset 3.
    Properties tx = new Properties();
    tx.putAll(kafka);
    tx.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, platform.uniqueName("zombie"));
    try (var producer = new KafkaProducer<>(tx, new StringSerializer(), new StringSerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, 0, "k", "aborted")).get();
      producer.abortTransaction();
    }
    IdleWatcher watcher = new IdleWatcher(kafka, List.of(group), Map.of(group, List.of(topic)));

    assertThat(watcher.awaitIdle(Duration.ofSeconds(20), 2)).as("lag 2, but only markers and aborted data").isTrue();

    try (var plain = new KafkaProducer<>(kafka, new StringSerializer(), new StringSerializer())) {
      plain.send(new ProducerRecord<>(topic, 0, "k", "real work")).get();
    }
    assertThat(watcher.awaitIdle(Duration.ofSeconds(5), 2)).as("a committed record is left to read").isFalse();
  }

  private static void commit(Properties kafka, String group, TopicPartition tp, long offset) {
    Properties p = new Properties();
    p.putAll(kafka);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(tp));
      consumer.commitSync(Map.of(tp, new OffsetAndMetadata(offset)));
    }
  }
}
