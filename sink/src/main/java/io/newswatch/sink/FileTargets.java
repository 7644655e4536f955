package io.newswatch.sink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where FILE subscriptions may write: under {@code sink.file.dir}, or under a directory of
 * {@code sink.file.allowed-dirs}. A subscription is data anyone with access to the subscriptions topic
 * can write, so its target must not be able to name {@code /etc} or climb out with {@code ..}.
 */
public final class FileTargets {

  /** The allow-list entry that lifts the confinement. */
  public static final String ANYWHERE = "*";

  private final Path home;
  private final List<Path> roots;
  private final boolean anywhere;

  private FileTargets(Path home, List<Path> roots, boolean anywhere) {
    this.home = home;
    this.roots = roots;
    this.anywhere = anywhere;
  }

  /** Targets under {@code fileDir} or one of {@code allowedDirs} ({@value #ANYWHERE} allows any). */
  public static FileTargets of(Path fileDir, List<String> allowedDirs) {
    List<Path> roots = new ArrayList<>();
    Path home = fileDir.toAbsolutePath().normalize();
    roots.add(canonical(home));
    boolean anywhere = false;
    for (String dir : allowedDirs) {
      if (dir.equals(ANYWHERE)) {
        anywhere = true;
      } else {
        roots.add(canonical(Path.of(dir).toAbsolutePath().normalize()));
      }
    }
    return new FileTargets(home, List.copyOf(roots), anywhere);
  }

  /**
   * The directory a FILE subscription writes into: its target, or with none this sink's own
   * {@code sink.file.dir}. An empty target is resolved by the sink that delivers, not by the command
   * that added the subscription, whose {@code sink.file.dir} may be another (a relative default, a
   * different {@code --data-dir}): a subscription that named the adding command's directory was
   * refused by a sink with another one, after {@code subscriptions add} had reported success.
   */
  public Path resolve(String target) {
    return target == null || target.isBlank() ? home : Path.of(target);
  }

  /** What is wrong with a FILE subscription's target, naming the setting that would allow it; empty if allowed. */
  public Optional<String> problem(String target) {
    if (target == null || target.isBlank()) {
      return Optional.empty();
    }
    Path raw;
    try {
      raw = Path.of(target);
    } catch (InvalidPathException e) {
      return Optional.of("'" + target + "' is not a usable path: " + e.getReason());
    }
    for (Path part : raw) {
      if (part.toString().equals("..")) {
        return Optional.of("'" + target + "' climbs out of its directory with '..'; name a directory under "
            + roots.get(0) + " (" + SinkConfig.FILE_DIR + ")");
      }
    }
    if (anywhere) {
      return Optional.empty();
    }
    // Links are followed as far as the path exists, so a link inside the root cannot lead out of it.
    Path resolved = canonical(raw.toAbsolutePath().normalize());
    if (roots.stream().anyMatch(resolved::startsWith)) {
      return Optional.empty();
    }
    return Optional.of("'" + target + "' is outside " + roots.get(0) + " (" + SinkConfig.FILE_DIR
        + "); use a directory under it, or add the directory to " + SinkConfig.FILE_ALLOWED_DIRS);
  }

  /** The longest existing prefix with links resolved, plus the rest as written. */
  private static Path canonical(Path absolute) {
    Path existing = absolute;
    Path rest = null;
    while (existing != null && !Files.exists(existing)) {
      Path name = existing.getFileName();
      rest = rest == null ? name : name.resolve(rest);
      existing = existing.getParent();
    }
    if (existing == null) {
      return absolute;
    }
    try {
      Path real = existing.toRealPath();
      return rest == null ? real : real.resolve(rest);
    } catch (IOException e) {
      return absolute;
    }
  }
}
