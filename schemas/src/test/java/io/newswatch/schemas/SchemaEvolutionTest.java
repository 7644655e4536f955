package io.newswatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/**
 * Guards schema evolution: today's schemas must read every previously released version (BACKWARD),
 * and new fields need defaults, enums a default symbol, so that the next change can stay compatible.
 */
class SchemaEvolutionTest {
  private static final Path RELEASED = Path.of("src/test/resources/released");
  /** Fields that carry an identity and so cannot have a meaningful default. */
  private static final Set<String> REQUIRED_BY_DESIGN = Set.of(
      "Article.id", "Evidence.term", "TopicTag.topic", "TaggedArticle.article", "Alert.alertId", "Alert.topic",
      "DeadLetter.stage", "DeadLetter.reason", "Subscription.id", "Subscription.channel", "FeedState.feedId");

  @Test
  void shouldReadEveryReleasedVersionWithTodaysSchemas() throws IOException {
    List<String> checked = new ArrayList<>();
    try (Stream<Path> versions = Files.list(RELEASED)) {
      for (Path version : versions.sorted().toList()) {
        for (Topic<?> topic : Topics.ALL) {
          Schema current = SpecificData.get().getSchema(topic.valueType());
          Path old = version.resolve(current.getName() + ".avsc");
          if (!Files.exists(old)) {
            continue;
          }
          Schema writer = parseReleased(version, current.getName());
          var result = SchemaCompatibility.checkReaderWriterCompatibility(current, writer);
          assertThat(result.getType())
              .as("%s must read data written with released %s: %s", current.getName(), version.getFileName(),
                  result.getResult().getIncompatibilities())
              .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
          checked.add(version.getFileName() + "/" + current.getName());
        }
      }
    }
    assertThat(checked).as("released schemas found").isNotEmpty();
  }

  @Test
  void shouldFlagAnIncompatibleChangeWhenAFieldWithoutDefaultIsAdded() throws IOException {
    Schema released = parseReleased(RELEASED.resolve("0.1.0"), "Alert");
    String json = released.toString().replaceFirst("\\{\"name\":\"alertId\"",
        "{\"name\":\"tenant\",\"type\":\"string\"},{\"name\":\"alertId\"");
    Schema changed = new Schema.Parser().parse(json);
    var result = SchemaCompatibility.checkReaderWriterCompatibility(changed, released);
    assertThat(result.getType()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
  }

  @Test
  void shouldGiveEveryFieldADefaultAndEveryEnumADefaultSymbol() {
    List<String> problems = new ArrayList<>();
    for (Topic<?> topic : Topics.ALL) {
      walk(SpecificData.get().getSchema(topic.valueType()), problems, new java.util.HashSet<>());
    }
    assertThat(problems).isEmpty();
  }

  private static void walk(Schema s, List<String> problems, Set<String> seen) {
    switch (s.getType()) {
      case RECORD -> {
        if (!seen.add(s.getFullName())) {
          return;
        }
        for (Schema.Field f : s.getFields()) {
          String name = s.getName() + "." + f.name();
          if (!f.hasDefaultValue() && !REQUIRED_BY_DESIGN.contains(name)) {
            problems.add(name + " has no default");
          }
          walk(f.schema(), problems, seen);
        }
      }
      case ENUM -> {
        if (s.getEnumDefault() == null) {
          problems.add("enum " + s.getName() + " has no default symbol");
        }
      }
      case ARRAY -> walk(s.getElementType(), problems, seen);
      case MAP -> walk(s.getValueType(), problems, seen);
      case UNION -> s.getTypes().forEach(t -> walk(t, problems, seen));
      default -> { }
    }
  }

  /** Parses a released schema, first parsing the released records it refers to. */
  private static Schema parseReleased(Path version, String name) throws IOException {
    Schema.Parser parser = new Schema.Parser();
    for (String dep : List.of("Evidence", "TopicTag", "Article", "Alert")) {
      Path f = version.resolve(dep + ".avsc");
      if (!dep.equals(name) && Files.exists(f)) {
        parser.parse(Files.readString(f));
      }
    }
    return parser.parse(Files.readString(version.resolve(name + ".avsc")));
  }
}
