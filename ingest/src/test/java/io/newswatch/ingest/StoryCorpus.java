package io.newswatch.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder for import tests made from the sample seeds: the five seed files, and a JSON-lines file in
 * which every seed is a story published in several versions (same URL, so same id and record key, each
 * version's title saying "update N"), with one empty item and one broken line in the middle.
 */
public final class StoryCorpus {
  public static final int STORIES = 5;
  private static final Pattern UPDATE = Pattern.compile(", update (\\d+)$");

  private StoryCorpus() {}

  /** Writes the corpus into {@code folder}; {@code versions} per story. */
  public static Path write(Path folder, int versions) throws IOException {
    Files.createDirectories(folder);
    List<Path> seeds;
    try (Stream<Path> files = Files.list(TestPaths.seeds())) {
      seeds = files.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    ObjectMapper json = new ObjectMapper();
    List<String> lines = new ArrayList<>();
    for (Path seed : seeds) {
      Files.copy(seed, folder.resolve(seed.getFileName()));
    }
    for (int v = 0; v < versions; v++) {
      for (int s = 0; s < seeds.size(); s++) {
        String text = Files.readString(seeds.get(s), StandardCharsets.UTF_8);
        Map<String, String> item = new LinkedHashMap<>();
        item.put("url", "https://news.example.test/story-" + s);
        item.put("title", "Story " + s + ", update " + v);
        item.put("body", text);
        item.put("publishedAt", "2026-12-0" + (1 + v % 3) + "T08:00:00Z");
        lines.add(json.writeValueAsString(item));
      }
      if (v == versions / 2) {
        lines.add("{\"url\":\"https://news.example.test/empty\",\"title\":\"Nothing\",\"body\":\"\"}");
        lines.add("{\"url\": broken");
      }
    }
    Files.write(folder.resolve("stories.jsonl"), lines, StandardCharsets.UTF_8);
    return folder;
  }

  /** Articles the corpus holds. */
  public static int articles(int versions) {
    return STORIES + STORIES * versions;
  }

  /** Dead letters the corpus causes: the empty item and the broken line. */
  public static final int DEAD_LETTERS = 2;

  /** The version of a story's article, from its title; empty for a seed. */
  public static OptionalInt version(String title) {
    if (title == null) {
      return OptionalInt.empty();
    }
    Matcher m = UPDATE.matcher(title);
    return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }
}
