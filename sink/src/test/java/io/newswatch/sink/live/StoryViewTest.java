package io.newswatch.sink.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.AlertKind;
import io.newswatch.schemas.avro.TagRole;
import io.newswatch.sink.Fixtures;
import java.time.Instant;
import java.util.List;
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

  @Test
  void shouldListAStorysArticlesOnceInEventTimeOrderWithItsPrimaryTopicFirst() {
    StoryView view = new StoryView();
    Alert opening = Alert.newBuilder(version("s1", 1, 100)).setTopic("dmz").setRole(TagRole.PRIMARY)
        .setArticleIds(List.of("a1")).setSource("wire.example").setCreatedAt(Instant.ofEpochSecond(100)).build();
    Alert secondTag = Alert.newBuilder(opening).setAlertId("s1-deterrence").setTopic("deterrence")
        .setRole(TagRole.SECONDARY).build();
    Alert update = Alert.newBuilder(version("s1", 2, 300)).setTopic("dmz").setArticleIds(List.of("a2"))
        .setSource("daily.example").setLang("ar").setCreatedAt(Instant.ofEpochSecond(300)).build();
    view.add(update);
    view.add(secondTag);
    view.add(opening);
    view.add(Alert.newBuilder(update).build()); // re-delivered

    StoryView.Story story = view.story("s1").orElseThrow();
    assertThat(story.topics()).extracting(Alert::getTopic).containsExactly("dmz", "deterrence");
    assertThat(story.topics().get(0).getStoryVersion()).isEqualTo(2);
    assertThat(story.articles()).extracting(StoryView.StoryArticle::articleId).containsExactly("a1", "a2");
    assertThat(story.articles()).extracting(StoryView.StoryArticle::source)
        .containsExactly("wire.example", "daily.example");
    assertThat(view.story("unknown")).isEmpty();
  }

  @Test
  void shouldCountAlertedArticlesPerTopicAndHourAndMarkSurgesWhenAskedForADay() {
    StoryView view = new StoryView();
    Instant end = Instant.parse("2026-12-04T12:00:00Z");
    view.add(at("a", "dmz", end.minusSeconds(30 * 60)));
    view.add(at("b", "dmz", end.minusSeconds(40 * 60)));
    view.add(at("c", "dmz", end.minusSeconds(3 * 3600 + 60)));
    view.add(at("d", "deterrence", end.minusSeconds(25 * 3600))); // before the day
    view.add(Alert.newBuilder(at("surge-1", "dmz", end.minusSeconds(20 * 60))).setKind(AlertKind.SURGE)
        .setStoryId("").build());

    TopicVolume.Day day = view.volume(end);
    int[] dmz = day.counts().get("dmz");
    assertThat(dmz[TopicVolume.HOURS - 1]).as("the last hour").isEqualTo(2);
    assertThat(dmz[TopicVolume.HOURS - 4]).isEqualTo(1);
    assertThat(java.util.Arrays.stream(dmz).sum()).as("the surge is a mark, not an article").isEqualTo(3);
    assertThat(java.util.Arrays.stream(day.counts().get("deterrence")).sum()).isZero();
    assertThat(day.surges()).singleElement().extracting(TopicVolume.Surge::topic).isEqualTo("dmz");
    assertThat(view.volume(end.minusSeconds(1800)).end()).as("rounded up to the hour").isEqualTo(end);
  }

  @Test
  void shouldStandThePassageInForTheHeadlineWhenAPageHasNone() {
    Alert headless = Alert.newBuilder(Fixtures.alert("h")).setTitle(" ").setPassage("Troops crossed the line.").build();
    assertThat(StoryView.headline(headless)).isEqualTo("Troops crossed the line.");
    assertThat(StoryView.headline(Alert.newBuilder(headless).setPassage("").build()))
        .isEqualTo("Oil prices rose after the cartel agreed to cut output.");
    assertThat(StoryView.headline(Fixtures.alert("t"))).isEqualTo("OPEC cuts output t");
  }

  @Test
  void shouldKeepAStorysArticlesWhileAnotherOfItsTopicsIsStillShownWhenTheOldestEntryIsDropped() {
    StoryView view = new StoryView();
    view.add(Alert.newBuilder(version("s1", 1, 100)).setTopic("dmz").setArticleIds(List.of("a1")).build());
    view.add(Alert.newBuilder(version("s1", 1, 100)).setAlertId("s1-det").setTopic("deterrence")
        .setArticleIds(List.of("a1")).build());
    view.story("s1"); // looked at: s1|dmz stays the least recently changed entry all the same
    for (int i = 0; i < StoryView.MAX_STORIES - 1; i++) {
      view.add(version("other-" + i, 1, 200 + i));
    }

    StoryView.Story s1 = view.story("s1").orElseThrow();
    assertThat(s1.topics()).extracting(Alert::getTopic).containsExactly("deterrence");
    assertThat(s1.articles()).extracting(StoryView.StoryArticle::articleId).containsExactly("a1");

    view.add(version("one-more", 1, 5000));
    assertThat(view.story("s1")).as("its last entry gone, the story goes").isEmpty();
  }

  private static Alert at(String id, String topic, Instant time) {
    return Alert.newBuilder(Fixtures.alert(id)).setTopic(topic).setCreatedAt(time).build();
  }
}
