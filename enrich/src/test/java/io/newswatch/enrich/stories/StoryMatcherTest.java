package io.newswatch.enrich.stories;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StoryMatcherTest {

  private static final Instant T0 = Instant.parse("2024-06-20T08:00:00Z");
  private final StoryMatcher matcher = new StoryMatcher(StoryConfig.DEFAULTS);

  private static StoryArticle article(String id, Instant time, String lang, String topic, String... entities) {
    return new StoryArticle(id, time, "outlet-" + id, lang, topic, Set.of(topic), Set.of(entities), null);
  }

  @Test
  void shouldJoinAnArabicAndAnEnglishReportThatNameTheSameThings() {
    StoryProfile english = StoryProfile.start(article("en", T0, "en", "dmz", "place.mdl", "place.cheorwon",
        "thing.warning_shots", "lede:thing.warning_shots", "date:06-20"));
    StoryArticle arabic = article("ar", T0.plusSeconds(3600), "ar", "dmz", "place.mdl", "place.cheorwon",
        "thing.warning_shots", "lede:thing.warning_shots", "num:20");
    assertThat(matcher.joins(english, arabic)).isTrue();
    StoryProfile joined = english.plus(arabic);
    assertThat(joined.langs()).containsExactlyInAnyOrder("ar", "en");
    assertThat(joined.sources()).hasSize(2);
    assertThat(joined.articles()).isEqualTo(2);
  }

  @Test
  void shouldStartANewStoryWhenTheSameKindOfIncidentHappensOutsideTheWindow() {
    StoryProfile first = StoryProfile.start(article("a", T0, "en", "dmz", "place.mdl", "place.cheorwon",
        "thing.warning_shots"));
    StoryArticle later = article("b", T0.plus(Duration.ofDays(9)), "en", "dmz", "place.mdl", "place.cheorwon",
        "thing.warning_shots");
    assertThat(matcher.joins(first, later)).isFalse();
  }

  @Test
  void shouldKeepApartTwoMeetingsOfTheSameMinistersOnConsecutiveDays() {
    StoryProfile scm = StoryProfile.start(article("scm", T0, "en", "deterrence", "body.scm", "lede:body.scm",
        "person.austin", "person.hegseth", "num:28500"));
    StoryArticle twoPlusTwo = article("2p2", T0.plus(Duration.ofHours(20)), "en", "deterrence", "body.two_plus_two",
        "lede:body.two_plus_two", "person.austin", "person.hegseth", "num:28500");
    assertThat(matcher.score(scm, twoPlusTwo)).isZero();
  }

  @Test
  void shouldNotJoinStoriesOfDifferentPrimaryTopicsThatShareNames() {
    StoryProfile treaty = StoryProfile.start(article("t", T0, "en", "russia_deployment", "body.partnership_treaty",
        "person.putin", "person.kim_jong_un"));
    StoryArticle crossing = new StoryArticle("c", T0.plusSeconds(3600), "x", "en", "dmz",
        Set.of("dmz", "russia_deployment"), Set.of("body.partnership_treaty", "person.putin", "person.kim_jong_un",
            "place.mdl"), null);
    assertThat(matcher.joins(treaty, crossing)).isFalse();
  }

  @Test
  void shouldNotJoinOnUbiquitousNamesAndRoundNumbersAlone() {
    StoryProfile a = StoryProfile.start(article("a", T0, "en", "russia_deployment", "place.kursk", "place.ukraine",
        "person.zelensky", "num:11000", "num:1000"));
    StoryArticle b = article("b", T0.plusSeconds(600), "en", "russia_deployment", "place.kursk", "place.ukraine",
        "num:11000", "num:1000", "unit.special_forces");
    assertThat(matcher.joins(a, b)).isFalse();
  }

  @Test
  void shouldPutANearDuplicateInItsOriginalsStoryAndOrderByTimeThenId() {
    StoryGrouper grouper = new StoryGrouper(matcher);
    StoryArticle original = article("o", T0, "en", "dmz", "place.jsa", "person.travis_king");
    StoryArticle copy = new StoryArticle("c", T0.plusSeconds(60), "y", "en", "dmz", Set.of("dmz"), Set.of(), "o");
    StoryArticle other = article("x", T0.plusSeconds(30), "en", "deterrence", "asset.ssbn", "place.busan");
    Map<String, String> stories = grouper.assign(List.of(copy, other, original));
    assertThat(stories).containsEntry("o", "o").containsEntry("c", "o").containsEntry("x", "x");
  }

  @Test
  void shouldRememberNewNamesInSortedOrderUpToTheBoundAndKeepAFullStorysSetAsItIs() {
    String[] first = new String[StoryProfile.MAX_ENTITIES - 2];
    for (int i = 0; i < first.length; i++) {
      first[i] = String.format("num:%04d", i * 2);
    }
    StoryProfile story = StoryProfile.start(article("a", T0, "en", "dmz", first));
    // Four new names, room for two: the two that sort first are kept, whatever the set's order.
    StoryProfile full = story.plus(article("b", T0.plusSeconds(60), "en", "dmz", "num:9999", "num:0001",
        "num:0003", "num:0000", "num:8888"));
    assertThat(full.entities()).hasSize(StoryProfile.MAX_ENTITIES)
        .contains("num:0001", "num:0003").doesNotContain("num:8888", "num:9999");
    assertThat(full.articles()).isEqualTo(2);
    // A full story gathers no more names: its set is the same instance (what is derived from it stays valid).
    StoryProfile after = full.plus(article("c", T0.plusSeconds(120), "en", "dmz", "num:0005", "place.mdl"));
    assertThat(after.entities()).isSameAs(full.entities());
    assertThat(after.articles()).isEqualTo(3);
    // A report that names nothing new keeps the set too.
    assertThat(story.plus(article("d", T0.plusSeconds(60), "en", "dmz", "num:0000")).entities())
        .isSameAs(story.entities());
  }

  @Test
  void shouldRememberAStorysOutletsUpToTheBoundAndCountEveryReport() {
    // Every alert lists the story's other outlets: a story copied by thousands of sites must not make
    // each alert carry thousands of names.
    StoryProfile story = StoryProfile.start(new StoryArticle("a", T0, "outlet-0.example", "en", "dmz", Set.of("dmz"),
        Set.of("place.mdl"), null));
    for (int i = 1; i < 3 * StoryProfile.MAX_SOURCES; i++) {
      story = story.plus(new StoryArticle("a" + i, T0.plusSeconds(i), "outlet-" + i + ".example", "en", "dmz",
          Set.of("dmz"), Set.of("place.mdl"), null));
    }
    assertThat(story.sources()).hasSize(StoryProfile.MAX_SOURCES).contains("outlet-0.example");
    assertThat(story.articles()).isEqualTo(3 * StoryProfile.MAX_SOURCES);
  }
}
