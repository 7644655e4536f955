package io.newswatch.enrich.stream;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.AlertKind;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.internal.ArticleDecision;
import io.newswatch.schemas.internal.StoryEvent;
import io.newswatch.schemas.avro.Severity;
import io.newswatch.schemas.avro.TaggedArticle;
import io.newswatch.schemas.avro.TopicTag;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/**
 * Turns a decided article into alerts: a new story's topic alerts, a story's updates and
 * escalations. Alert ids are hashes of (story, topic, rule), (story, version) and (story, severity),
 * so a replay of the same input yields the same ids and subscribers can drop what they already have.
 */
public final class AlertFactory {
  private static final int SUMMARY_CHARS = 400;

  private AlertFactory() {}

  /**
   * The alerts of a decided article, by its story event: a new story alerts once per tag; an article
   * joining a story raises one UPDATE of the story (and a topic alert for a tag new to the story); an
   * escalation raises a new alert at the story's higher severity. Duplicates of the same id raise
   * nothing.
   */
  public static List<KeyValue<String, Alert>> alerts(DecidedArticle d, long eventTime) {
    TaggedArticle t = d.tagged();
    ArticleDecision story = d.decision();
    if (t.getTags().isEmpty()) {
      return List.of();
    }
    List<KeyValue<String, Alert>> out = new ArrayList<>(t.getTags().size());
    switch (story.getStoryEvent()) {
      case NEW -> {
        for (TopicTag tag : t.getTags()) {
          out.add(pair(topicAlert(t, story, tag, alertId("topic", t.getStoryId(), tag.getTopic(), rule(tag)), eventTime)));
        }
      }
      case UPDATE, ESCALATION -> {
        TopicTag main = t.getTags().stream().filter(tag -> tag.getTopic().equals(story.getStoryPrimaryTopic()))
            .findFirst().orElse(t.getTags().get(0));
        Alert update = story.getStoryEvent() == StoryEvent.ESCALATION
            ? topicAlert(t, story, main, alertId("escalation", t.getStoryId(), severity(main).name()), eventTime)
            : topicAlert(t, story, main, alertId("update", t.getStoryId(), Integer.toString(story.getStoryVersion())),
                eventTime);
        if (story.getStoryEvent() == StoryEvent.UPDATE) {
          update.setKind(AlertKind.UPDATE);
        }
        out.add(KeyValue.pair(update.getAlertId(), update));
        for (TopicTag tag : t.getTags()) {
          if (!story.getStoryTopics().contains(tag.getTopic()) && !tag.getTopic().equals(main.getTopic())) {
            out.add(pair(topicAlert(t, story, tag, alertId("topic", t.getStoryId(), tag.getTopic(), rule(tag)), eventTime)));
          }
        }
      }
      default -> {
        return List.of();
      }
    }
    return out;
  }

  private static String rule(TopicTag tag) {
    return tag.getRuleIds().isEmpty() ? tag.getTopic() : tag.getRuleIds().get(0);
  }

  private static Severity severity(TopicTag tag) {
    return tag.getSeverity() == null || tag.getSeverity() == Severity.UNKNOWN ? Severity.LOW : tag.getSeverity();
  }

  private static KeyValue<String, Alert> pair(Alert alert) {
    return KeyValue.pair(alert.getAlertId(), alert);
  }

  private static Alert topicAlert(TaggedArticle t, ArticleDecision story, TopicTag tag, String id,
      long eventTime) {
    Article a = t.getArticle();
    return Alert.newBuilder()
        .setAlertId(id)
        .setKind(AlertKind.TOPIC)
        .setSeverity(severity(tag))
        .setSeverityReasons(tag.getSeverityReasons())
        .setTopic(tag.getTopic())
        .setRuleId(rule(tag))
        .setStoryId(t.getStoryId())
        .setArticleIds(List.of(a.getId()))
        .setTitle(a.getTitle())
        .setSummary(summary(a.getBody()))
        .setUrl(a.getCanonicalUrl() != null ? a.getCanonicalUrl() : a.getUrl())
        .setSource(a.getSource())
        .setLang(a.getLang())
        .setScore(tag.getScore())
        .setEvidence(tag.getEvidence())
        .setAlsoReportedBy(otherOutlets(story, a.getSource()))
        .setTaxonomyVersion(tag.getTaxonomyVersion())
        .setPublishedAt(a.getPublishedAt())
        .setCreatedAt(Instant.ofEpochMilli(eventTime))
        .setMatchedQueries(t.getMatchedQueries())
        .setRole(tag.getRole())
        .setPassage(tag.getPassages().isEmpty() ? "" : tag.getPassages().get(0).getText())
        .setStoryVersion(Math.max(1, story.getStoryVersion()))
        .setStoryArticles(Math.max(1, story.getStoryArticles()))
        .setStoryLanguages(story.getStoryLanguages().isEmpty() ? List.of(a.getLang()) : story.getStoryLanguages())
        .setFirstSeen(Instant.ofEpochMilli(story.getFirstSeen() == 0 ? eventTime : story.getFirstSeen()))
        .setLastSeen(Instant.ofEpochMilli(story.getLastSeen() == 0 ? eventTime : story.getLastSeen()))
        .build();
  }

  /** The story's outlets other than this alert's own. */
  private static List<String> otherOutlets(ArticleDecision story, String source) {
    List<String> out = new ArrayList<>(story.getStoryOutlets());
    out.remove(source);
    return out;
  }

  static String summary(String body) {
    if (body == null) {
      return "";
    }
    String s = body.strip();
    if (s.length() <= SUMMARY_CHARS) {
      return s;
    }
    int cut = s.lastIndexOf(' ', SUMMARY_CHARS);
    return s.substring(0, cut > SUMMARY_CHARS / 2 ? cut : SUMMARY_CHARS) + "…";
  }

  /** A stable id: the same parts always give the same id, across processes and releases. */
  public static String alertId(String kind, String... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(kind.getBytes(StandardCharsets.UTF_8));
      for (String p : parts) {
        md.update((byte) 0);
        md.update(p.getBytes(StandardCharsets.UTF_8));
      }
      return kind + "-" + HexFormat.of().formatHex(md.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
