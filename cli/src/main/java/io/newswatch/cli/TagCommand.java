package io.newswatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newswatch.enrich.tagging.Evidence;
import io.newswatch.enrich.tagging.GateHit;
import io.newswatch.enrich.tagging.Passage;
import io.newswatch.enrich.tagging.TaxonomyLoader;
import io.newswatch.enrich.tagging.TaxonomyTagger;
import io.newswatch.enrich.tagging.TopicScore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code newswatch tag}: the enrich tagger offline, one JSON line per article, for writing and
 * checking rules. Files are read as the folder source reads them and tagged as enrich tags them.
 */
@Command(name = "tag", mixinStandardHelpOptions = true,
    description = {
        "Tag article files offline (.txt, .html, .json, .jsonl; folders are listed) and print one JSON object per "
            + "article: file, id, lang, primary, and per tag its role (PRIMARY/SECONDARY), salience and best "
            + "passage against their bars, passages and evidence.",
        "Evidence offsets (start, end) count characters in the file you gave (plain-text files; -1 elsewhere); "
            + "fieldStart/fieldEnd count in the article's title or body as the live pipeline stores it.",
        "Exit code 0, or 2 when an input cannot be read or holds no article."})
public final class TagCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Article files or folders.")
  List<Path> inputs;

  @Option(names = "--taxonomy", description = "Taxonomy YAML file (default: the built-in taxonomy).")
  Path taxonomy;

  @Option(names = "--explain", description = "Also say, for every topic, why it was or was not tagged.")
  boolean explain;

  @Override
  public Integer call() throws Exception {
    // Every input is checked before any is tagged: a script must not get half the output and exit 0.
    List<String> missing = inputs.stream().filter(p -> !Files.isReadable(p)).map(Path::toString).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("no such file or folder: " + String.join(", ", missing));
    }
    if (taxonomy != null) {
      StartupCheck.readableFile("--taxonomy", taxonomy);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    OfflineTagging tagging = new OfflineTagging(new TaxonomyTagger(TaxonomyLoader.loadOrDefault(taxonomy)));
    ArticleFiles.Read read = new ArticleFiles().read(inputs);
    for (ArticleFiles.FileArticle article : read.articles()) {
      out.println(JSON.writeValueAsString(line(tagging.tag(article))));
    }
    out.flush();
    for (ArticleFiles.Problem p : read.problems()) {
      err.println("newswatch tag: " + p.file() + ": " + p.reason());
    }
    return read.problems().isEmpty() && !read.articles().isEmpty() ? 0 : 2;
  }

  private ObjectNode line(OfflineTagging.Tagged tagged) {
    var result = tagged.result();
    ObjectNode line = JSON.createObjectNode();
    line.put("file", tagged.source().file().toString());
    if (tagged.source().index() > 0) {
      line.put("index", tagged.source().index());
    }
    line.put("id", tagged.source().article().getId());
    line.put("title", tagged.source().article().getTitle());
    line.put("lang", result.language());
    line.put("taxonomyVersion", result.taxonomyVersion());
    line.put("primary", result.primary().map(TopicScore::topic).orElse(null));
    ArrayNode topics = line.putArray("topics");
    for (TopicScore tag : result.tags()) {
      topics.add(topic(tagged, tag));
    }
    if (explain) {
      ObjectNode why = line.putObject("explain");
      for (TopicScore score : result.scores()) {
        ObjectNode topic = why.putObject(score.topic());
        topic.put("tagged", score.tagged());
        topic.put("why", score.explanation());
        topic.put("score", score.score());
        topic.put("threshold", score.threshold());
        topic.put("passageScore", score.passageScore());
        topic.put("passageThreshold", score.passageThreshold());
        ArrayNode gated = topic.putArray("gated");
        for (GateHit hit : score.gated()) {
          int[] range = tagged.fileRange(hit.field(), hit.start(), hit.end());
          gated.addObject().put("gate", hit.gate()).put("rule", hit.ruleId()).put("start", range[0])
              .put("end", range[1]).put("text", hit.text());
        }
        if (!score.tagged() && !score.passages().isEmpty()) {
          Passage best = score.passages().getFirst();
          topic.put("bestPassage", best.text());
        }
      }
    }
    return line;
  }

  private static ObjectNode topic(OfflineTagging.Tagged tagged, TopicScore tag) {
    ObjectNode topic = JSON.createObjectNode();
    topic.put("topic", tag.topic());
    topic.put("role", tag.role() == null ? null : tag.role().name());
    topic.put("score", tag.score());
    topic.put("threshold", tag.threshold());
    topic.put("passageScore", tag.passageScore());
    topic.put("passageThreshold", tag.passageThreshold());
    topic.put("severity", tag.severity().name());
    tag.severityReasons().forEach(topic.putArray("severityReasons")::add);
    tag.ruleIds().forEach(topic.putArray("rules")::add);
    ArrayNode passages = topic.putArray("passages");
    for (Passage p : tag.passages()) {
      int[] range = tagged.fileRange(p.field(), p.start(), p.end());
      passages.addObject().put("field", p.field()).put("start", range[0]).put("end", range[1])
          .put("fieldStart", p.start()).put("fieldEnd", p.end()).put("score", p.score()).put("lede", p.lede())
          .put("text", p.text());
    }
    ArrayNode evidence = topic.putArray("evidence");
    for (Evidence e : tag.evidence()) {
      int[] range = tagged.fileRange(e.field(), e.start(), e.end());
      evidence.addObject().put("rule", e.ruleId()).put("term", e.term()).put("text", e.text())
          .put("field", e.field()).put("start", range[0]).put("end", range[1])
          .put("fieldStart", e.start()).put("fieldEnd", e.end()).put("weight", e.weight())
          .put("passage", e.passage()).put("snippet", e.snippet());
    }
    return topic;
  }
}
