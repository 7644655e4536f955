package io.newswatch.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Helpers for line-oriented files that must survive a crash: append, fsync, and repair a torn tail. */
public final class DurableFiles {

  private static final int CHUNK = 8192;

  private DurableFiles() {
  }

  /**
   * Cuts an unfinished last line (one without a trailing newline, left by a crash mid-write) and
   * fsyncs the cut. Returns how many bytes were removed.
   */
  public static long truncateTornTail(FileChannel channel) throws IOException {
    long size = channel.size();
    long end = size;
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
    while (end > 0) {
      long start = Math.max(0, end - CHUNK);
      buffer.clear().limit((int) (end - start));
      int read = 0;
      while (buffer.hasRemaining()) {
        int n = channel.read(buffer, start + read);
        if (n < 0) {
          break;
        }
        read += n;
      }
      for (int i = read - 1; i >= 0; i--) {
        if (buffer.get(i) == '\n') {
          return cut(channel, size, start + i + 1);
        }
      }
      end = start;
    }
    return cut(channel, size, 0);
  }

  /** Writes all of {@code bytes} at the channel's position, without an fsync (a group commit follows). */
  public static void append(FileChannel channel, byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  /** Writes all of {@code bytes} at the channel's position and fsyncs the data. */
  public static void appendAndSync(FileChannel channel, byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    channel.force(false);
  }

  /** Fsyncs a directory so a newly created file's name survives a crash too. */
  public static void syncDirectory(Path directory) throws IOException {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }

  private static long cut(FileChannel channel, long size, long keep) throws IOException {
    if (keep == size) {
      return 0;
    }
    channel.truncate(keep);
    channel.force(true);
    return size - keep;
  }
}
