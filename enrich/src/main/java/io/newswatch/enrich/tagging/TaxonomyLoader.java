package io.newswatch.enrich.tagging;

import io.newswatch.enrich.analysis.TextAnalysis;
import io.newswatch.enrich.analysis.TextLanguage;
import io.newswatch.enrich.analysis.Token;
import io.newswatch.schemas.avro.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a taxonomy YAML file, checks it strictly and compiles its rules for every language.
 *
 * <p>Loading is all or nothing: a misspelt key, an unknown vocabulary name, a topic without a core
 * rule or a rule that can never match is an error with file, line and a suggestion, and the
 * taxonomy does not load (a typo must not silently disable a topic). Warnings (an unused vocabulary,
 * a rule with terms in one language only) are logged and the taxonomy loads. {@link #check} returns
 * every diagnostic for rule authors ({@code newswatch taxonomy check FILE}).
 *
 * <p>The format is documented in {@code docs/tagging-policy.md} and in the bundled {@code default.yaml}.
 */
public final class TaxonomyLoader {

  /** The bundled taxonomy, on the classpath. */
  public static final String DEFAULT_RESOURCE = "/taxonomy/default.yaml";

  /** The language key whose terms apply to every language (names, acronyms such as DMZ or B-52). */
  public static final String COMMON = "common";

  private static final Logger LOG = LoggerFactory.getLogger(TaxonomyLoader.class);

  private static final Set<String> ROOT_KEYS =
      Set.of("version", "scoring", "vocabulary", "topics", "severity", "entities");
  private static final Pattern TOPIC_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
  private static final Pattern ENTITY_ID = Pattern.compile("[a-z][a-z0-9]*\\.[a-z0-9][a-z0-9_-]*");
  private static final Set<String> SCORING_KEYS = Set.of("ledeTokens", "ledeBonus", "sentenceCap", "background", "backgroundFactor",
      "backgroundClause", "backgroundFrame", "passingMentionSentences");
  private static final Set<String> TOPIC_KEYS =
      Set.of("id", "description", "threshold", "passageThreshold", "gates", "rules");
  private static final Set<String> GATE_KEYS = Set.of("id", "description", "when", "unless", "blocks");
  private static final Set<String> EXPR_KEYS =
      Set.of("terms", "vocab", "regex", "near", "sentence", "passage", "all", "any", "not");
  private static final Set<String> RULE_KEYS = Set.of("id", "kind", "weight", "description", "exclude");
  private static final Set<String> SEVERITY_KEYS = Set.of("mediumRatio", "rules");
  private static final Set<String> SEVERITY_RULE_KEYS = Set.of("id", "level", "reason", "topics", "exclude");
  private static final Set<String> NEAR_KEYS = Set.of("within", "of");
  /** Keys of the earlier format, with what replaces them. */
  private static final Map<String, String> RETIRED = Map.of(
      "required", "'required' is no longer supported: it zeroed a whole topic when one condition failed; "
          + "put the condition into the rules (sentence: [...]) or write a gate",
      "titleBoost", "'titleBoost' is no longer supported: the lede (scoring.ledeTokens, scoring.ledeBonus) "
          + "replaces it, so a page without a headline scores the same",
      "maxHits", "'maxHits' is no longer supported: a rule repeating across sentences counts with "
          + "diminishing returns instead of a cap");
  private static final int MAX_WITHIN = 100;

  private final String source;
  private final List<TaxonomyDiagnostic> diagnostics = new ArrayList<>();
  private final Map<TextLanguage, Lexicon> lexicons = new EnumMap<>(TextLanguage.class);
  private final Map<String, TermsExpr> vocabulary = new LinkedHashMap<>();
  private final Map<String, Node> vocabularyNodes = new HashMap<>();
  private final Set<String> usedVocabulary = new HashSet<>();

  /** What a check found: the taxonomy when it has no error, and every diagnostic. */
  public record CheckResult(Taxonomy taxonomy, List<TaxonomyDiagnostic> diagnostics) {
    public CheckResult {
      diagnostics = List.copyOf(diagnostics);
    }

    public boolean ok() {
      return taxonomy != null;
    }

    public List<TaxonomyDiagnostic> errors() {
      return diagnostics.stream().filter(TaxonomyDiagnostic::isError).toList();
    }
  }

  private TaxonomyLoader(String source) {
    this.source = source;
    for (TextLanguage language : TextLanguage.values()) {
      lexicons.put(language, new Lexicon(language));
    }
  }

  /** Loads the bundled default taxonomy; a broken bundle is a build defect. */
  public static Taxonomy loadDefault() {
    try (InputStream in = TaxonomyLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the classpath; rebuild newswatch-enrich");
      }
      return orThrow(check(in, DEFAULT_RESOURCE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
    }
  }

  /** Loads a taxonomy file, or the default when {@code file} is null. */
  public static Taxonomy loadOrDefault(Path file) {
    return file == null ? loadDefault() : load(file);
  }

  /**
   * Loads a taxonomy file.
   *
   * @throws TaxonomyException when the file has any error (each with line and suggestion)
   * @throws UncheckedIOException when the file cannot be read
   */
  public static Taxonomy load(Path file) {
    return orThrow(check(file));
  }

  /** Checks a taxonomy file: every diagnostic, and the taxonomy when there is no error. */
  public static CheckResult check(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return check(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read taxonomy file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Checks a taxonomy from a stream; {@code source} names it in diagnostics. */
  public static CheckResult check(InputStream in, String source) {
    TaxonomyLoader loader = new TaxonomyLoader(source);
    Taxonomy taxonomy = loader.read(in);
    boolean failed = loader.diagnostics.stream().anyMatch(TaxonomyDiagnostic::isError);
    return new CheckResult(failed ? null : taxonomy, loader.diagnostics);
  }

  private static Taxonomy orThrow(CheckResult result) {
    if (!result.ok()) {
      throw new TaxonomyException(result.diagnostics());
    }
    for (TaxonomyDiagnostic d : result.diagnostics()) {
      LOG.warn("{}", d);
    }
    Taxonomy t = result.taxonomy();
    LOG.info("loaded taxonomy version {}: topics {}", t.version(), t.topicIds());
    return t;
  }

  // ---------------------------------------------------------------- reading

  private Taxonomy read(InputStream in) {
    Node root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(true); // reported below with both lines, clearer than SnakeYAML's message
      options.setMaxAliasesForCollections(20);
      root = new Yaml(new SafeConstructor(options)).compose(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark();
      error(mark, "", "is not valid YAML: " + e.getProblem(), null);
      return null;
    } catch (RuntimeException e) {
      error((Mark) null, "", "is not valid YAML: " + e.getMessage(), null);
      return null;
    }
    if (!(root instanceof MappingNode map)) {
      error(root, "", "must be a YAML mapping with 'version', 'vocabulary', 'topics' and 'severity'", null);
      return null;
    }
    Map<String, Node> fields = fields(map, "", ROOT_KEYS);
    String version = scalar(fields.get("version"), "version");
    if (version == null || version.isBlank()) {
      error(map, "version", "is missing; add e.g. version: \"2026.12-1\" (it is stamped on every tag)", null);
      version = "unversioned";
    }
    readVocabulary(fields.get("vocabulary"));
    Scoring scoring = readScoring(fields.get("scoring"));
    List<TopicDefinition> topics = new ArrayList<>();
    Node topicsNode = fields.get("topics");
    if (!(topicsNode instanceof SequenceNode topicList) || topicList.getValue().isEmpty()) {
      error(topicsNode == null ? map : topicsNode, "topics", "needs a non-empty list of topics", null);
    } else {
      Set<String> ids = new HashSet<>();
      for (Node node : topicList.getValue()) {
        TopicDefinition topic = readTopic(node);
        if (topic != null && !ids.add(topic.id())) {
          error(node, "topics[" + topic.id() + "]", "is defined twice", null);
        } else if (topic != null) {
          topics.add(topic);
        }
      }
    }
    Set<String> topicIds = new LinkedHashSet<>();
    topics.forEach(t -> topicIds.add(t.id()));
    SeverityPolicy severity = readSeverity(fields.get("severity"), topicIds);
    List<EntityDefinition> entities = readEntities(fields.get("entities"));
    for (String name : vocabulary.keySet()) {
      if (!usedVocabulary.contains(name)) {
        warning(vocabularyNodes.get(name), "vocabulary." + name, "is never used", null);
      }
    }
    diagnostics.sort(java.util.Comparator.comparingInt(TaxonomyDiagnostic::line));
    return new Taxonomy(version, scoring, lexicons, topics, severity == null ? new SeverityPolicy(2, List.of()) : severity,
        entities);
  }

  private Scoring readScoring(Node node) {
    if (node == null) {
      return Scoring.DEFAULT;
    }
    Map<String, Node> fields = fields(node, "scoring", SCORING_KEYS);
    int ledeTokens = count(fields.get("ledeTokens"), "scoring.ledeTokens", Scoring.DEFAULT.ledeTokens());
    double ledeBonus = number(fields.get("ledeBonus"), "scoring.ledeBonus", Scoring.DEFAULT.ledeBonus());
    Expr background = scoringMarkers(fields.get("background"), "scoring.background");
    // Side clauses are vocabulary names, or a condition (a vocabulary with exclusions: "علاوة على ذلك").
    Expr clause = scoringMarkers(fields.get("backgroundClause"), "scoring.backgroundClause");
    // Frames are vocabulary names, or a condition where a frame's words stand apart ("وتأتي المحادثات بعد").
    Expr frame = scoringMarkers(fields.get("backgroundFrame"), "scoring.backgroundFrame");
    double factor = number(fields.get("backgroundFactor"), "scoring.backgroundFactor",
        background == null && clause == null && frame == null ? 1.0 : 0.5);
    try {
      double cap = number(fields.get("sentenceCap"), "scoring.sentenceCap", Scoring.DEFAULT.sentenceCap());
      int passing = count(fields.get("passingMentionSentences"), "scoring.passingMentionSentences",
          Scoring.DEFAULT.passingMentionSentences());
      return new Scoring(ledeTokens, ledeBonus, cap, background, clause, frame, factor, passing);
    } catch (IllegalArgumentException e) {
      error(node, "scoring", e.getMessage(), null);
      return Scoring.DEFAULT;
    }
  }

  /** A scoring marker: vocabulary names, or a condition (a mapping, read as a rule's condition). */
  private Expr scoringMarkers(Node node, String where) {
    return node == null ? null
        : node instanceof MappingNode ? readExpr(node, where, null)
        : readVocab(node, null, where, "scoring");
  }

  /** Named term lists that rules reuse with {@code vocab: name}, compiled once. */
  private void readVocabulary(Node node) {
    if (node == null) {
      return;
    }
    if (!(node instanceof MappingNode map)) {
      error(node, "vocabulary", "must map names to term lists per language", null);
      return;
    }
    for (NodeTuple tuple : map.getValue()) {
      String name = keyOf(tuple);
      if (vocabulary.containsKey(name)) {
        error(tuple.getKeyNode(), "vocabulary." + name, "is defined twice (first at line "
            + line(vocabularyNodes.get(name)) + ")", null);
        continue;
      }
      Map<TextLanguage, List<Phrase>> phrases = readPhrases(tuple.getValueNode(), "vocabulary." + name);
      if (phrases != null) {
        vocabulary.put(name, new TermsExpr(phrases, Map.of()));
        vocabularyNodes.put(name, tuple.getKeyNode());
      }
    }
  }

  private TopicDefinition readTopic(Node node) {
    if (!(node instanceof MappingNode)) {
      error(node, "topics", "each topic must be a mapping with id, threshold, passageThreshold and rules", null);
      return null;
    }
    String id = peekId(node);
    if (id == null || id.isBlank()) {
      error(node, "topics[?]", "has no 'id'", null);
      return null;
    }
    String path = "topics[" + id + "]";
    if (!TOPIC_ID.matcher(id).matches()) {
      // Subscriptions name topics in comma-separated lists, alerts and metrics carry them as tags.
      error(node, path + ".id", "must be letters, digits, '_' or '-' (it is named in subscriptions' --topics lists,"
          + " alert fields and metric tags), got '" + id + "'", null);
    }
    Map<String, Node> fields = fields(node, path, TOPIC_KEYS);
    double threshold = number(fields.get("threshold"), path + ".threshold", Double.NaN);
    double passageThreshold = number(fields.get("passageThreshold"), path + ".passageThreshold", Double.NaN);
    if (!(threshold > 0)) {
      error(fields.getOrDefault("threshold", node), path + ".threshold",
          "needs a positive number: the salience at which the topic is the article's subject", null);
    }
    if (!(passageThreshold > 0)) {
      error(fields.getOrDefault("passageThreshold", node), path + ".passageThreshold",
          "needs a positive number: what one sentence must score to report a fact of the topic", null);
    }
    List<Rule> rules = new ArrayList<>();
    Map<String, Node> ruleNodes = new LinkedHashMap<>();
    Node rulesNode = fields.get("rules");
    if (rulesNode instanceof SequenceNode list) {
      for (Node ruleNode : list.getValue()) {
        Rule rule = readRule(id, ruleNode, ruleNodes);
        if (rule != null) {
          rules.add(rule);
        }
      }
    } else if (rulesNode != null) {
      error(rulesNode, path + ".rules", "must be a list of rules", null);
    }
    if (rulesNode == null || ruleNodes.isEmpty()) {
      error(node, path, "is empty: it has no rules, so it could never tag", null);
    } else if (rules.stream().noneMatch(Rule::core) && diagnostics.stream().noneMatch(d -> d.path().startsWith(path))) {
      error(node, path, "has no core rule: context rules alone never tag; mark a fact rule 'kind: core'", null);
    }
    List<Gate> gates = new ArrayList<>();
    Node gatesNode = fields.get("gates");
    if (gatesNode instanceof SequenceNode list) {
      for (Node gateNode : list.getValue()) {
        Gate gate = readGate(id, gateNode, ruleNodes.keySet());
        if (gate != null) {
          gates.add(gate);
        }
      }
    } else if (gatesNode != null) {
      error(gatesNode, path + ".gates", "must be a list of gates", null);
    }
    if (!(threshold > 0) || !(passageThreshold > 0)) {
      return null;
    }
    String description = scalar(fields.get("description"), path + ".description");
    return new TopicDefinition(id, description == null ? "" : description.strip(), threshold, passageThreshold,
        gates, rules);
  }

  private Rule readRule(String topic, Node node, Map<String, Node> seen) {
    String path = "topics[" + topic + "].rules";
    if (!(node instanceof MappingNode)) {
      error(node, path, "each rule must be a mapping with id, weight and a condition", null);
      return null;
    }
    String id = peekId(node);
    if (id == null || id.isBlank()) {
      error(node, path, "a rule has no 'id'", null);
      return null;
    }
    path = path + "[" + id + "]";
    Map<String, Node> fields = fields(node, path, union(RULE_KEYS, EXPR_KEYS));
    if (seen.containsKey(id)) {
      error(node, path, "is defined twice in the topic (first at line " + line(seen.get(id)) + ")", null);
      return null;
    }
    seen.put(id, node);
    Rule.Kind kind = Rule.Kind.CORE;
    String kindText = scalar(fields.get("kind"), path + ".kind");
    if (kindText != null) {
      try {
        kind = Rule.Kind.valueOf(kindText.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        error(fields.get("kind"), path + ".kind", "is '" + kindText + "'; use core or context",
            suggest(kindText, List.of("core", "context")));
        return null;
      }
    }
    Node weightNode = fields.get("weight");
    double weight = number(weightNode, path + ".weight", Double.NaN);
    if (weightNode == null) {
      error(node, path, "needs a numeric 'weight'", null);
      return null;
    }
    Expr expr = readExpr(node, path, fields);
    if (expr == null || Double.isNaN(weight)) {
      return null;
    }
    if (!expr.positive()) {
      error(node, path, "must match some text; a rule made only of 'not' cannot score", null);
      return null;
    }
    if (!reachableSomewhere(expr, node, path)) {
      return null;
    }
    try {
      return new Rule(topic + "." + id, kind, weight, expr);
    } catch (IllegalArgumentException e) {
      error(weightNode, path + ".weight", e.getMessage(), null);
      return null;
    }
  }

  private boolean reachableSomewhere(Expr expr, Node node, String path) {
    List<String> languages = new ArrayList<>();
    for (TextLanguage language : TextLanguage.values()) {
      if (expr.reachable(language)) {
        languages.add(language.code());
      }
    }
    if (languages.isEmpty()) {
      error(node, path, "can never match: one of its conditions has no terms in any language", null);
      return false;
    }
    if (languages.size() < TextLanguage.values().length) {
      warning(node, path, "can only match " + String.join(", ", languages) + " articles; add terms for the "
          + "other languages (or under 'common') so both languages are covered alike", null);
    }
    return true;
  }

  private Gate readGate(String topic, Node node, Collection<String> ruleIds) {
    String path = "topics[" + topic + "].gates";
    if (!(node instanceof MappingNode)) {
      error(node, path, "each gate must be a mapping with id and when", null);
      return null;
    }
    String id = peekId(node);
    if (id == null || id.isBlank()) {
      error(node, path, "a gate has no 'id'", null);
      return null;
    }
    path = path + "[" + id + "]";
    Map<String, Node> fields = fields(node, path, GATE_KEYS);
    Node whenNode = fields.get("when");
    if (whenNode == null) {
      error(node, path, "needs 'when': the condition that makes a sentence not count", null);
      return null;
    }
    Expr when = readExpr(whenNode, path + ".when", null);
    Expr unless = fields.containsKey("unless") ? readExpr(fields.get("unless"), path + ".unless", null) : null;
    Set<String> blocks = new LinkedHashSet<>();
    Node blocksNode = fields.get("blocks");
    if (blocksNode != null) {
      for (String rule : strings(blocksNode, path + ".blocks")) {
        if (!ruleIds.contains(rule)) {
          error(blocksNode, path + ".blocks", "names unknown rule '" + rule + "'", suggest(rule, ruleIds));
        } else {
          blocks.add(topic + "." + rule);
        }
      }
    }
    if (when == null || (fields.containsKey("unless") && unless == null)) {
      return null;
    }
    return new Gate(id, when, unless, blocks);
  }

  /** The entity table: {@code kind.name: {ar: [...], en: [...], common: [...]}}. */
  private List<EntityDefinition> readEntities(Node node) {
    List<EntityDefinition> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    if (!(node instanceof MappingNode map)) {
      error(node, "entities", "must map entity ids (kind.name) to term lists per language", null);
      return out;
    }
    Set<String> ids = new HashSet<>();
    for (NodeTuple tuple : map.getValue()) {
      String id = keyOf(tuple);
      String path = "entities." + id;
      if (!ENTITY_ID.matcher(id).matches()) {
        error(tuple.getKeyNode(), path, "is not an entity id; write kind.name in lower case, e.g. place.kursk", null);
        continue;
      }
      if (!ids.add(id)) {
        error(tuple.getKeyNode(), path, "is defined twice", null);
        continue;
      }
      Map<TextLanguage, List<Phrase>> phrases = readPhrases(tuple.getValueNode(), path);
      if (phrases != null) {
        TermsExpr terms = new TermsExpr(phrases, Map.of());
        out.add(new EntityDefinition(id, terms));
        if (!terms.reachable(TextLanguage.AR) || !terms.reachable(TextLanguage.EN)) {
          warning(tuple.getKeyNode(), path, "has spellings in one language only: the other language's reports of it "
              + "will not meet it", null);
        }
      }
    }
    return out;
  }

  private SeverityPolicy readSeverity(Node node, Set<String> topicIds) {
    if (node == null) {
      return new SeverityPolicy(2.0, List.of());
    }
    Map<String, Node> fields = fields(node, "severity", SEVERITY_KEYS);
    double ratio = number(fields.get("mediumRatio"), "severity.mediumRatio", 2.0);
    if (!(ratio >= 1)) {
      error(fields.get("mediumRatio"), "severity.mediumRatio", "must be >= 1, got " + ratio, null);
      ratio = 2.0;
    }
    List<SeverityRule> rules = new ArrayList<>();
    Node rulesNode = fields.get("rules");
    if (rulesNode instanceof SequenceNode list) {
      for (Node ruleNode : list.getValue()) {
        SeverityRule rule = readSeverityRule(ruleNode, topicIds);
        if (rule != null) {
          rules.add(rule);
        }
      }
    } else if (rulesNode != null) {
      error(rulesNode, "severity.rules", "must be a list", null);
    }
    return new SeverityPolicy(ratio, rules);
  }

  private SeverityRule readSeverityRule(Node node, Set<String> topicIds) {
    String id = peekId(node);
    String path = "severity.rules[" + (id == null ? "?" : id) + "]";
    Map<String, Node> fields = fields(node, path, union(SEVERITY_RULE_KEYS, EXPR_KEYS));
    if (id == null || id.isBlank()) {
      error(node, path, "has no 'id'", null);
      return null;
    }
    String levelText = scalar(fields.get("level"), path + ".level");
    Severity level = null;
    List<String> levels = List.of("LOW", "MEDIUM", "HIGH", "CRITICAL");
    if (levelText == null || !levels.contains(levelText.strip().toUpperCase(Locale.ROOT))) {
      error(fields.getOrDefault("level", node), path + ".level", "is '" + levelText + "'; use LOW, MEDIUM, HIGH or CRITICAL",
          levelText == null ? null : suggest(levelText.toUpperCase(Locale.ROOT), levels));
    } else {
      level = Severity.valueOf(levelText.strip().toUpperCase(Locale.ROOT));
    }
    String reason = scalar(fields.get("reason"), path + ".reason");
    if (reason == null || reason.isBlank()) {
      error(node, path, "needs a 'reason', shown to readers of the alert", null);
    }
    Set<String> topics = new LinkedHashSet<>();
    if (fields.containsKey("topics")) {
      for (String t : strings(fields.get("topics"), path + ".topics")) {
        if (!topicIds.contains(t)) {
          error(fields.get("topics"), path + ".topics", "names unknown topic '" + t + "'", suggest(t, topicIds));
        }
        topics.add(t);
      }
    }
    Expr expr = readExpr(node, path, fields);
    if (expr == null || level == null || reason == null || reason.isBlank()) {
      return null;
    }
    if (!expr.positive()) {
      error(node, path, "must match some text; a rule made only of 'not' cannot give a reason", null);
      return null;
    }
    return new SeverityRule("severity." + id, level, reason.strip(), topics, expr);
  }

  // ---------------------------------------------------------------- conditions

  /**
   * Reads the one condition of a mapping. {@code fields} are its already checked keys (a rule or a
   * severity rule); null reads {@code node} as a bare condition.
   */
  private Expr readExpr(Node node, String path, Map<String, Node> fields) {
    if (!(node instanceof MappingNode)) {
      error(node, path, "a condition must be a mapping with one of " + new TreeSet<>(EXPR_KEYS), null);
      return null;
    }
    if (fields == null) {
      fields = fields(node, path, union(EXPR_KEYS, Set.of("exclude")));
    }
    String key = null;
    for (String k : fields.keySet()) {
      if (EXPR_KEYS.contains(k)) {
        if (key != null) {
          error(fields.get(k), path, "has both '" + key + "' and '" + k + "'; wrap them in 'all', 'any' or 'sentence'",
              null);
          return null;
        }
        key = k;
      }
    }
    if (key == null) {
      error(node, path, "has no condition; add one of " + new TreeSet<>(EXPR_KEYS), null);
      return null;
    }
    Node value = fields.get(key);
    Node exclude = fields.get("exclude");
    if (exclude != null && !key.equals("terms") && !key.equals("vocab")) {
      error(exclude, path + ".exclude", "only applies to 'terms' and 'vocab'", null);
      return null;
    }
    String at = path + "." + key;
    return switch (key) {
      case "terms" -> {
        Map<TextLanguage, List<Phrase>> phrases = readPhrases(value, at);
        Map<TextLanguage, List<Phrase>> excluded = exclude == null ? Map.of() : readExclusions(exclude, path + ".exclude");
        yield phrases == null || excluded == null ? null : new TermsExpr(phrases, excluded);
      }
      case "vocab" -> readVocab(value, exclude, at, path);
      case "regex" -> readRegex(value, at);
      case "near" -> readNear(value, at);
      case "sentence" -> readCooccur(value, at, CooccurExpr.Scope.SENTENCE, 0);
      case "passage" -> readCooccur(value, at, CooccurExpr.Scope.PASSAGE, 0);
      case "all" -> {
        List<Expr> children = readChildren(value, at, false);
        yield children == null ? null : new AllExpr(children);
      }
      case "any" -> {
        List<Expr> children = readChildren(value, at, false);
        yield children == null ? null : new AnyExpr(children);
      }
      case "not" -> {
        Expr child = readExpr(value, at, null);
        yield child == null ? null : new NotExpr(child);
      }
      default -> throw new IllegalStateException("unhandled condition key " + key);
    };
  }

  private Expr readVocab(Node value, Node exclude, String at, String path) {
    List<String> names = strings(value, at);
    List<Expr> parts = new ArrayList<>();
    for (String name : names) {
      TermsExpr terms = vocabulary.get(name);
      if (terms == null) {
        error(value, at, "uses vocabulary '" + name + "', which is not defined", suggest(name, vocabulary.keySet()));
        continue;
      }
      usedVocabulary.add(name);
      parts.add(terms);
    }
    if (parts.size() != names.size() || parts.isEmpty()) {
      return null;
    }
    if (exclude != null) {
      Map<TextLanguage, List<Phrase>> excluded = readExclusions(exclude, path + ".exclude");
      if (excluded == null) {
        return null;
      }
      parts.replaceAll(p -> ((TermsExpr) p).excluding(excluded));
    }
    return parts.size() == 1 ? parts.getFirst() : new AnyExpr(parts);
  }

  /** An {@code exclude}: per-language phrases, or {@code {vocab: name}} to exclude a vocabulary's terms. */
  private Map<TextLanguage, List<Phrase>> readExclusions(Node node, String path) {
    if (node instanceof MappingNode map && map.getValue().size() == 1 && "vocab".equals(keyOf(map.getValue().getFirst()))) {
      Node value = map.getValue().getFirst().getValueNode();
      Map<TextLanguage, List<Phrase>> out = new EnumMap<>(TextLanguage.class);
      for (String name : strings(value, path + ".vocab")) {
        TermsExpr terms = vocabulary.get(name);
        if (terms == null) {
          error(value, path + ".vocab", "uses vocabulary '" + name + "', which is not defined",
              suggest(name, vocabulary.keySet()));
          return null;
        }
        usedVocabulary.add(name);
        terms.phrases().forEach((lang, list) -> out.computeIfAbsent(lang, l -> new ArrayList<>()).addAll(list));
      }
      return out;
    }
    return readPhrases(node, path);
  }

  private Expr readNear(Node node, String path) {
    if (!(node instanceof MappingNode)) {
      error(node, path, "needs 'within: N' and 'of: [condition, condition, ...]'", null);
      return null;
    }
    Map<String, Node> fields = fields(node, path, NEAR_KEYS);
    double within = number(fields.get("within"), path + ".within", -1);
    if (within < 0 || within > MAX_WITHIN || within != Math.rint(within)) {
      error(fields.getOrDefault("within", node), path + ".within", "must be a word count from 0 to " + MAX_WITHIN, null);
      return null;
    }
    return readCooccur(fields.get("of"), path + ".of", CooccurExpr.Scope.WORDS, (int) within);
  }

  private Expr readCooccur(Node node, String path, CooccurExpr.Scope scope, int words) {
    List<Expr> children = readChildren(node, path, true);
    if (children == null) {
      return null;
    }
    List<Expr> positive = new ArrayList<>();
    List<Expr> negated = new ArrayList<>();
    for (Expr child : children) {
      if (child instanceof NotExpr not) {
        negated.add(not.child());
      } else {
        positive.add(child);
      }
    }
    if (positive.isEmpty()) {
      error(node, path, "needs at least one condition that matches text besides the 'not's", null);
      return null;
    }
    if (positive.size() + negated.size() < 2) {
      error(node, path, "needs at least two conditions", null);
      return null;
    }
    return new CooccurExpr(scope, words, positive, negated);
  }

  private List<Expr> readChildren(Node node, String path, boolean allowNot) {
    if (!(node instanceof SequenceNode list) || list.getValue().isEmpty()) {
      error(node, path, "needs a non-empty list of conditions", null);
      return null;
    }
    List<Expr> out = new ArrayList<>();
    boolean failed = false;
    int i = 0;
    for (Node child : list.getValue()) {
      Expr expr = readExpr(child, path + "[" + i++ + "]", null);
      if (expr == null) {
        failed = true;
      } else {
        out.add(expr);
      }
    }
    return failed ? null : out;
  }

  /** Per-language term lists, each term analyzed by its language's surface analyzer. */
  private Map<TextLanguage, List<Phrase>> readPhrases(Node node, String path) {
    Map<String, List<Node>> raw = readLanguageMap(node, path);
    if (raw == null) {
      return null;
    }
    Map<TextLanguage, List<Phrase>> out = new EnumMap<>(TextLanguage.class);
    boolean failed = false;
    for (TextLanguage language : TextLanguage.values()) {
      Map<String, Phrase> phrases = new LinkedHashMap<>();
      for (String lang : List.of(language.code(), COMMON)) {
        for (Node term : raw.getOrDefault(lang, List.of())) {
          String text = ((ScalarNode) term).getValue().strip();
          Phrase phrase = compile(text, language, term, path + "." + lang);
          if (phrase == null) {
            failed = true;
          } else {
            phrases.putIfAbsent(text, phrase);
          }
        }
      }
      out.put(language, List.copyOf(phrases.values()));
    }
    return failed ? null : out;
  }

  private Phrase compile(String term, TextLanguage language, Node node, String path) {
    boolean prefix = term.endsWith("*");
    String words = prefix ? term.substring(0, term.length() - 1) : term;
    if (words.contains("*")) {
      error(node, path, "term '" + term + "' has '*' inside; only a trailing '*' (prefix) is allowed", null);
      return null;
    }
    List<String> terms = TextAnalysis.surfaceTokens(words, language).stream().map(Token::term).toList();
    if (terms.isEmpty()) {
      error(node, path, "term '" + term + "' has no words after analysis", null);
      return null;
    }
    Lexicon lexicon = lexicons.get(language);
    int[] ids = new int[terms.size()];
    for (int i = 0; i < terms.size(); i++) {
      boolean last = i == terms.size() - 1;
      if (prefix && last) {
        if (terms.get(i).length() < Lexicon.MIN_PREFIX) {
          error(node, path, "prefix term '" + term + "' is too short; it would match almost anything", null);
          return null;
        }
        ids[i] = lexicon.prefix(terms.get(i));
      } else {
        ids[i] = lexicon.word(terms.get(i));
      }
    }
    return new Phrase(term, ids);
  }

  private Expr readRegex(Node node, String path) {
    Map<String, List<Node>> raw = readLanguageMap(node, path);
    if (raw == null) {
      return null;
    }
    Map<TextLanguage, List<Pattern>> out = new EnumMap<>(TextLanguage.class);
    boolean failed = false;
    for (TextLanguage language : TextLanguage.values()) {
      List<Pattern> patterns = new ArrayList<>();
      for (String lang : List.of(language.code(), COMMON)) {
        for (Node regexNode : raw.getOrDefault(lang, List.of())) {
          String regex = ((ScalarNode) regexNode).getValue();
          try {
            patterns.add(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
          } catch (PatternSyntaxException e) {
            error(regexNode, path, "regex '" + regex + "' is invalid: " + e.getDescription(), null);
            failed = true;
          }
        }
      }
      out.put(language, patterns);
    }
    return failed ? null : new RegexExpr(out);
  }

  /** {ar: [...], en: [...], common: [...]}, every term a non-empty scalar. */
  private Map<String, List<Node>> readLanguageMap(Node node, String path) {
    if (!(node instanceof MappingNode map) || map.getValue().isEmpty()) {
      error(node, path, "must map languages (ar, en, " + COMMON + ") to lists of terms", null);
      return null;
    }
    Map<String, List<Node>> out = new HashMap<>();
    boolean failed = false;
    for (NodeTuple tuple : map.getValue()) {
      String lang = keyOf(tuple);
      if (!lang.equals(COMMON) && TextLanguage.ofCode(lang) == null) {
        List<String> known = new ArrayList<>();
        for (TextLanguage l : TextLanguage.values()) {
          known.add(l.code());
        }
        known.add(COMMON);
        error(tuple.getKeyNode(), path, "has unknown language '" + lang + "'", suggest(lang, known));
        failed = true;
        continue;
      }
      if (out.containsKey(lang)) {
        error(tuple.getKeyNode(), path + "." + lang, "is given twice", null);
        failed = true;
        continue;
      }
      Node value = tuple.getValueNode();
      List<Node> items = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
      List<Node> terms = new ArrayList<>();
      for (Node item : items) {
        if (!(item instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
          error(item, path + "." + lang, "has an empty or non-text term", null);
          failed = true;
        } else {
          terms.add(item);
        }
      }
      out.put(lang, terms);
    }
    return failed ? null : out;
  }

  // ---------------------------------------------------------------- YAML helpers

  /** The keys of a mapping; unknown ones are errors with a suggestion, retired ones say what replaced them. */
  private Map<String, Node> fields(Node node, String path, Set<String> allowed) {
    Map<String, Node> out = new LinkedHashMap<>();
    if (!(node instanceof MappingNode map)) {
      error(node, path, "must be a mapping", null);
      return out;
    }
    Map<String, Node> keyNodes = new HashMap<>();
    for (NodeTuple tuple : map.getValue()) {
      String key = keyOf(tuple);
      if (keyNodes.containsKey(key)) {
        error(tuple.getKeyNode(), path, "has key '" + key + "' twice (first at line " + line(keyNodes.get(key)) + ")",
            null);
        continue;
      }
      keyNodes.put(key, tuple.getKeyNode());
      if (allowed.contains(key)) {
        out.put(key, tuple.getValueNode());
      } else if (RETIRED.containsKey(key)) {
        error(tuple.getKeyNode(), path, RETIRED.get(key), null);
      } else {
        error(tuple.getKeyNode(), path, "has unknown key '" + key + "'", suggest(key, allowed));
      }
    }
    return out;
  }

  /** The scalar under 'id' of a mapping, read before its keys are checked so messages can name it. */
  private static String peekId(Node node) {
    if (node instanceof MappingNode map) {
      for (NodeTuple tuple : map.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals("id")
            && tuple.getValueNode() instanceof ScalarNode v) {
          return v.getValue().strip();
        }
      }
    }
    return null;
  }

  private String keyOf(NodeTuple tuple) {
    return tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(tuple.getKeyNode());
  }

  private String scalar(Node node, String path) {
    if (node == null) {
      return null;
    }
    if (node instanceof ScalarNode s) {
      return s.getValue();
    }
    error(node, path, "must be a single value", null);
    return null;
  }

  private double number(Node node, String path, double fallback) {
    String text = scalar(node, path);
    if (text == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      error(node, path, "must be a number, got '" + text + "'", null);
      return Double.NaN;
    }
  }

  /** A whole number (a count of tokens or sentences): 20.5 is an error, not 20. */
  private int count(Node node, String path, int fallback) {
    double value = number(node, path, fallback);
    if (Double.isNaN(value)) {
      return fallback;
    }
    if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
      error(node, path, "must be a whole number, got '" + scalar(node, path) + "'", null);
      return fallback;
    }
    return (int) value;
  }

  private List<String> strings(Node node, String path) {
    List<String> out = new ArrayList<>();
    if (node instanceof ScalarNode s) {
      out.add(s.getValue().strip());
    } else if (node instanceof SequenceNode seq) {
      for (Node item : seq.getValue()) {
        String value = scalar(item, path);
        if (value != null) {
          out.add(value.strip());
        }
      }
    } else {
      error(node, path, "must be a name or a list of names", null);
    }
    return out;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new HashSet<>(a);
    out.addAll(b);
    return out;
  }

  /** "did you mean 'x'?" for the closest candidate within a few edits, or null. */
  static String suggest(String given, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(given.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    if (best == null || bestDistance > Math.max(2, given.length() / 3)) {
      return candidates.isEmpty() ? null : "expected one of " + new TreeSet<>(candidates);
    }
    return "did you mean '" + best + "'?";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static int line(Node node) {
    return node == null ? 0 : node.getStartMark().getLine() + 1;
  }

  private void error(Node node, String path, String message, String suggestion) {
    error(node == null ? null : node.getStartMark(), path, message, suggestion);
  }

  private void error(Mark mark, String path, String message, String suggestion) {
    add(TaxonomyDiagnostic.Level.ERROR, mark, path, message, suggestion);
  }

  private void warning(Node node, String path, String message, String suggestion) {
    add(TaxonomyDiagnostic.Level.WARNING, node == null ? null : node.getStartMark(), path, message, suggestion);
  }

  private void add(TaxonomyDiagnostic.Level level, Mark mark, String path, String message, String suggestion) {
    diagnostics.add(new TaxonomyDiagnostic(level, source, mark == null ? 0 : mark.getLine() + 1,
        mark == null ? 0 : mark.getColumn() + 1, path, message, suggestion));
  }
}
