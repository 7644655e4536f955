package io.newswatch.sink;

import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.AlertKind;
import io.newswatch.schemas.avro.Channel;
import io.newswatch.schemas.avro.Evidence;
import io.newswatch.schemas.avro.Severity;
import io.newswatch.schemas.avro.Subscription;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test alerts and subscriptions; the alert texts live in src/test/resources/alerts. */
public final class Fixtures {

  private Fixtures() {
  }

  /** A plain alert with this id about energy. */
  public static Alert alert(String id) {
    return Alert.newBuilder()
        .setAlertId(id)
        .setKind(AlertKind.TOPIC)
        .setSeverity(Severity.HIGH)
        .setTopic("energy")
        .setRuleId("rule-energy")
        .setStoryId("story-" + id)
        .setArticleIds(List.of("article-" + id))
        .setTitle("OPEC cuts output " + id)
        .setSummary("Oil prices rose after the cartel agreed to cut output.")
        .setUrl("https://news.example/" + id)
        .setSource("example-wire")
        .setLang("en")
        .setScore(3.5)
        .setEvidence(List.of(Evidence.newBuilder().setTerm("opec").setText("OPEC").setField("title")
            .setStart(0).setEnd(4).setWeight(2.0).build()))
        .setPublishedAt(Instant.parse("2026-11-22T07:00:00Z"))
        .setCreatedAt(Instant.parse("2026-11-22T07:01:00Z"))
        .build();
  }

  /** {@code count} alerts named prefix-0 .. prefix-(count-1). */
  public static List<Alert> alerts(String prefix, int count) {
    List<Alert> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(alert(prefix + "-" + i));
    }
    return out;
  }

  /** A subscription for everything on a channel and target. */
  public static Subscription subscription(String id, Channel channel, String target) {
    return Subscription.newBuilder()
        .setId(id)
        .setChannel(channel)
        .setTarget(target)
        .setTopics(List.of())
        .setMinSeverity(Severity.LOW)
        .setLanguages(List.of())
        .setQuery(null)
        .setEnabled(true)
        .setSecretRef(channel == Channel.WEBHOOK ? "HOOK_SECRET" : null)
        .setSettings(Map.of())
        .build();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** Alerts read from a JSON array resource under /alerts, in the shape AlertJson writes. */
  public static List<Alert> alertsFromResource(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/alerts/" + name)) {
      JsonNode array = AlertJson.mapper().readTree(in);
      List<Alert> out = new ArrayList<>();
      for (JsonNode node : array) {
        List<Evidence> evidence = new ArrayList<>();
        for (JsonNode e : node.path("evidence")) {
          evidence.add(Evidence.newBuilder().setTerm(e.path("term").asText())
              .setText(e.path("text").asText()).setField(e.path("field").asText("body"))
              .setStart(e.path("start").asInt(-1)).setEnd(e.path("end").asInt(-1))
              .setSnippet(e.path("snippet").asText("")).build());
        }
        Alert.Builder b = Alert.newBuilder(alert(node.path("alertId").asText()))
            .setTopic(node.path("topic").asText())
            .setSeverity(Severity.valueOf(node.path("severity").asText()))
            .setTitle(node.path("title").asText())
            .setSummary(node.path("summary").asText())
            .setSource(node.path("source").asText())
            .setLang(node.path("lang").asText("en"))
            .setUrl(node.path("url").isTextual() ? node.path("url").asText() : null)
            .setEvidence(evidence);
        // Story fields, where the resource gives them.
        if (node.has("kind")) {
          b.setKind(AlertKind.valueOf(node.path("kind").asText()));
        }
        if (node.has("role")) {
          b.setRole(io.newswatch.schemas.avro.TagRole.valueOf(node.path("role").asText()));
        }
        if (node.has("storyId")) {
          b.setStoryId(node.path("storyId").asText());
        }
        if (node.has("storyVersion")) {
          b.setStoryVersion(node.path("storyVersion").asInt()).setStoryArticles(node.path("storyArticles").asInt(1));
        }
        if (node.has("storyLanguages")) {
          b.setStoryLanguages(strings(node.path("storyLanguages")));
        }
        if (node.has("alsoReportedBy")) {
          b.setAlsoReportedBy(strings(node.path("alsoReportedBy")));
        }
        if (node.has("articleIds")) {
          b.setArticleIds(strings(node.path("articleIds")));
        }
        for (String time : List.of("firstSeen", "lastSeen", "createdAt")) {
          if (node.has(time)) {
            Instant at = Instant.parse(node.path(time).asText());
            switch (time) {
              case "firstSeen" -> b.setFirstSeen(at);
              case "lastSeen" -> b.setLastSeen(at);
              default -> b.setCreatedAt(at);
            }
          }
        }
        out.add(b.build());
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
