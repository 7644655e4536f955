package io.newswatch.enrich.tagging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newswatch.enrich.analysis.TextLanguage;
import io.newswatch.enrich.dedup.ContentHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Tags text files without Kafka, one JSON line per file (for {@code newswatch tag FILE...}).
 *
 * <p>A file's first line is its title when it is short (at most {@value #MAX_TITLE_LENGTH} chars)
 * and more text follows; the language comes from the script; the id is the first 16 hex digits of
 * the content hash. An unreadable file yields a line with an {@code error} field, not an exception.
 */
public final class OfflineTagger {

  static final int MAX_TITLE_LENGTH = 200;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TopicTagger tagger;

  public OfflineTagger(TopicTagger tagger) {
    this.tagger = Objects.requireNonNull(tagger, "tagger");
  }

  /** An offline tagger over the bundled default taxonomy. */
  public static OfflineTagger withDefaultTaxonomy() {
    return new OfflineTagger(TaxonomyTagger.withDefaultTaxonomy());
  }

  /** One JSON line per file, in order. */
  public List<String> tagFiles(List<Path> files) {
    List<String> lines = new ArrayList<>(files.size());
    for (Path file : files) {
      lines.add(tagFile(file));
    }
    return lines;
  }

  /** The JSON line for one file. */
  public String tagFile(Path file) {
    ObjectNode line = JSON.createObjectNode();
    line.put("file", file.toString());
    Document doc;
    try {
      doc = readTextFile(file);
    } catch (UncheckedIOException e) {
      line.put("error", "cannot read file: " + e.getCause().getMessage());
      return write(line);
    }
    TaggingResult result = tagger.tag(doc);
    line.put("id", doc.id());
    line.put("lang", result.language());
    line.put("taxonomyVersion", result.taxonomyVersion());
    line.put("primary", result.primary().map(TopicScore::topic).orElse(null));
    ArrayNode topics = line.putArray("topics");
    for (TopicScore tag : result.tags()) {
      ObjectNode topic = topics.addObject();
      topic.put("topic", tag.topic());
      topic.put("score", tag.score());
      topic.put("threshold", tag.threshold());
      topic.put("severity", tag.severity().name());
      tag.severityReasons().forEach(topic.putArray("severityReasons")::add);
      tag.ruleIds().forEach(topic.putArray("rules")::add);
      ArrayNode evidence = topic.putArray("evidence");
      for (Evidence e : tag.evidence()) {
        evidence
            .addObject()
            .put("rule", e.ruleId())
            .put("term", e.term())
            .put("text", e.text())
            .put("field", e.field())
            .put("start", e.start())
            .put("end", e.end())
            .put("weight", e.weight());
      }
    }
    return write(line);
  }

  /** Reads a UTF-8 text file as a document (title = short first line, language by script). */
  public static Document readTextFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    text = text.replace("\r\n", "\n");
    String title = "";
    String body = text;
    int newline = text.indexOf('\n');
    if (newline > 0 && newline <= MAX_TITLE_LENGTH && !text.substring(newline).isBlank()) {
      title = text.substring(0, newline).strip();
      body = text.substring(newline + 1);
    }
    String id = ContentHash.of(title + "\n" + body).substring(0, 16);
    String lang = TextLanguage.byScript(text).code();
    return new Document(id, title, body, lang);
  }

  private static String write(ObjectNode line) {
    try {
      return JSON.writeValueAsString(line);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialize a JSON tree of plain values", e);
    }
  }
}
