package io.newswatch.enrich.tagging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.newswatch.enrich.analysis.TextAnalysis;
import io.newswatch.enrich.analysis.TextLanguage;
import io.newswatch.enrich.analysis.Token;
import io.newswatch.schemas.avro.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
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

/**
 * Reads a taxonomy YAML file, validates it and compiles its rules for every language.
 *
 * <p>A bad rule (unknown language, empty term, bad regex, unknown key...) is reported as a {@link
 * RuleError}, logged at WARN and skipped; the rest of the taxonomy loads. A topic with a bad
 * requirement, or with no valid rule left, is skipped as a whole, because a looser topic would
 * produce false alerts. Only unreadable YAML is fatal.
 */
public final class TaxonomyLoader {

  /** The bundled taxonomy, on the classpath. */
  public static final String DEFAULT_RESOURCE = "/taxonomy/default.yaml";

  /** The language key whose terms apply to every language (names, acronyms such as DMZ or B-52). */
  public static final String COMMON = "common";

  private static final Logger LOG = LoggerFactory.getLogger(TaxonomyLoader.class);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> EXPR_KEYS = Set.of("terms", "vocab", "regex", "near", "all", "any", "not");
  private static final Set<String> RULE_KEYS = Set.of("id", "weight", "maxHits", "description");
  private static final Set<String> REQUIREMENT_KEYS = Set.of("id", "description");
  private static final Set<String> SEVERITY_KEYS = Set.of("id", "level", "reason", "topics");
  private static final int DEFAULT_MAX_HITS = 3;
  private static final int MAX_WITHIN = 100;

  /** The outcome of a load: the usable taxonomy and what was wrong with the rest. */
  public record LoadResult(Taxonomy taxonomy, List<RuleError> errors) {
    public LoadResult {
      errors = List.copyOf(errors);
    }
  }

  private final List<RuleError> errors = new ArrayList<>();
  private final Map<String, TermsExpr> vocabulary = new HashMap<>();

  private TaxonomyLoader() {}

  /** Loads the bundled default taxonomy. */
  public static LoadResult loadDefault() {
    try (InputStream in = TaxonomyLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            DEFAULT_RESOURCE + " is missing from the classpath; rebuild newswatch-enrich");
      }
      return load(in, DEFAULT_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
    }
  }

  /** Loads a taxonomy file. */
  public static LoadResult load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return load(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read taxonomy file " + file, e);
    }
  }

  /** Loads a taxonomy from a stream; {@code source} names it in messages. */
  public static LoadResult load(InputStream in, String source) {
    JsonNode root;
    try {
      root = YAML.readTree(in);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "taxonomy " + source + " is not valid YAML: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(
          "taxonomy " + source + " must be a YAML mapping with 'version', 'topics' and 'severity'");
    }
    TaxonomyLoader loader = new TaxonomyLoader();
    Taxonomy taxonomy = loader.read(root);
    for (RuleError error : loader.errors) {
      LOG.warn("taxonomy {} skipped: {}", source, error);
    }
    LOG.info(
        "loaded taxonomy {} version {}: topics {}, {} error(s)",
        source, taxonomy.version(), taxonomy.topicIds(), loader.errors.size());
    return new LoadResult(taxonomy, loader.errors);
  }

  private Taxonomy read(JsonNode root) {
    String version = root.path("version").asText("").strip();
    if (version.isEmpty()) {
      errors.add(new RuleError("", "", "has no 'version'; add e.g. version: \"2025.1\""));
      version = "unversioned";
    }
    double titleBoost = root.path("titleBoost").asDouble(1.5);
    if (!(titleBoost >= 1)) {
      errors.add(new RuleError("", "", "titleBoost must be >= 1, got " + titleBoost + "; using 1.5"));
      titleBoost = 1.5;
    }
    readVocabulary(root.path("vocabulary"));
    List<TopicDefinition> topics = new ArrayList<>();
    Set<String> topicIds = new HashSet<>();
    for (JsonNode node : root.path("topics")) {
      TopicDefinition topic = readTopic(node);
      if (topic != null) {
        if (topicIds.add(topic.id())) {
          topics.add(topic);
        } else {
          errors.add(new RuleError(topic.id(), "", "is defined twice; the second definition is skipped"));
        }
      }
    }
    if (topics.isEmpty()) {
      errors.add(new RuleError("", "", "defines no usable topic under 'topics'"));
    }
    return new Taxonomy(version, titleBoost, topics, readSeverity(root.path("severity"), topicIds));
  }

  /** Named term lists that rules reuse with {@code vocab: name}, compiled once. */
  private void readVocabulary(JsonNode node) {
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      try {
        vocabulary.put(
            entry.getKey(), new TermsExpr(readPhrases(entry.getValue(), "vocabulary"), Map.of()));
      } catch (RuleException e) {
        errors.add(new RuleError("", "vocabulary." + entry.getKey(), e.getMessage()));
      }
    }
  }

  private TopicDefinition readTopic(JsonNode node) {
    String id = node.path("id").asText("").strip();
    if (id.isEmpty()) {
      errors.add(new RuleError("", "", "a topic has no 'id'; the topic is skipped"));
      return null;
    }
    double threshold = node.path("threshold").asDouble(Double.NaN);
    if (!(threshold > 0)) {
      errors.add(new RuleError(id, "", "needs a positive 'threshold'; the topic is skipped"));
      return null;
    }
    List<Requirement> required = new ArrayList<>();
    for (JsonNode req : node.path("required")) {
      String reqId = req.path("id").asText("").strip();
      if (reqId.isEmpty()) {
        reqId = "required" + (required.size() + 1);
      }
      try {
        required.add(new Requirement(id + ".required." + reqId, readExpr(req, REQUIREMENT_KEYS)));
      } catch (RuleException e) {
        errors.add(new RuleError(id, reqId, e.getMessage() + "; the whole topic is skipped"));
        return null;
      }
    }
    List<Rule> rules = new ArrayList<>();
    Set<String> ruleIds = new HashSet<>();
    for (JsonNode ruleNode : node.path("rules")) {
      String ruleId = ruleNode.path("id").asText("").strip();
      if (ruleId.isEmpty()) {
        errors.add(new RuleError(id, "#" + (rules.size() + 1), "has no 'id'"));
        continue;
      }
      if (!ruleIds.add(ruleId)) {
        errors.add(new RuleError(id, ruleId, "is defined twice in the topic"));
        continue;
      }
      try {
        rules.add(readRule(id, ruleId, ruleNode));
      } catch (RuleException | IllegalArgumentException e) {
        errors.add(new RuleError(id, ruleId, e.getMessage()));
      }
    }
    if (rules.stream().noneMatch(r -> r.weight() > 0)) {
      errors.add(new RuleError(id, "", "has no valid rule with a positive weight; the topic is skipped"));
      return null;
    }
    return new TopicDefinition(id, node.path("description").asText(""), threshold, required, rules);
  }

  private Rule readRule(String topicId, String ruleId, JsonNode node) {
    Expr expr = readExpr(node, RULE_KEYS); // first, so a misspelt key is named as such
    JsonNode weight = node.get("weight");
    if (weight == null || !weight.isNumber()) {
      throw new RuleException("needs a numeric 'weight' (negative counts against the topic)");
    }
    int maxHits = node.path("maxHits").asInt(DEFAULT_MAX_HITS);
    if (!expr.positive()) {
      throw new RuleException("must match some text; a rule made only of 'not' cannot score");
    }
    return new Rule(topicId + "." + ruleId, weight.asDouble(), maxHits, expr);
  }

  private SeverityPolicy readSeverity(JsonNode node, Set<String> topicIds) {
    double ratio = node.path("mediumRatio").asDouble(2.0);
    if (!(ratio >= 1)) {
      errors.add(new RuleError("", "severity", "mediumRatio must be >= 1, got " + ratio + "; using 2"));
      ratio = 2.0;
    }
    List<SeverityRule> rules = new ArrayList<>();
    for (JsonNode ruleNode : node.path("rules")) {
      String id = ruleNode.path("id").asText("").strip();
      String name = id.isEmpty() ? "severity#" + (rules.size() + 1) : "severity." + id;
      try {
        rules.add(readSeverityRule(name, ruleNode, topicIds));
      } catch (RuleException | IllegalArgumentException e) {
        errors.add(new RuleError("", name, e.getMessage()));
      }
    }
    return new SeverityPolicy(ratio, rules);
  }

  private SeverityRule readSeverityRule(String name, JsonNode node, Set<String> topicIds) {
    String levelText = node.path("level").asText("").strip().toUpperCase(Locale.ROOT);
    Severity level;
    try {
      level = Severity.valueOf(levelText);
    } catch (IllegalArgumentException e) {
      throw new RuleException("has level '" + levelText + "'; use LOW, MEDIUM, HIGH or CRITICAL");
    }
    if (level == Severity.UNKNOWN) {
      throw new RuleException("cannot set level UNKNOWN; use LOW, MEDIUM, HIGH or CRITICAL");
    }
    String reason = node.path("reason").asText("").strip();
    if (reason.isEmpty()) {
      throw new RuleException("needs a 'reason', shown to readers of the alert");
    }
    Set<String> topics = new LinkedHashSet<>();
    for (JsonNode t : node.path("topics")) {
      if (!topicIds.contains(t.asText())) {
        throw new RuleException("names unknown topic '" + t.asText() + "'; known: " + topicIds);
      }
      topics.add(t.asText());
    }
    Expr expr = readExpr(node, SEVERITY_KEYS);
    if (!expr.positive()) {
      throw new RuleException("must match some text; a rule made only of 'not' cannot give a reason");
    }
    return new SeverityRule(name, level, reason, topics, expr);
  }

  /** Reads the single condition key of a mapping, rejecting unknown keys (usually typos). */
  private Expr readExpr(JsonNode node, Set<String> allowedOtherKeys) {
    if (node == null || !node.isObject()) {
      throw new RuleException("a condition must be a mapping with one of " + EXPR_KEYS);
    }
    String exprKey = null;
    for (Map.Entry<String, JsonNode> property : node.properties()) {
      String key = property.getKey();
      if (EXPR_KEYS.contains(key)) {
        if (exprKey != null) {
          throw new RuleException(
              "has both '" + exprKey + "' and '" + key + "'; wrap them in 'all' or 'any'");
        }
        exprKey = key;
      } else if (!key.equals("exclude") && !allowedOtherKeys.contains(key)) {
        throw new RuleException(
            "has unknown key '" + key + "'; expected one of " + EXPR_KEYS + " or " + allowedOtherKeys);
      }
    }
    if (exprKey == null) {
      throw new RuleException("has no condition; add one of " + EXPR_KEYS);
    }
    if (node.has("exclude") && !exprKey.equals("terms")) {
      throw new RuleException("'exclude' only applies to 'terms'");
    }
    JsonNode value = node.get(exprKey);
    return switch (exprKey) {
      case "terms" -> new TermsExpr(readPhrases(value, "terms"), readPhrases(node.get("exclude"), "exclude"));
      case "vocab" -> {
        TermsExpr terms = vocabulary.get(value.asText());
        if (terms == null) {
          throw new RuleException(
              "uses vocabulary '" + value.asText() + "', which is not defined or failed to load; defined: "
                  + new TreeSet<>(vocabulary.keySet()));
        }
        yield terms;
      }
      case "regex" -> new RegexExpr(readPatterns(value));
      case "near" -> readNear(value);
      case "all" -> new AllExpr(readChildren(value, "all"));
      case "any" -> new AnyExpr(readChildren(value, "any"));
      case "not" -> new NotExpr(readExpr(value, Set.of()));
      default -> throw new IllegalStateException("unhandled condition key " + exprKey);
    };
  }

  private Expr readNear(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new RuleException("'near' needs 'within: N' and 'of: [condition, condition, ...]'");
    }
    int within = node.path("within").asInt(-1);
    if (within < 0 || within > MAX_WITHIN) {
      throw new RuleException("'near.within' must be a word count from 0 to " + MAX_WITHIN);
    }
    List<Expr> groups = readChildren(node.get("of"), "near.of");
    if (groups.size() < 2) {
      throw new RuleException("'near.of' needs at least two conditions");
    }
    if (!groups.stream().allMatch(Expr::positive)) {
      throw new RuleException("'near.of' conditions must match text; 'not' has no position");
    }
    return new NearExpr(within, groups);
  }

  private List<Expr> readChildren(JsonNode node, String key) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw new RuleException("'" + key + "' needs a non-empty list of conditions");
    }
    List<Expr> out = new ArrayList<>();
    for (JsonNode child : node) {
      out.add(readExpr(child, Set.of()));
    }
    return out;
  }

  /** Per-language term lists, each term analyzed by its language's analyzer. */
  private Map<TextLanguage, List<Phrase>> readPhrases(JsonNode node, String key) {
    Map<TextLanguage, List<Phrase>> out = new EnumMap<>(TextLanguage.class);
    if (node == null) {
      return out;
    }
    Map<String, List<String>> raw = readLanguageMap(node, key);
    for (TextLanguage language : TextLanguage.values()) {
      Set<Phrase> phrases = new LinkedHashSet<>();
      for (String lang : List.of(language.code(), COMMON)) {
        for (String term : raw.getOrDefault(lang, List.of())) {
          phrases.add(compile(term, language));
        }
      }
      out.put(language, List.copyOf(phrases));
    }
    return out;
  }

  private static Phrase compile(String term, TextLanguage language) {
    boolean prefix = term.endsWith("*");
    String words = prefix ? term.substring(0, term.length() - 1) : term;
    if (words.contains("*")) {
      throw new RuleException("term '" + term + "' has '*' inside; only a trailing '*' (prefix) is allowed");
    }
    List<String> terms = TextAnalysis.tokens(words, language).stream().map(Token::term).toList();
    if (terms.isEmpty()) {
      throw new RuleException("term '" + term + "' has no words after " + language.code() + " analysis");
    }
    if (prefix && terms.get(terms.size() - 1).length() < 2) {
      throw new RuleException("prefix term '" + term + "' is too short; it would match almost anything");
    }
    // The source keeps the term as written so evidence names the rule text, not its stem.
    return new Phrase(term, terms, prefix);
  }

  private Map<TextLanguage, List<Pattern>> readPatterns(JsonNode node) {
    Map<String, List<String>> raw = readLanguageMap(node, "regex");
    Map<TextLanguage, List<Pattern>> out = new EnumMap<>(TextLanguage.class);
    for (TextLanguage language : TextLanguage.values()) {
      List<Pattern> patterns = new ArrayList<>();
      for (String lang : List.of(language.code(), COMMON)) {
        for (String regex : raw.getOrDefault(lang, List.of())) {
          try {
            patterns.add(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
          } catch (PatternSyntaxException e) {
            throw new RuleException("regex '" + regex + "' is invalid: " + e.getDescription());
          }
        }
      }
      out.put(language, patterns);
    }
    return out;
  }

  private static Map<String, List<String>> readLanguageMap(JsonNode node, String key) {
    if (node == null || !node.isObject() || node.isEmpty()) {
      throw new RuleException(
          "'" + key + "' must map languages (ar, en, " + COMMON + ") to lists of terms");
    }
    Map<String, List<String>> out = new HashMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String lang = entry.getKey();
      if (!lang.equals(COMMON) && TextLanguage.ofCode(lang) == null) {
        throw new RuleException(
            "'" + key + "' has unknown language '" + lang + "'; use ar, en or " + COMMON);
      }
      List<String> terms = new ArrayList<>();
      JsonNode value = entry.getValue();
      Iterable<JsonNode> items = value.isArray() ? value : List.of(value);
      for (JsonNode item : items) {
        String term = item.isValueNode() ? item.asText("").strip() : "";
        if (term.isEmpty()) {
          throw new RuleException("'" + key + "." + lang + "' has an empty or non-text term");
        }
        terms.add(term);
      }
      out.put(lang, terms);
    }
    return out;
  }

  /** A validation failure inside one rule; caught per rule so the others still load. */
  private static final class RuleException extends RuntimeException {
    RuleException(String message) {
      super(message);
    }
  }
}
