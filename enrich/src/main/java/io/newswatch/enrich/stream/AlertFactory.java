package io.newswatch.enrich.stream;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.AlertKind;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.DuplicateStatus;
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
 * Turns a decided article into topic alerts: one per tag, for unique articles only. The alert id
 * is a hash of (story, topic, rule), so a replay of the same input yields the same ids and
 * subscribers can drop what they already have.
 */
public final class AlertFactory {
  private static final int SUMMARY_CHARS = 400;

  private AlertFactory() {}

  public static List<KeyValue<String, Alert>> topicAlerts(TaggedArticle t, long eventTime) {
    if (t == null || t.getDuplicate() != DuplicateStatus.UNIQUE || t.getTags().isEmpty()) {
      return List.of();
    }
    Article a = t.getArticle();
    List<KeyValue<String, Alert>> out = new ArrayList<>(t.getTags().size());
    for (TopicTag tag : t.getTags()) {
      String rule = tag.getRuleIds().isEmpty() ? tag.getTopic() : tag.getRuleIds().get(0);
      String id = alertId("topic", t.getStoryId(), tag.getTopic(), rule);
      Alert alert = Alert.newBuilder()
          .setAlertId(id)
          .setKind(AlertKind.TOPIC)
          .setSeverity(tag.getSeverity() == null || tag.getSeverity() == Severity.UNKNOWN ? Severity.LOW : tag.getSeverity())
          .setSeverityReasons(tag.getSeverityReasons())
          .setTopic(tag.getTopic())
          .setRuleId(rule)
          .setStoryId(t.getStoryId())
          .setArticleIds(List.of(a.getId()))
          .setTitle(a.getTitle())
          .setSummary(summary(a.getBody()))
          .setUrl(a.getCanonicalUrl() != null ? a.getCanonicalUrl() : a.getUrl())
          .setSource(a.getSource())
          .setLang(a.getLang())
          .setScore(tag.getScore())
          .setEvidence(tag.getEvidence())
          .setTaxonomyVersion(tag.getTaxonomyVersion())
          .setPublishedAt(a.getPublishedAt())
          .setCreatedAt(Instant.ofEpochMilli(eventTime))
          .setMatchedQueries(t.getMatchedQueries())
          .setRole(tag.getRole())
          .setPassage(tag.getPassages().isEmpty() ? "" : tag.getPassages().get(0).getText())
          .build();
      out.add(KeyValue.pair(id, alert));
    }
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
