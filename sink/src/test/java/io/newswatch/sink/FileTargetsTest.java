package io.newswatch.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTargetsTest {

  @TempDir
  Path dir;

  @Test
  void shouldAllowTheFileDirAndItsSubdirectoriesOnly() {
    FileTargets targets = FileTargets.of(dir.resolve("data"), List.of());

    assertThat(targets.problem(dir.resolve("data").toString())).isEmpty();
    assertThat(targets.problem(dir.resolve("data/desk-a").toString())).isEmpty();
    assertThat(targets.problem("/etc")).hasValueSatisfying(p -> assertThat(p)
        .contains("outside").contains(SinkConfig.FILE_DIR).contains(SinkConfig.FILE_ALLOWED_DIRS));
  }

  @Test
  void shouldRejectTraversalWhenTheTargetClimbsWithDotDot() {
    FileTargets targets = FileTargets.of(dir, List.of(FileTargets.ANYWHERE));

    assertThat(targets.problem(dir + "/../../../etc")).hasValueSatisfying(p -> assertThat(p).contains("'..'"));
    assertThat(targets.problem("../../..")).hasValueSatisfying(p -> assertThat(p).contains("'..'"));
  }

  @Test
  void shouldAllowAnotherDirectoryWhenItIsOnTheAllowList() {
    FileTargets targets = FileTargets.of(dir.resolve("data"), List.of(dir.resolve("shared").toString()));

    assertThat(targets.problem(dir.resolve("shared/desk").toString())).isEmpty();
    assertThat(targets.problem(dir.resolve("other").toString())).isPresent();
  }

  @Test
  void shouldRejectALinkInsideTheDirectoryWhenItLeadsOut() throws Exception {
    Files.createDirectories(dir.resolve("data"));
    Files.createDirectories(dir.resolve("outside"));
    Files.createSymbolicLink(dir.resolve("data/escape"), dir.resolve("outside"));
    FileTargets targets = FileTargets.of(dir.resolve("data"), List.of());

    assertThat(targets.problem(dir.resolve("data/escape/desk").toString())).isPresent();
  }
}
