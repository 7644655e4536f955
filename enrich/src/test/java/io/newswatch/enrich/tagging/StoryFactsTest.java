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

  @Test
  void shouldReadSeparatorsDecimalsAndMultipliersAsOneQuantity() {
    // The decimal is multiplied before it is rounded: 1.5 million is not 2 million.
    assertThat(entities("About 1.5 million shells, 0.5 million rounds and 2,500 missiles were sent, and 1,999 more."))
        .contains("num:1500000", "num:500000", "num:2500", "num:1999").doesNotContain("num:2000000");
    assertThat(entities("أرسلت بيونغ يانغ ١٠ آلاف جندي ونحو 2٬500 صاروخ")).contains("num:10000", "num:2500");
    // Not quantities: a fraction, a number too long to be one, a token that is not a number.
    assertThat(entities("0.5 of 1234567890123 units passed on the 3rd day")).noneMatch(e -> e.startsWith("num:"));
    assertThat(entities("An ordinal like 250th is not read")).noneMatch(e -> e.startsWith("num:"));
  }

  @Test
  void shouldPadDatesAndReadTwoWordAndPrefixedMonths() {
    assertThat(entities("The drill ended on 5 Jan.")).contains("date:01-05");
    assertThat(entities("عبروا الحدود في 3 كانون الثاني")).contains("date:01-03");
    assertThat(entities("عبروا الحدود في 12 وتشرين الاول")).doesNotContain("date:10-12");
    assertThat(entities("عبروا الحدود في 12 تشرين الاول")).contains("date:10-12");
    assertThat(entities("وصلوا في 7 وحزيران")).contains("date:06-07");
    assertThat(entities("Troops may arrive on May 9.")).contains("date:05-09").hasSize(2);
  }
}
