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
}
