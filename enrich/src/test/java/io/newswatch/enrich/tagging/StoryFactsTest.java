package io.newswatch.enrich.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoryFactsTest {

  private static final TaxonomyTagger TAGGER = TaxonomyTagger.withDefaultTaxonomy();

  private static java.util.List<String> entities(String text) {
    return TAGGER.tag(new Document("x", "", text, "und")).entities();
  }

  @Test
  void shouldGiveTheSameQuantityAndDateInArabicAndEnglish() {
    assertThat(entities("Seoul said 10,000 North Korean troops arrived on June 18."))
        .contains("num:10000", "date:06-18");
    assertThat(entities("قالت سيول إن 10 آلاف جندي كوري شمالي وصلوا في 18 حزيران."))
        .contains("num:10000", "date:06-18");
    assertThat(entities("وصل الجنود في 18 يونيو")).contains("date:06-18");
  }

  @Test
  void shouldNotTakeYearsDaysOrTheVerbMayForFacts() {
    assertThat(entities("In 2024, troops may cross the line on 5 occasions.")).noneMatch(e -> e.startsWith("num:")
        || e.startsWith("date:"));
  }

  @Test
  void shouldMapArabicAndEnglishNamesToOneEntityAndMarkTheLede() {
    assertThat(entities("North Korean soldiers fought in Kursk. Shoigu visited Pyongyang later."))
        .contains("place.kursk", "lede:place.kursk", "person.shoigu");
    assertThat(entities("قاتل جنود كوريون شماليون في كورسك. وزار شويجو بيونغ يانغ"))
        .contains("place.kursk", "person.shoigu");
  }
}
