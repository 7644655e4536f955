package io.newswatch.ingest.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportLedgerTest {

  @TempDir
  Path stateDir;

  @Test
  void shouldForgetImportsWhenTheClusterOrTopicIsAnother() throws IOException {
    ImportLedger.forTarget(stateDir, "cluster-A", "news.articles.raw").record("abc");

    assertThat(ImportLedger.forTarget(stateDir, "cluster-A", "news.articles.raw").contains("abc")).isTrue();
    assertThat(ImportLedger.forTarget(stateDir, "fresh-cluster-B", "news.articles.raw").contains("abc")).isFalse();
    assertThat(ImportLedger.forTarget(stateDir, "cluster-A", "tenant2.articles.raw").contains("abc")).isFalse();
  }

  @Test
  void shouldIgnoreTheUnkeyedLedgerWhenItsClusterIsUnknown() throws IOException {
    Files.writeString(stateDir.resolve("imported-files.ledger"), "abc\n");

    assertThat(ImportLedger.forTarget(stateDir, "cluster-A", "news.articles.raw").contains("abc")).isFalse();
  }

  @Test
  void shouldKeepFileNamesSafeWhenIdsHoldOtherCharacters() {
    assertThat(ImportLedger.fileName("a/../b", "t")).isEqualTo("imported-files.a_.._b.t.ledger");
  }
}
