package io.newswatch.enrich.tagging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scores the tagger against labelled articles: precision, recall and F1 per topic and language,
 * macro F1, primary-topic accuracy, and every error with the tagger's own explanation.
 *
 * <p>Two label formats ({@code labels.tsv}, tab-separated, with a header line) are read:
 * <ul>
 *   <li>multi-topic: {@code file lang topics ...}, topics comma-separated or {@code none}; every
 *       listed topic must be tagged and no other; the primary tag is right when it is one of them;
 *   <li>primary: {@code file lang primary_topic also_acceptable ...}: the primary topic must be
 *       tagged, and be the primary tag; the acceptable one may be tagged or not.
 * </ul>
 * The last column, when it is named {@code notes}, is shown with the errors.
 */
public final class TaggingEvaluation {

  /** The label of one article. {@code primary} is null in the multi-topic format. */
  public record Gold(String file, String lang, Set<String> topics, Set<String> acceptable, String primary,
      String note) {
    public Gold {
      // In the labels file's order: Set.copyOf's order changes from one JVM to the next, and so did
      // the "labelled ..." lines of two runs of the same evaluation.
      topics.forEach(Objects::requireNonNull);
      acceptable.forEach(Objects::requireNonNull);
      topics = Collections.unmodifiableSet(new LinkedHashSet<>(topics));
      acceptable = Collections.unmodifiableSet(new LinkedHashSet<>(acceptable));
    }
  }

  /** What the tagger made of one labelled article, or why it could not read it. */
  public record Outcome(Gold gold, TaggingResult result, String error) {}

  /** True and false positives and false negatives of one topic. */
  public record Counts(int tp, int fp, int fn) {
    public double precision() {
      return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
    }

    public double recall() {
      return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
    }

    public double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    Counts plus(boolean gold, boolean predicted, boolean acceptable) {
      if (gold && predicted) {
        return new Counts(tp + 1, fp, fn);
      }
      if (predicted && !acceptable) {
        return new Counts(tp, fp + 1, fn);
      }
      if (gold) {
        return new Counts(tp, fp, fn + 1);
      }
      return this;
    }
  }

  /** The figures of one language (or {@value #ALL}). */
  public record LanguageFigures(String language, int articles, Map<String, Counts> perTopic, int primaryRight) {
    public double macroF1() {
      return perTopic.values().stream().mapToDouble(Counts::f1).average().orElse(0);
    }

    public double primaryAccuracy() {
      return articles == 0 ? 0 : (double) primaryRight / articles;
    }
  }

  /** The whole evaluation: figures per language and overall, and the articles the tagger got wrong. */
  public record Report(List<String> topics, List<LanguageFigures> languages, List<String> errors) {
    /** The figures of a language code, or of {@value #ALL}. */
    public LanguageFigures figures(String language) {
      return languages.stream().filter(l -> l.language().equals(language)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no articles in language " + language));
    }

    /** A plain-text report: a table per language, then every error. */
    public String format() {
      StringBuilder out = new StringBuilder();
      for (LanguageFigures l : languages) {
        out.append(String.format(Locale.ROOT, "%s (%d articles): macro F1 %.3f, primary topic right %d/%d (%.3f)%n",
            l.language(), l.articles(), l.macroF1(), l.primaryRight(), l.articles(), l.primaryAccuracy()));
        for (String topic : topics) {
          Counts c = l.perTopic().get(topic);
          out.append(String.format(Locale.ROOT, "  %-20s P %.3f  R %.3f  F1 %.3f   (tp %d, fp %d, fn %d)%n",
              topic, c.precision(), c.recall(), c.f1(), c.tp(), c.fp(), c.fn()));
        }
      }
      out.append(String.format(Locale.ROOT, "errors: %d%n", errors.size()));
      errors.forEach(e -> out.append(e).append('\n'));
      return out.toString();
    }
  }

  /** The code of the figures over all languages. */
  public static final String ALL = "all";

  private TaggingEvaluation() {}

  /** Reads a {@code labels.tsv} in either format. */
  public static List<Gold> readLabels(Path labels) {
    List<String> lines;
    try {
      lines = Files.readAllLines(labels, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + labels + ": " + e.getMessage(), e);
    }
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(labels + " is empty; it needs a header line and one line per article");
    }
    List<String> header = Arrays.asList(lines.getFirst().split("\t", -1));
    int file = header.indexOf("file");
    int lang = header.indexOf("lang");
    int topics = header.indexOf("topics");
    int primary = header.indexOf("primary_topic");
    int acceptable = header.indexOf("also_acceptable");
    int notes = header.indexOf("notes");
    if (file < 0 || lang < 0 || (topics < 0 && primary < 0)) {
      throw new IllegalArgumentException(labels + " needs the columns file, lang and topics (or primary_topic); "
          + "found " + header);
    }
    List<Gold> out = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String[] row = lines.get(i).split("\t", -1);
      String note = notes >= 0 && notes < row.length ? row[notes] : "";
      if (topics >= 0) {
        out.add(new Gold(row[file], row[lang], topicSet(cell(row, topics)), Set.of(), null, note));
      } else {
        Set<String> gold = topicSet(cell(row, primary));
        String first = gold.isEmpty() ? "" : gold.iterator().next();
        out.add(new Gold(row[file], row[lang], gold, topicSet(cell(row, acceptable)), first, note));
      }
    }
    return out;
  }

  private static String cell(String[] row, int column) {
    return column >= 0 && column < row.length ? row[column].strip() : "";
  }

  private static Set<String> topicSet(String cell) {
    Set<String> out = new LinkedHashSet<>();
    for (String t : cell.split(",")) {
      String topic = t.strip();
      if (!topic.isEmpty() && !topic.equals("-") && !topic.equals("none")) {
        out.add(topic);
      }
    }
    return out;
  }

  /** Scores the outcomes for {@code topics} (the taxonomy's topic ids). */
  public static Report evaluate(List<String> topics, List<Outcome> outcomes) {
    Map<String, Map<String, Counts>> counts = new LinkedHashMap<>();
    Map<String, int[]> articles = new LinkedHashMap<>();
    List<String> errors = new ArrayList<>();
    for (Outcome o : outcomes) {
      Gold gold = o.gold();
      Set<String> predicted = new TreeSet<>();
      String predictedPrimary = "";
      if (o.result() != null) {
        o.result().tags().forEach(t -> predicted.add(t.topic()));
        predictedPrimary = o.result().primary().map(TopicScore::topic).orElse("");
      }
      boolean primaryRight = gold.primary() != null
          ? predictedPrimary.equals(gold.primary())
          : gold.topics().isEmpty() ? predicted.isEmpty() : gold.topics().contains(predictedPrimary);
      for (String lang : List.of(gold.lang(), ALL)) {
        Map<String, Counts> byTopic = counts.computeIfAbsent(lang, l -> new LinkedHashMap<>());
        int[] n = articles.computeIfAbsent(lang, l -> new int[2]);
        n[0]++;
        n[1] += primaryRight ? 1 : 0;
        for (String topic : topics) {
          byTopic.merge(topic, new Counts(0, 0, 0).plus(gold.topics().contains(topic), predicted.contains(topic),
              gold.acceptable().contains(topic)), (a, b) -> new Counts(a.tp() + b.tp(), a.fp() + b.fp(), a.fn() + b.fn()));
        }
      }
      String error = describeError(gold, o, predicted, primaryRight);
      if (error != null) {
        errors.add(error);
      }
    }
    List<LanguageFigures> figures = new ArrayList<>();
    List<String> order = new ArrayList<>(new TreeSet<>(counts.keySet()));
    order.remove(ALL);
    order.add(ALL);
    for (String lang : order) {
      if (counts.containsKey(lang)) {
        figures.add(new LanguageFigures(lang, articles.get(lang)[0], Map.copyOf(counts.get(lang)), articles.get(lang)[1]));
      }
    }
    return new Report(List.copyOf(topics), figures, errors);
  }

  private static String describeError(Gold gold, Outcome o, Set<String> predicted, boolean primaryRight) {
    if (o.result() == null) {
      return gold.file() + " (" + gold.lang() + "): not tagged: " + o.error();
    }
    Set<String> missed = new TreeSet<>(gold.topics());
    missed.removeAll(predicted);
    Set<String> extra = new TreeSet<>(predicted);
    extra.removeAll(gold.topics());
    extra.removeAll(gold.acceptable());
    boolean wrongLanguage = !o.result().language().equals(gold.lang());
    if (missed.isEmpty() && extra.isEmpty() && primaryRight && !wrongLanguage) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    out.append(gold.file()).append(" (").append(gold.lang()).append("): labelled ")
        .append(gold.topics().isEmpty() ? "none" : String.join(",", gold.topics()));
    if (gold.primary() != null) {
      out.append(" (primary ").append(gold.primary().isEmpty() ? "none" : gold.primary()).append(')');
    }
    out.append(", tagged ");
    List<String> tags = o.result().tags().stream().map(t -> t.topic() + " " + t.role()).toList();
    out.append(tags.isEmpty() ? "nothing" : String.join(", ", tags));
    if (!gold.note().isEmpty()) {
      out.append("\n    note: ").append(gold.note());
    }
    if (wrongLanguage) {
      out.append("\n    language detected as ").append(o.result().language());
    }
    for (String topic : missed) {
      o.result().score(topic).ifPresent(s -> out.append("\n    missed ").append(topic).append(": ").append(s.explanation()));
    }
    for (String topic : extra) {
      o.result().score(topic).ifPresent(s -> {
        out.append("\n    extra ").append(topic).append(": ").append(s.explanation());
        if (!s.passages().isEmpty()) {
          out.append("\n      because of: \"").append(s.passages().getFirst().text()).append('"');
        }
      });
    }
    if (missed.isEmpty() && extra.isEmpty() && !primaryRight) {
      out.append("\n    wrong primary topic: ").append(o.result().primary().map(TopicScore::topic).orElse("none"));
    }
    return out.toString();
  }
}
