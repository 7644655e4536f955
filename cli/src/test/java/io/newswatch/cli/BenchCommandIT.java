package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code newswatch bench} on a small corpus writes its figures next to its text: the ceiling measured
 * both ways (the bench's warm clients and Kafka's own tools), the higher one taken, thread CPU per
 * stage, state bytes per article and GC. The figures themselves are not judged: a bench prints them.
 */
class BenchCommandIT {
  private static final List<String> STAGES = List.of("normalize", "publish", "enrich", "sink");

  @TempDir
  Path results;

  @Test
  void shouldWriteTheCeilingBothWaysAndCpuPerStageWhenTheBenchRuns() throws Exception {
    TestCli.Run run = TestCli.run("bench", "--articles", "200", "--ceiling-records", "5000", "--live-seconds", "2",
        "--results-dir", results.toString());

    assertThat(run.code()).as(run.err()).isZero();
    String[] lines = run.out().strip().split("\n");
    assertThat(lines[lines.length - 1]).matches("articles_per_s=\\d+ ceiling_ratio=[0-9.]+ p50_ms=-?\\d+ p99_ms=-?\\d+");
    assertThat(run.out()).contains("kafka ceiling: ").contains("kafka-tools 4.3.1: ProducerPerformance");
    Path json;
    try (Stream<Path> files = Files.list(results)) {
      json = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
    }
    assertThat(Path.of(json.toString().replace(".json", ".txt"))).exists();
    JsonNode r = new ObjectMapper().readTree(json.toFile());

    assertThat(r.at("/commit").asText()).isNotBlank();
    JsonNode ceiling = r.at("/ceiling");
    double warm = ceiling.at("/warm_clients/pass_through_per_s").asDouble();
    double tools = ceiling.at("/kafka_tools/pass_through_per_s").asDouble();
    assertThat(warm).isPositive();
    assertThat(tools).isPositive();
    assertThat(ceiling.at("/kafka_tools/produce_per_s").asDouble()).isPositive();
    assertThat(ceiling.at("/kafka_tools/consume_fetch_per_s").asDouble()).isPositive();
    assertThat(ceiling.at("/kafka_tools/version").asText()).isEqualTo("4.3.1");
    assertThat(ceiling.at("/articles_per_s").asDouble()).isEqualTo(Math.max(warm, tools));
    double rate = r.at("/backfill/articles_per_s").asDouble();
    assertThat(r.at("/summary/ceiling_ratio").asDouble())
        .isCloseTo(rate / ceiling.at("/articles_per_s").asDouble(), within(0.001));

    for (String stage : STAGES) {
      assertThat(r.at("/stages/" + stage + "/cpu_us_per_article").asDouble()).as(stage + " CPU").isPositive();
      assertThat(r.at("/stages/" + stage + "/articles_per_s").asDouble()).as(stage + " rate").isPositive();
    }
    assertThat(r.at("/stages/normalize/threads").asInt()).isEqualTo(1);
    assertThat(r.at("/stages/enrich/stream_threads").asInt()).isPositive();
    assertThat(r.at("/bytes_per_article/changelog_written").asDouble()).isPositive();
    assertThat(r.at("/bytes_per_article/repartition_written").asDouble()).isPositive();
    assertThat(r.at("/gc/run_collections").isNumber()).isTrue();
    assertThat(r.at("/gc/backfill_ms").isNumber()).isTrue();
    // One exactly-once hop with Kafka's clients alone, on the ceiling's records, beside the ceiling.
    assertThat(run.out()).contains("kafka exactly-once copy (read_committed");
    assertThat(ceiling.at("/exactly_once_copy/records").asLong()).isEqualTo(5000);
    assertThat(ceiling.at("/exactly_once_copy/per_s").asDouble()).isPositive();
    assertThat(ceiling.at("/exactly_once_copy/transactions").asLong()).isPositive();
    assertThat(r.at("/backfill/jit_compile_ms").isNumber()).isTrue();
    assertThat(run.out()).contains("jit: this JVM's compilers worked ");
  }
}
