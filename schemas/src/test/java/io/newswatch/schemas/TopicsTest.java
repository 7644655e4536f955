package io.newswatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void shouldListEveryTopicOnceWithUniqueNames() {
    var names = new HashSet<String>();
    Topics.ALL.forEach(t -> assertThat(names.add(t.name())).as(t.name()).isTrue());
    assertThat(names).contains("news.articles.raw", "news.articles.tagged", "news.alerts", "news.ingest.rejected",
        "news.enrich.dlq", "news.sink.dlq", "news.subscriptions");
  }

  @Test
  void shouldCompactStateTopicsAndExpireEventTopics() {
    assertThat(Topics.SUBSCRIPTIONS.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact");
    assertThat(Topics.ARTICLES_RAW.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "delete");
    assertThat(Long.parseLong(Topics.ARTICLES_RAW.configs().get(TopicConfig.RETENTION_MS_CONFIG))).isPositive();
  }

  @Test
  void shouldRejectAnInvalidTopicName() {
    assertThatThrownBy(() -> Topics.ALERTS.renamed("bad name!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid topic name");
  }
}
