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
}
