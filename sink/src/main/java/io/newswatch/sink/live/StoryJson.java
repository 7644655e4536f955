package io.newswatch.sink.live;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newswatch.schemas.avro.Alert;
import io.newswatch.sink.AlertJson;
import java.util.List;
import java.util.Map;

/**
 * The story view as JSON, one shape for the live page's API and {@code newswatch stories --json}: a
 * story entry is its latest alert ({@link AlertJson}); a story's detail adds its articles; the volume
 * is the 24-hour chart.
 */
public final class StoryJson {

  private StoryJson() {
  }

  /** Stories as an array of their latest alerts. */
  public static ArrayNode stories(List<Alert> stories) {
    ArrayNode array = AlertJson.mapper().createArrayNode();
    stories.forEach(s -> array.add(AlertJson.toJson(s)));
    return array;
  }

  /** {@code {storyId, topics: [latest alert per topic, primary first], articles: [...]}}. */
  public static ObjectNode story(StoryView.Story story) {
    ObjectNode node = AlertJson.mapper().createObjectNode();
    node.put("storyId", story.storyId());
    node.set("topics", stories(story.topics()));
    ArrayNode articles = node.putArray("articles");
    for (StoryView.StoryArticle a : story.articles()) {
      ObjectNode item = articles.addObject();
      item.put("articleId", a.articleId());
      item.put("alertId", a.alertId());
      item.put("kind", a.kind().name());
      item.put("storyVersion", a.storyVersion());
      item.put("topic", a.topic());
      item.put("source", a.source());
      item.put("lang", a.lang());
      item.put("title", a.title());
      item.put("url", a.url());
      item.put("at", a.at().toString());
    }
    return node;
  }

  /** {@code {end, hours, topics: {topic: [count per hour, oldest first]}, surges: [...]}}. */
  public static ObjectNode volume(TopicVolume.Day day) {
    ObjectNode node = AlertJson.mapper().createObjectNode();
    node.put("end", day.end().toString());
    node.put("hours", TopicVolume.HOURS);
    ObjectNode topics = node.putObject("topics");
    for (Map.Entry<String, int[]> e : day.counts().entrySet()) {
      ArrayNode row = topics.putArray(e.getKey());
      for (int n : e.getValue()) {
        row.add(n);
      }
    }
    ArrayNode surges = node.putArray("surges");
    for (TopicVolume.Surge s : day.surges()) {
      surges.addObject().put("topic", s.topic()).put("at", s.at().toString()).put("severity", s.severity().name())
          .put("title", s.title());
    }
    return node;
  }
}
