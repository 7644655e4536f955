package io.newswatch.enrich.tagging;

import io.newswatch.enrich.analysis.Token;
import io.newswatch.schemas.avro.Severity;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The taxonomy-driven {@link TopicTagger}. It analyzes the article once, then per topic:
 *
 * <ol>
 *   <li>evaluates every rule; a match belongs to the sentence of its key word. Matches in a repeated
 *       sentence, or in a sentence where one of the topic's gates holds, do not count (gated ones
 *       are kept for "why not");
 *   <li>counts each rule at most once per sentence, and never two matches whose key words overlap
 *       (the heavier rule wins), so one phrase is one piece of evidence;
 *   <li>scores each sentence: its core facts plus, where it has one, its context;
 *   <li>scores the article's salience: each rule's weight over the sentences it holds in, with
 *       diminishing returns (w, w/2, w/3...), plus a lede bonus once per rule;
 *   <li>tags the topic when the salience or the best sentence reaches its bar.
 * </ol>
 *
 * Among the tags, the most salient (relative to its bar) is {@link TagRole#PRIMARY}, the others
 * {@link TagRole#SECONDARY}.
 */
public final class TaxonomyTagger implements TopicTagger {

  /** Passages reported per topic. */
  static final int MAX_PASSAGES = 5;
  private static final int SNIPPET = 200;
  /** The prefix of an entity named in the lede, besides the plain id. */
  public static final String LEDE = "lede:";

  /** A passage this many times the passage bar is never a passing mention. */
  private static final double STRONG_PASSAGE = 3.0;

  /** How interviews mark the interviewer's lines: "Q:", "Question:", "Interviewer:", "س:", "سؤال:", a bullet. */
  private static final Pattern INTERVIEWER = Pattern.compile(
      "\\s*(?:Q\\s*[:.\\-–—]|Question\\s*:|Interviewer\\s*:|س\\s*[:/\\-]|سؤال\\s*:|[*•■▪])");
  /** How they mark the answer that follows: "A:", "Answer:", "ج:", "جواب:", a dash. */
  private static final Pattern ANSWER =
      Pattern.compile("\\s*(?:A\\s*[:.\\-–—]|Answer\\s*:|ج\\s*[:/\\-]|جواب\\s*:|[-–—]\\s)");
  /** Or the speaker's name ("General Kim:"), when it opens more than one line. */
  private static final Pattern SPEAKER = Pattern.compile("\\s*(\\p{L}[\\p{L}.' ]{0,30}):");

  private final Taxonomy taxonomy;

  public TaxonomyTagger(Taxonomy taxonomy) {
    this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy");
  }

  /** A tagger over the bundled default taxonomy. */
  public static TaxonomyTagger withDefaultTaxonomy() {
    return new TaxonomyTagger(TaxonomyLoader.loadDefault());
  }

  @Override
  public String taxonomyVersion() {
    return taxonomy.version();
  }

  /** The ids of the taxonomy's topics. */
  public List<String> topicIds() {
    return taxonomy.topicIds();
  }

  @Override
  public TaggingResult tag(Document doc) {
    AnalyzedText text = new AnalyzedText(doc, taxonomy);
    List<TopicScore> scores = new ArrayList<>(taxonomy.topics().size());
    for (TopicDefinition topic : taxonomy.topics()) {
      scores.add(score(topic, text));
    }
    TopicScore primary = scores.stream().filter(TopicScore::tagged)
        .max(Comparator.comparingDouble(TopicScore::strength).thenComparing(TopicScore::passageScore)
            .thenComparing(TopicScore::topic, Comparator.reverseOrder()))
        .orElse(null);
    List<TopicScore> withRoles = new ArrayList<>(scores.size());
    for (TopicScore s : scores) {
      withRoles.add(s.tagged() ? s.withRole(s == primary ? TagRole.PRIMARY : TagRole.SECONDARY) : s);
    }
    return new TaggingResult(doc.id(), text.language().code(), taxonomy.version(), withRoles, text.terms(),
        entities(text));
  }

  /** The entity ids the article names and the facts it states, sorted. */
  private List<String> entities(AnalyzedText text) {
    java.util.TreeSet<String> out = new java.util.TreeSet<>(StoryFacts.of(text));
    for (EntityDefinition entity : taxonomy.entities()) {
      List<Match> found = entity.terms().evaluate(text);
      if (!found.isEmpty()) {
        out.add(entity.id());
        // What the lede names is what the article is about: stories compare ledes for conflicts.
        if (found.stream().anyMatch(m -> text.sentence(text.sentenceOf(m.key().from())).lede())) {
          out.add(LEDE + entity.id());
        }
      }
    }
    return List.copyOf(out);
  }

  /** A match of a rule that passed the gates, and the sentence it belongs to. */
  private record Candidate(Rule rule, int ruleIndex, Match match, int sentence) {}

  /*
   * score() runs in steps, each its own method: a long method is one C2 compile, recompiled whole each
   * time the article mix reaches a branch its profile had not seen (6 compiles of ~0.45 s each in a
   * 20,000-article run).
   */
  private TopicScore score(TopicDefinition topic, AnalyzedText text) {
    List<GateHit> gated = new ArrayList<>();
    List<Candidate> candidates = candidates(topic, text, gated);
    List<Candidate> accepted = accept(candidates, topic.rules().size());
    BitSet inBackground = background(text, accepted);
    SentenceScores scores = sentenceScores(text, accepted, inBackground);
    Salience salience = salience(text, accepted, inBackground, scores, topic.rules().size());
    double passageScore = round(scores.best());
    // An article whose own context argues against the topic (a tourism story with one sentence on
    // the war) needs its best passage to clear the bar by that much more; not when that passage
    // opens the article: an incident in the lede is what the article is about ("a soldier sprinted
    // across the border during a tour of the JSA").
    double passageEvidence = passageScore + (bestInLede(text, scores) ? 0 : salience.againstTopic());
    // A sentence that holds three facts' weight is a section of its own (a telegraphic brief packs a
    // whole section into one sentence: "NIS briefing: ~15,000 KPA personnel in Kursk, 4,700 casualties,
    // KN-23s and shells shipped"), not a mention.
    boolean passing = passageScore < STRONG_PASSAGE * topic.passageThreshold() && passingMention(text, scores.core());
    boolean tagged = salience.value() >= topic.threshold()
        || (passageEvidence >= topic.passageThreshold() && !passing);

    List<Integer> kept = passageSentences(scores.score());
    List<Passage> passages = new ArrayList<>();
    for (int s : kept) {
      AnalyzedText.Sentence sentence = text.sentence(s);
      passages.add(new Passage(AnalyzedText.fieldName(sentence.field()), sentence.start(), sentence.end(),
          round(scores.score()[s]), sentence.lede(), sentenceText(text, sentence, Passage.MAX_TEXT)));
    }
    List<Evidence> evidence = new ArrayList<>();
    Set<String> fired = new LinkedHashSet<>();
    collectEvidence(text, salience, kept, evidence, fired);

    Severity severity = Severity.UNKNOWN;
    List<String> reasons = new ArrayList<>();
    if (tagged) {
      BitSet withFacts = new BitSet(scores.core().length);
      for (int s = 0; s < scores.core().length; s++) {
        if (scores.core()[s] > 0) {
          withFacts.set(s);
        }
      }
      severity = severity(topic, salience.value(), text, withFacts, reasons);
    }
    return new TopicScore(topic.id(), salience.value(), topic.threshold(), passageScore, topic.passageThreshold(),
        tagged, null, List.copyOf(fired), evidence, passages, gated, severity, reasons,
        passing ? text.sentences().size() : 0);
  }

  /**
   * Whether the topic's facts stand in one sentence only, outside the lede, of a long article: on an
   * analysis page, a roundup or an economy story such a sentence is the topic named in passing
   * ("...and its partnership with Russia, now including soldiers fighting in Kursk, has given it
   * confidence"), which the policy does not tag; the topic tags there only through its salience. In
   * a short article or a brief the same sentence is a good part of the text and keeps tagging.
   */
  private boolean passingMention(AnalyzedText text, double[] core) {
    int minSentences = taxonomy.scoring().passingMentionSentences();
    if (minSentences == 0 || text.sentences().size() < minSentences) {
      return false;
    }
    int factSentence = -1;
    for (int s = 0; s < core.length; s++) {
      if (core[s] > 0) {
        if (factSentence >= 0) {
          return false;
        }
        factSentence = s;
      }
    }
    return factSentence >= 0 && !text.sentence(factSentence).lede() && !inQuestion(text, text.sentence(factSentence));
  }

  /**
   * Whether the sentence is a fact an interviewer states before asking about it, in one line marked
   * as the interviewer's and answered in the next: "Q: Let's turn to Russia. Seoul says 11,000 North
   * Korean soldiers are in Kursk. What does that mean militarily?" then "A: ..." opens a section on
   * the topic, whose answer tells it without naming it again. A line that is itself the question is
   * not one (a reader's comment, a linked headline "...in Kursk: what we know?"), nor a report's
   * rhetorical question after a fact, bulleted or not ("• Defence: stocks jumped after reports that
   * North Korea sent more soldiers. Is the rally overdone?" followed by the next bullet).
   */
  private static boolean inQuestion(AnalyzedText text, AnalyzedText.Sentence sentence) {
    String field = text.text(sentence.field());
    if (isQuestionMark(lastVisible(field, sentence.start(), sentence.end()))) {
      return false;
    }
    int lineStart = field.lastIndexOf('\n', Math.max(0, sentence.start() - 1)) + 1;
    int next = field.indexOf('\n', sentence.end());
    int lineEnd = next < 0 ? field.length() : next;
    return INTERVIEWER.matcher(field).region(lineStart, lineEnd).lookingAt()
        && isQuestionMark(lastVisible(field, sentence.end(), lineEnd)) && answeredAfter(field, lineEnd);
  }

  /** Whether the first line with text after {@code from} is marked as an answer. */
  private static boolean answeredAfter(String field, int from) {
    int start = from;
    while (start < field.length() && Character.isWhitespace(field.charAt(start))) {
      start++;
    }
    if (start >= field.length()) {
      return false;
    }
    int end = field.indexOf('\n', start);
    end = end < 0 ? field.length() : end;
    if (ANSWER.matcher(field).region(start, end).lookingAt()) {
      return true;
    }
    // A speaker's name answers only if it speaks again: "Seoul:" opening one line is a label.
    Matcher speaker = SPEAKER.matcher(field).region(start, end);
    if (!speaker.lookingAt()) {
      return false;
    }
    String label = "\n" + speaker.group(1).strip() + ":";
    int first = field.indexOf(label);
    return first >= 0 && field.indexOf(label, first + label.length()) >= 0;
  }

  /** The last character of {@code text[from, to)} that is not white space, or 0. */
  private static char lastVisible(String text, int from, int to) {
    for (int i = Math.min(to, text.length()) - 1; i >= from; i--) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return text.charAt(i);
      }
    }
    return 0;
  }

  private static boolean isQuestionMark(char c) {
    return c == '?' || c == '\u061F';
  }

  /**
   * Every rule's matches that count: not in a repeated sentence, and not in a sentence where one of
   * the topic's gates holds (those go to {@code gated}, once per rule and sentence, for "why not").
   */
  private static List<Candidate> candidates(TopicDefinition topic, AnalyzedText text, List<GateHit> gated) {
    Gate[] gateOf = gatedSentences(topic, text);
    List<Candidate> candidates = new ArrayList<>();
    List<Rule> rules = topic.rules();
    for (int r = 0; r < rules.size(); r++) {
      Rule rule = rules.get(r);
      for (Match match : rule.expr().evaluate(text)) {
        Span key = match.key();
        if (key == null) {
          continue;
        }
        int s = text.sentenceOf(key.from());
        if (text.sentence(s).repeated()) {
          continue;
        }
        Gate gate = gateOf[s];
        if (gate != null && gate.blocks(rule)) {
          if (gated.stream().noneMatch(g -> g.ruleId().equals(rule.id()) && g.start() == text.sentence(s).start())) {
            AnalyzedText.Sentence sentence = text.sentence(s);
            gated.add(new GateHit(gate.id(), rule.id(), AnalyzedText.fieldName(sentence.field()), sentence.start(),
                sentence.end(), sentenceText(text, sentence, Passage.MAX_TEXT)));
          }
          continue;
        }
        candidates.add(new Candidate(rule, r, match, s));
      }
    }
    return candidates;
  }

  /** Per sentence: the weight of its core facts, and its score (facts plus context); the best score. */
  private record SentenceScores(double[] core, double[] score, double best) {}

  /** Whether a sentence of the lede holds the best passage's score. */
  private static boolean bestInLede(AnalyzedText text, SentenceScores scores) {
    double[] score = scores.score();
    for (int s = 0; s < score.length; s++) {
      if (score[s] > 0 && score[s] == scores.best() && text.sentence(s).lede()) {
        return true;
      }
    }
    return false;
  }

  private SentenceScores sentenceScores(AnalyzedText text, List<Candidate> accepted, BitSet inBackground) {
    int sentences = text.sentences().size();
    double[] core = new double[sentences];
    double[] context = new double[sentences];
    BitSet foreground = new BitSet(sentences);
    for (int i = 0; i < accepted.size(); i++) {
      Candidate c = accepted.get(i);
      boolean background = inBackground.get(i);
      double w = weight(c, background);
      if (c.rule().core()) {
        core[c.sentence()] += w;
        if (!background) {
          foreground.set(c.sentence());
        }
      } else {
        context[c.sentence()] += w;
      }
    }
    double[] sentenceScore = new double[sentences];
    double best = 0;
    for (int s = 0; s < sentences; s++) {
      // Context counts only where a fact is; negative context counts anywhere it is.
      sentenceScore[s] = core[s] > 0 ? core[s] + context[s] : Math.min(0, context[s]);
      // A sentence whose facts all stand in a background clause ("...at a time when Moscow relies on
      // foreign recruits and on the thousands of soldiers North Korea sent") is no passage of the
      // topic however many rules its clause holds: it adds to the salience at half weight only.
      if (foreground.get(s)) {
        best = Math.max(best, sentenceScore[s]);
      }
    }
    return new SentenceScores(core, sentenceScore, best);
  }

  /** The article's salience (rounded), what of it argues against the topic, and each counted match's share. */
  private record Salience(double value, double againstTopic, List<Candidate> counted, List<Double> contributions) {}

  /**
   * Salience. The lede (headline and first sentences) is one unit in which each rule counts once, so
   * a headline that repeats the first sentence adds nothing and a page without one scores the same.
   * The lede unit and every later fact sentence are ranked, strongest first, with diminishing returns
   * (u1 + u2/2 + u3/3...), each capped so one crowded sentence cannot make a subject; the lede unit
   * earns the lede bonus on top. Negative context outside fact sentences counts with diminishing
   * returns per rule.
   */
  private Salience salience(AnalyzedText text, List<Candidate> accepted, BitSet inBackground, SentenceScores scores,
      int ruleCount) {
    int sentences = text.sentences().size();
    double[] core = scores.core();
    double[] sentenceScore = scores.score();
    double cap = taxonomy.scoring().sentenceCap();
    int units = sentences + 1; // unit `sentences` is the lede; the others are single sentences
    double[] unitScore = new double[units];
    double[] unitCore = new double[units];
    // Whether a unit holds a fact outside any background clause; one that does not is capped at the
    // background factor too, so a single dense clause ("the pattern differs from North Korea, which
    // sent army units to Russia under its treaty") cannot make its topic the article's subject.
    BitSet unitForeground = new BitSet(units);
    int[] unitOf = new int[accepted.size()];
    BitSet ledeRules = new BitSet(ruleCount);
    for (int i = 0; i < accepted.size(); i++) {
      Candidate c = accepted.get(i);
      int s = c.sentence();
      unitOf[i] = -1;
      if (!(core[s] > 0 && sentenceScore[s] > 0)) {
        continue;
      }
      int unit = s;
      if (text.sentence(s).lede()) {
        unit = sentences;
        if (ledeRules.get(c.ruleIndex())) {
          continue; // already counted in the lede
        }
        ledeRules.set(c.ruleIndex());
      }
      unitOf[i] = unit;
      double w = weight(c, inBackground.get(i));
      unitScore[unit] += w;
      if (c.rule().core()) {
        unitCore[unit] += w;
        if (!inBackground.get(i)) {
          unitForeground.set(unit);
        }
      }
    }
    List<Integer> ranked = new ArrayList<>();
    for (int u = 0; u < units; u++) {
      if (unitCore[u] > 0 && unitScore[u] > 0) {
        ranked.add(u);
      }
    }
    ranked.sort(Comparator.comparingDouble((Integer u) -> -unitScore[u]).thenComparingInt(u -> u));
    double[] unitShare = new double[units];
    for (int rank = 0; rank < ranked.size(); rank++) {
      int u = ranked.get(rank);
      double unitCap = unitForeground.get(u) ? cap : cap * taxonomy.scoring().backgroundFactor();
      unitShare[u] = Math.min(unitCap, unitScore[u]) / (rank + 1);
      if (u == sentences) {
        unitShare[u] += Math.min(unitCap, unitScore[u]) * taxonomy.scoring().ledeBonus();
      }
    }
    double salience = 0;
    List<Candidate> counted = new ArrayList<>();
    List<Double> contributions = new ArrayList<>();
    int[] negativeSeen = new int[ruleCount];
    double againstTopic = 0;
    for (int i = 0; i < accepted.size(); i++) {
      Candidate c = accepted.get(i);
      int s = c.sentence();
      double w = weight(c, inBackground.get(i));
      double contribution;
      if (unitOf[i] >= 0) {
        int u = unitOf[i];
        if (unitShare[u] == 0) {
          continue;
        }
        contribution = unitShare[u] * w / unitScore[u];
      } else if (w < 0 && !(core[s] > 0)) {
        contribution = w / ++negativeSeen[c.ruleIndex()];
        againstTopic += contribution;
      } else {
        continue; // context without a fact in its sentence, or a repeat inside the lede
      }
      salience += contribution;
      counted.add(c);
      contributions.add(contribution);
    }
    return new Salience(round(salience), againstTopic, counted, contributions);
  }

  /** The sentences reported as passages: the best-scoring ones, at most {@value #MAX_PASSAGES}. */
  private static List<Integer> passageSentences(double[] sentenceScore) {
    List<Integer> passageSentences = new ArrayList<>();
    for (int s = 0; s < sentenceScore.length; s++) {
      if (sentenceScore[s] > 0) {
        passageSentences.add(s);
      }
    }
    passageSentences.sort(Comparator.comparingDouble((Integer s) -> -sentenceScore[s]).thenComparingInt(s -> s));
    return passageSentences.subList(0, Math.min(MAX_PASSAGES, passageSentences.size()));
  }

  /** Each counted match's hits as evidence, its share split between its spans; the rules that fired. */
  private static void collectEvidence(AnalyzedText text, Salience salience, List<Integer> kept, List<Evidence> evidence,
      Set<String> fired) {
    java.util.Map<Integer, String> snippets = new java.util.HashMap<>();
    List<Candidate> counted = salience.counted();
    for (int i = 0; i < counted.size(); i++) {
      Candidate c = counted.get(i);
      fired.add(c.rule().id());
      List<Span> spans = c.match().spans();
      double share = salience.contributions().get(i) / spans.size();
      for (Span span : spans) {
        // A passage-wide rule can take a partner from the next sentence: each hit names its own.
        int passage = kept.indexOf(text.sentenceOf(span.from()));
        evidence.add(evidence(text, c.rule().id(), span, share, passage, snippets));
      }
    }
  }

  private double weight(Candidate c, boolean inBackground) {
    return c.rule().core() && inBackground ? c.rule().weight() * taxonomy.scoring().backgroundFactor()
        : c.rule().weight();
  }

  /**
   * Which accepted matches sit in a background clause: a marker ("amid", "وسط") before one of the
   * match's words in the same sentence, but not opening the sentence (then it frames the whole
   * sentence, whose main clause is the news: "Amid the war, Pyongyang sent troops"); a side clause's
   * opener right after a comma ("Pyongyang, whose troops ...", but not "families whose sons ...",
   * where the clause is what the sentence is about); or a frame wherever it stands, since a frame's
   * sentence has no main clause of news after it ("This comes after Pyongyang sent troops", "يأتي
   * ذلك بعد"). A match with a word past the marker leans on the background clause for it.
   */
  private BitSet background(AnalyzedText text, List<Candidate> accepted) {
    BitSet out = new BitSet(accepted.size());
    if (accepted.isEmpty()) {
      return out;
    }
    Scoring scoring = taxonomy.scoring();
    List<Match> markers = markers(scoring.background(), text);
    List<Match> clauses = markers(scoring.backgroundClause(), text);
    List<Match> frames = markers(scoring.backgroundFrame(), text);
    if (markers.isEmpty() && clauses.isEmpty() && frames.isEmpty()) {
      return out;
    }
    for (int i = 0; i < accepted.size(); i++) {
      Candidate c = accepted.get(i);
      if (opensBackground(text, c, markers, Opener.MARKER) || opensBackground(text, c, clauses, Opener.CLAUSE)
          || opensBackground(text, c, frames, Opener.FRAME)) {
        out.set(i);
      }
    }
    return out;
  }

  /** Where an opener of background counts: a marker not first in its sentence, a clause after a comma, a frame anywhere. */
  private enum Opener { MARKER, CLAUSE, FRAME }

  /** Whether one of the openers stands before the candidate's last word in its sentence, where its kind counts. */
  private static boolean opensBackground(AnalyzedText text, Candidate c, List<Match> found, Opener opener) {
    Span last = lastSpan(c.match());
    AnalyzedText.Sentence sentence = text.sentence(c.sentence());
    for (Match m : found) {
      Span marker = m.key();
      if (marker == null || text.sentenceOf(marker.from()) != c.sentence() || marker.to() >= last.from()) {
        continue;
      }
      boolean counts = switch (opener) {
        case FRAME -> true;
        case CLAUSE -> afterComma(text, marker.from());
        case MARKER -> marker.from() >= sentence.firstToken() + 2 || afterComma(text, marker.from());
      };
      if (counts) {
        return true;
      }
    }
    return false;
  }

  /** The match's span that stands last in the text. */
  private static Span lastSpan(Match match) {
    Span last = match.key();
    for (Span span : match.spans()) {
      if (span.from() > last.from()) {
        last = span;
      }
    }
    return last;
  }

  private static List<Match> markers(Expr expr, AnalyzedText text) {
    return expr == null ? List.of() : expr.evaluate(text);
  }

  /**
   * Whether a comma stands right before the token: a marker there opens a side clause even as the
   * sentence's second word ("Moscow, which has also leaned on North Korean troops, ...").
   */
  private static boolean afterComma(AnalyzedText text, int position) {
    int start = text.token(position).start();
    String field = text.text(text.field(position));
    for (int i = start - 1; i >= 0; i--) {
      char ch = field.charAt(i);
      if (!Character.isWhitespace(ch)) {
        return ch == ',' || ch == '\u060C';
      }
    }
    return false;
  }

  /** For each sentence, the first gate of the topic that holds in it (when without unless), or null. */
  private static Gate[] gatedSentences(TopicDefinition topic, AnalyzedText text) {
    Gate[] gateOf = new Gate[text.sentences().size()];
    for (Gate gate : topic.gates()) {
      List<Match> when = gate.when().evaluate(text);
      if (when.isEmpty()) {
        continue; // its exceptions need no evaluation (they were most of the gates' cost)
      }
      BitSet unless = new BitSet();
      if (gate.unless() != null) {
        for (Match m : gate.unless().evaluate(text)) {
          if (m.key() != null) {
            unless.set(text.sentenceOf(m.key().from()));
          }
        }
      }
      for (Match m : when) {
        if (m.key() == null) {
          continue;
        }
        int s = text.sentenceOf(m.key().from());
        if (gateOf[s] == null && !unless.get(s)) {
          gateOf[s] = gate;
        }
      }
    }
    return gateOf;
  }

  /**
   * Keeps one match per rule per sentence, and never two matches whose key words overlap: heavier
   * rules first (by absolute weight), then text order.
   */
  private static List<Candidate> accept(List<Candidate> candidates, int ruleCount) {
    candidates.sort(Comparator.comparingDouble((Candidate c) -> -Math.abs(c.rule().weight()))
        .thenComparingInt(Candidate::ruleIndex)
        .thenComparing(Candidate::match, Match.TEXT_ORDER));
    Set<Long> ruleInSentence = new HashSet<>();
    List<Span> keys = new ArrayList<>();
    List<Candidate> out = new ArrayList<>();
    for (Candidate c : candidates) {
      long slot = (long) c.sentence() * ruleCount + c.ruleIndex();
      if (ruleInSentence.contains(slot)) {
        continue;
      }
      Span key = c.match().key();
      boolean overlaps = false;
      for (Span k : keys) {
        if (k.overlaps(key)) {
          overlaps = true;
          break;
        }
      }
      if (overlaps) {
        continue;
      }
      ruleInSentence.add(slot);
      keys.add(key);
      out.add(c);
    }
    return out;
  }

  private Severity severity(TopicDefinition topic, double salience, AnalyzedText text, BitSet factSentences,
      List<String> reasons) {
    SeverityPolicy policy = taxonomy.severity();
    Severity level = null;
    for (SeverityRule rule : policy.rules()) {
      if (!rule.appliesTo(topic.id())) {
        continue;
      }
      // A severity reason must be about the topic's own facts: casualties in a sentence about
      // something else do not make a deterrence story HIGH.
      Match first = rule.expr().evaluate(text).stream()
          .filter(m -> m.key() != null && factSentences.get(text.sentenceOf(m.key().from())))
          .min(Match.TEXT_ORDER)
          .orElse(null);
      if (first == null) {
        continue;
      }
      reasons.add(rule.reason() + ": \"" + surface(text, first.key()) + "\"");
      if (level == null || rule.level().ordinal() > level.ordinal()) {
        level = rule.level();
      }
    }
    if (level != null) {
      return level;
    }
    if (salience >= policy.mediumRatio() * topic.threshold()) {
      reasons.add(String.format(Locale.ROOT, "salience %.2f is at least %.1f x threshold %.2f",
          salience, policy.mediumRatio(), topic.threshold()));
      return Severity.MEDIUM;
    }
    reasons.add(String.format(Locale.ROOT, "salience %.2f, threshold %.2f", salience, topic.threshold()));
    return Severity.LOW;
  }

  private static Evidence evidence(AnalyzedText text, String ruleId, Span span, double weight, int passage,
      java.util.Map<Integer, String> snippets) {
    Token first = text.token(span.from());
    Token last = text.token(span.to());
    int field = text.field(span.from());
    String fieldText = text.text(field);
    int s = text.sentenceOf(span.from());
    AnalyzedText.Sentence sentence = text.sentence(s);
    // A short sentence is the snippet of every hit in it: computed once.
    String snippet = sentence.end() - sentence.start() <= SNIPPET
        ? snippets.computeIfAbsent(s, k -> snippet(fieldText, sentence, first.start(), last.end()))
        : snippet(fieldText, sentence, first.start(), last.end());
    return new Evidence(ruleId, span.term(), fieldText.substring(first.start(), last.end()),
        AnalyzedText.fieldName(field), first.start(), last.end(), round(weight), snippet, passage);
  }

  /** The sentence around a hit, cut to about {@value #SNIPPET} characters centred on it. */
  private static String snippet(String fieldText, AnalyzedText.Sentence sentence, int start, int end) {
    int from = sentence.start();
    int to = sentence.end();
    if (to - from > SNIPPET) {
      int centre = (start + end) / 2;
      from = Math.max(sentence.start(), centre - SNIPPET / 2);
      to = Math.min(sentence.end(), from + SNIPPET);
      from = Math.max(sentence.start(), to - SNIPPET);
    }
    String s = oneLine(fieldText, from, to);
    return (from > sentence.start() ? "…" : "") + s + (to < sentence.end() ? "…" : "");
  }

  private static String sentenceText(AnalyzedText text, AnalyzedText.Sentence sentence, int max) {
    String s = oneLine(text.text(sentence.field()), sentence.start(), sentence.end());
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  /**
   * {@code text[from, to)} on one line: every run of ASCII whitespace ({@code \s}) made one space,
   * then stripped. The same as a {@code \s+} regex replace, without a matcher and a copy per
   * passage and hit (they are many per article).
   */
  static String oneLine(String text, int from, int to) {
    // Most sentences are already on one line with single spaces: then the text is a plain substring.
    int i = from;
    boolean inSpace = false;
    for (; i < to; i++) {
      char c = text.charAt(i);
      if (c == ' ') {
        if (inSpace) {
          break;
        }
        inSpace = true;
      } else if (c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
        break;
      } else {
        inSpace = false;
      }
    }
    if (i == to) {
      return text.substring(from, to).strip();
    }
    StringBuilder out = new StringBuilder(to - from);
    out.append(text, from, i);
    for (; i < to; i++) {
      char c = text.charAt(i);
      boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
      if (!space) {
        out.append(c);
      } else if (!inSpace) {
        out.append(' ');
      }
      inSpace = space;
    }
    return out.toString().strip();
  }

  private static String surface(AnalyzedText text, Span span) {
    int field = text.field(span.from());
    return text.text(field).substring(text.token(span.from()).start(), text.token(span.to()).end());
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
