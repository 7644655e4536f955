package io.newswatch.enrich.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.enrich.stories.StoryArticle;
import io.newswatch.enrich.stories.StoryConfig;
import io.newswatch.enrich.stories.StoryMatcher;
import io.newswatch.schemas.avro.Severity;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StoryBookTest {

  private static final Instant T0 = Instant.parse("2024-06-20T08:00:00Z");

  private static StoryArticle article(String id, int minute, String... entities) {
    return new StoryArticle(id, T0.plusSeconds(60L * minute), "outlet-" + id, "en", "dmz", Set.of("dmz"),
        new HashSet<>(List.of(entities)), null);
  }

  @Test
  void shouldStillFindTheStoryThatSharesMostWhenMoreOpenStoriesNameTheSamePeopleThanItScores() {
    StoryBook book = new StoryBook(new StoryMatcher(StoryConfig.DEFAULTS));
    // A flood: many open stories all naming the same two people, each with a place of its own.
    for (int i = 0; i < 3 * StoryBook.MAX_CANDIDATES; i++) {
      book.put(StoryBook.Story.start(article("flood-" + i, i, "person.kim_yo_jong", "person.shoigu",
          "place.site_" + i, "asset.unit_" + i), Severity.LOW));
    }
    // The story this report belongs to names the same people, its place, its asset and its date.
    book.put(StoryBook.Story.start(article("zz-event", 200, "person.kim_yo_jong", "person.shoigu", "place.panmunjom",
        "asset.mig29", "date:06-20"), Severity.LOW));

    StoryBook.Story found = book.bestFor(article("report", 210, "person.kim_yo_jong", "person.shoigu",
        "place.panmunjom", "asset.mig29", "date:06-20"));

    assertThat(found).isNotNull();
    assertThat(found.id()).isEqualTo(book.bestFor(article("again", 210, "person.kim_yo_jong", "person.shoigu",
        "place.panmunjom", "asset.mig29", "date:06-20")).id());
    assertThat(found.profile().entities()).contains("place.panmunjom");
  }

  @Test
  void shouldNeverOfferAClosedStoryAndFindAStoryByTheNamesItGatheredAfterItStarted() {
    StoryBook book = new StoryBook(new StoryMatcher(StoryConfig.DEFAULTS));
    StoryBook.Story old = StoryBook.Story.start(article("a-old", 0, "person.kim_yo_jong", "place.panmunjom",
        "asset.mig29", "date:06-20"), Severity.LOW);
    book.put(old);
    StoryBook.Story growing = StoryBook.Story.start(article("b-growing", 100, "person.shoigu", "place.kursk"),
        Severity.LOW);
    book.put(growing);
    // The growing story gathers the names of a later report: it must be found by them too.
    book.put(growing.plus(article("b-2", 110, "person.kim_yo_jong", "place.panmunjom", "asset.mig29",
        "date:06-20", "person.shoigu", "place.kursk"), Severity.LOW));

    assertThat(book.expire(T0.plusSeconds(60L * 50).toEpochMilli())).containsExactly("a-old");
    assertThat(book.size()).isEqualTo(1);
    assertThat(book.get("a-old")).isNull();

    StoryBook.Story found = book.bestFor(article("report", 120, "person.kim_yo_jong", "place.panmunjom",
        "asset.mig29", "date:06-20"));
    assertThat(found).isNotNull();
    assertThat(found.id()).isEqualTo("b-growing");
    assertThat(found.version()).isEqualTo(2);

    // A report naming only what the closed story named, and the growing one never did, finds nothing.
    assertThat(book.bestFor(article("other", 120, "person.someone_else", "place.elsewhere"))).isNull();
    // Closing the last story leaves nothing to walk.
    assertThat(book.expire(T0.plusSeconds(60L * 500).toEpochMilli())).containsExactly("b-growing");
    assertThat(book.bestFor(article("late", 600, "person.kim_yo_jong", "place.panmunjom", "asset.mig29",
        "date:06-20"))).isNull();
  }

  private static final String[] FLOOD_NAMES = {"person.kim_yo_jong", "person.shoigu", "place.panmunjom",
      "asset.mig29", "date:06-20"};

  /** 3 x MAX_WALK open stories naming the same people, at minutes 1, 2, ... in id order. */
  private static StoryBook flood(StoryBook book) {
    for (int i = 1; i <= 3 * StoryBook.MAX_WALK; i++) {
      book.put(StoryBook.Story.start(article(floodId(i), i, FLOOD_NAMES), Severity.LOW));
    }
    return book;
  }

  @Test
  void shouldWalkOnlyTheStoriesWithTheLatestReportsOfEachSharedName() {
    StoryBook book = flood(new StoryBook(new StoryMatcher(StoryConfig.DEFAULTS)));
    // The event's own story started before the flood: with no report since, it is past the walk.
    StoryBook.Story event = StoryBook.Story.start(article("a-event", 0, FLOOD_NAMES), Severity.LOW);
    book.put(event);

    assertThat(book.reachedIds(article("r-1", 500, FLOOD_NAMES))).as("the latest MAX_WALK of each name, not all %d",
        book.size()).hasSize(StoryBook.MAX_WALK).doesNotContain("a-event");
    StoryBook.Story found = book.bestFor(article("r-1", 500, FLOOD_NAMES));
    assertThat(found).isNotNull();
    assertThat(found.id()).isNotEqualTo("a-event");
    assertThat(found.profile().last()).isAfterOrEqualTo(T0.plusSeconds(60L * (2 * StoryBook.MAX_WALK + 1)));

    // A report joins the event's story: it moves to the front of every list it is on and is walked.
    book.put(event.plus(article("r-0", 490, FLOOD_NAMES), Severity.LOW));
    assertThat(book.reachedIds(article("r-3", 500, FLOOD_NAMES))).hasSize(StoryBook.MAX_WALK).contains("a-event")
        .doesNotContain(floodId(2 * StoryBook.MAX_WALK + 1));
  }

  @Test
  void shouldWalkTheSameStoriesAfterARebuildFromTheDurableStates() {
    // As the matcher's task does after a crash: every story put back from its state, in id order.
    StoryBook live = flood(new StoryBook(new StoryMatcher(StoryConfig.DEFAULTS)));
    // Reports join a few early stories later on, out of id order.
    joinLate(live, 1_000, 7, 3, 200, 11);
    StoryBook rebuilt = new StoryBook(new StoryMatcher(StoryConfig.DEFAULTS));
    for (int i = 1; i <= 3 * StoryBook.MAX_WALK; i++) {
      rebuilt.put(StoryBook.Story.of(floodId(i), live.get(floodId(i)).toState()));
    }
    for (int minute : new int[] {900, 1_300, 2_000}) {
      StoryArticle report = article("r-" + minute, minute, FLOOD_NAMES);
      assertThat(rebuilt.reachedIds(report)).isEqualTo(live.reachedIds(report));
      assertThat(rebuilt.bestFor(report).id()).isEqualTo(live.bestFor(report).id());
    }
    assertThat(live.reachedIds(article("r", 2_000, FLOOD_NAMES))).contains("flood-0003", "flood-0007",
        "flood-0011", "flood-0200");
  }

  @Test
  void shouldLeaveNoClosedStoryInAnyListAfterStoriesMoved() {
    StoryBook book = flood(new StoryBook(new StoryMatcher(StoryConfig.DEFAULTS)));
    // Stories move in the lists as reports join them, some more than once, one with a new name.
    joinLate(book, 2_000, 5, 300, 5, 42);
    String moved = "flood-0042";
    book.put(book.get(moved).plus(article("named", 2_100, "person.kim_yo_jong", "place.sinuiju"), Severity.LOW));
    assertThat(book.reachedIds(article("r", 2_200, "place.sinuiju"))).containsExactly(moved);

    // Close all but the moved stories: every list must drop them (a copy left behind under an
    // old position would still be walked).
    assertThat(book.expire(T0.plusSeconds(60L * 1_999).toEpochMilli())).hasSize(3 * StoryBook.MAX_WALK - 3);
    assertThat(book.reachedIds(article("r", 2_200, FLOOD_NAMES)))
        .containsExactly("flood-0005", "flood-0042", "flood-0300");
    assertThat(book.expire(T0.plusSeconds(60L * 10_000).toEpochMilli())).hasSize(3);
    assertThat(book.reachedIds(article("r", 10_001, FLOOD_NAMES))).isEmpty();
    assertThat(book.reachedIds(article("r", 10_001, "place.sinuiju"))).isEmpty();
  }

  private static String floodId(int i) {
    return String.format("flood-%04d", i);
  }

  /** A report joins each of these flood stories, at minute {@code at} + its number. */
  private static void joinLate(StoryBook book, int at, int... floods) {
    for (int i : floods) {
      book.put(book.get(floodId(i)).plus(article("late-" + i, at + i, FLOOD_NAMES), Severity.LOW));
    }
  }
}
