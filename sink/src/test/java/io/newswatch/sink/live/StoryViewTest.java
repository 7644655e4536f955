package io.newswatch.sink.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.AlertKind;
import io.newswatch.sink.Fixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoryViewTest {

  private static Alert version(String storyId, int version, long lastSeenSecond) {
    return Alert.newBuilder(Fixtures.alert(storyId + "-v" + version))
        .setKind(version == 1 ? AlertKind.TOPIC : AlertKind.UPDATE)
        .setStoryId(storyId).setStoryVersion(version).setStoryArticles(version)
        .setLastSeen(Instant.ofEpochSecond(lastSeenSecond)).build();
  }

  @Test
  void shouldKeepTheHighestVersionWhenUpdatesArriveOutOfOrder() {
    StoryView view = new StoryView();
    assertThat(view.add(version("s1", 2, 200))).isTrue();
    assertThat(view.add(version("s1", 1, 100))).as("older version after a restore").isFalse();
    assertThat(view.add(version("s1", 3, 300))).isTrue();
    assertThat(view.stories()).singleElement().extracting(Alert::getStoryVersion).isEqualTo(3);
  }

  @Test
  void shouldNotRepeatAStoryWhenItsAlertIsRedelivered() {
    StoryView view = new StoryView();
    Alert first = version("s1", 1, 100);
    assertThat(view.add(first)).isTrue();
    assertThat(view.add(Alert.newBuilder(first).build())).isFalse();
    assertThat(view.stories()).hasSize(1);
  }

  @Test
  void shouldOrderStoriesByEventTimeWhenTheyArriveInAnotherOrder() {
    StoryView view = new StoryView();
    view.add(version("late", 1, 500));
    view.add(version("early", 1, 100));
    view.add(version("middle", 1, 300));
    assertThat(view.stories()).extracting(Alert::getStoryId).containsExactly("late", "middle", "early");
  }
}
