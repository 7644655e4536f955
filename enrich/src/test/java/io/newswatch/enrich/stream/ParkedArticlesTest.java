package io.newswatch.enrich.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.schemas.avro.TaggedArticle;
import org.junit.jupiter.api.Test;

class ParkedArticlesTest {
  private static final TaggedArticle TAGGED = new TaggedArticle();

  @Test
  void shouldKeepRawBytesUpToItsCapAndParkTheRestWithoutThem() {
    ParkedArticles parked = new ParkedArticles(StoreNames.PARKED, 100);
    parked.park(1, TAGGED, new byte[60]);
    parked.park(2, TAGGED, new byte[60]); // over the cap: parked, without its bytes
    parked.park(3, TAGGED, new byte[40]);

    assertThat(parked.rawBytes()).isEqualTo(100);
    assertThat(parked.take(2).rawValue()).as("parked all the same, to be encoded again").isNull();
    assertThat(parked.take(1).rawValue()).hasSize(60);
    assertThat(parked.rawBytes()).as("a taken copy gives its bytes back").isEqualTo(40);
    parked.park(4, TAGGED, new byte[60]);
    assertThat(parked.take(4).rawValue()).hasSize(60);
    parked.park(3, TAGGED, new byte[10]); // the same offset again replaces the copy and its bytes
    assertThat(parked.rawBytes()).isEqualTo(10);
    assertThat(parked.take(99)).isNull();
    assertThat(parked.size()).isEqualTo(1);
  }

  @Test
  void shouldGiveBackTheBytesOfACopyDroppedForTheEntryCap() {
    ParkedArticles parked = new ParkedArticles(StoreNames.PARKED, Long.MAX_VALUE);
    for (int i = 0; i <= ParkedArticles.MAX_ENTRIES; i++) {
      parked.park(i, TAGGED, new byte[2]);
    }
    assertThat(parked.size()).isEqualTo(ParkedArticles.MAX_ENTRIES);
    assertThat(parked.take(0)).as("the eldest went").isNull();
    assertThat(parked.rawBytes()).isEqualTo(2L * ParkedArticles.MAX_ENTRIES);
  }
}
