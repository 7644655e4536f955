package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code platform --data-dir D} and {@code run --data-dir D} must find the same cluster. */
class PlatformLayoutTest {

  @TempDir
  Path data;

  @Test
  void shouldUseTheSamePlatformDirectoryWhenPlatformAndRunGetOneDataDir() {
    PlatformCommand platform = new PlatformCommand();
    RunCommand run = new RunCommand();
    new CommandLine(platform).parseArgs("--data-dir", data.toString());
    new CommandLine(run).parseArgs("--data-dir", data.toString());

    assertThat(platform.config().dataDir()).isEqualTo(run.platformConfig().dataDir())
        .isEqualTo(data.toAbsolutePath().resolve("platform"));
  }

  @Test
  void shouldMoveTheOldPlatformLayoutIntoPlaceWhenItIsFound() throws Exception {
    Files.createDirectories(data.resolve("kafka/logs"));
    Files.writeString(data.resolve("kafka/logs/meta.properties"), "cluster.id=old\n");
    Files.createDirectories(data.resolve("registry"));
    PlatformCommand platform = new PlatformCommand();
    new CommandLine(platform).parseArgs("--data-dir", data.toString());

    Path dir = platform.config().dataDir();

    assertThat(dir.resolve("kafka/logs/meta.properties")).hasContent("cluster.id=old");
    assertThat(dir.resolve("registry")).isDirectory();
    assertThat(data.resolve("kafka")).doesNotExist();
  }
}
