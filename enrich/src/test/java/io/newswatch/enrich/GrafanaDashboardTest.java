package io.newswatch.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboard in docs/grafana plots only series that enrich really exports. */
class GrafanaDashboardTest {

  @Test
  void shouldQueryOnlySeriesThatEnrichExports() throws Exception {
    Path dashboard = Path.of(System.getProperty("newswatch.repo.root", ".."), "docs/grafana/newswatch-enrich.json");
    String json = Files.readString(dashboard);
    Set<String> queried = new TreeSet<>();
    Matcher m = Pattern.compile("newswatch_enrich_[a-z_]+").matcher(json);
    while (m.find()) {
      queried.add(m.group());
    }
    assertThat(queried).hasSizeGreaterThanOrEqualTo(6);

    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    EnrichMetrics metrics = new EnrichMetrics(prometheus);
    prometheus.counter(EnrichMetrics.ARTICLES, "duplicate", "unique").increment();
    prometheus.counter(EnrichMetrics.TAGS, "topic", "dmz", "role", "primary").increment();
    prometheus.counter(EnrichMetrics.DUPLICATES, "kind", "near").increment();
    prometheus.counter(EnrichMetrics.STORIES, "event", "new").increment();
    metrics.deadLetter("cannot deserialize");
    String scrape = prometheus.scrape();
    assertThat(queried).allSatisfy(series -> assertThat(scrape).contains(series));
  }
}
