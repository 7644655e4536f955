package io.newswatch.enrich.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.enrich.dedup.Fingerprinter;
import io.newswatch.enrich.matching.AnchorIndexMatcher;
import io.newswatch.enrich.tagging.TaxonomyTagger;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.DuplicateStatus;
import io.newswatch.schemas.avro.SourceType;
import io.newswatch.schemas.avro.TaggedArticle;
import io.newswatch.schemas.internal.ArticleDecision;
import io.newswatch.schemas.internal.StoryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** The apply step: the parked copy when it is there, the raw article tagged again when it is not. */
class DecisionApplyProcessorTest {
  private static final ArticleTagging TAGGING = new ArticleTagging(TaxonomyTagger.withDefaultTaxonomy(),
      Fingerprinter.withDefaults(), new AnchorIndexMatcher());
  private static final Article ARTICLE = Article.newBuilder().setId("a-1").setTitle("Warning shots at the DMZ")
      .setBody("South Korean troops fired warning shots after North Korean soldiers crossed the Military "
          + "Demarcation Line in the central sector of the DMZ on Tuesday, the Joint Chiefs of Staff said.")
      .setLang("en").setSource("outlet").setSourceType(SourceType.FILE).setFetchedAt(Instant.EPOCH).setContentHash("")
      .build();

  @Test
  void shouldTagTheRawArticleAgainWhenItsParkedCopyIsGoneAndGetTheSameTags() {
    List<String> reads = new ArrayList<>();
    ParkedArticles parked = new ParkedArticles(StoreNames.PARKED);
    RawArticles raw = (partition, offset) -> {
      reads.add(partition + "@" + offset);
      return ARTICLE;
    };
    TaggedArticle original = TAGGING.tag("a-1", ARTICLE, 0).article();

    DecisionApplyProcessor lost = new DecisionApplyProcessor(TAGGING, raw);
    MockProcessorContext<String, DecidedArticle> ctx = new MockProcessorContext<>();
    ctx.addStateStore(parked);
    ctx.setCurrentSystemTimeMs(0);
    lost.init(ctx);
    lost.process(new Record<>("a-1", decision(2, 41), 0L));
    assertThat(reads).containsExactly("2@41");
    DecidedArticle reread = (DecidedArticle) ctx.forwarded().get(0).record().value();
    TaggedArticle again = reread.tagged();
    assertThat(reread.rawValue()).as("read again as an article: no raw bytes to copy").isNull();
    assertThat(again.getTags()).isEqualTo(original.getTags()).isNotEmpty();
    assertThat(again.getDuplicate()).isEqualTo(DuplicateStatus.UNIQUE);

    byte[] rawValue = {0, 0, 0, 0, 1, 42};
    parked.park(42, original, rawValue);
    lost.process(new Record<>("a-1", decision(2, 42), 0L));
    assertThat(reads).as("a parked copy is not read again").containsExactly("2@41");
    DecidedArticle fromPark = (DecidedArticle) ctx.forwarded().get(1).record().value();
    assertThat(fromPark.tagged()).isSameAs(original);
    assertThat(fromPark.rawValue()).as("the parked raw bytes travel on to the tagged topic's serializer").isSameAs(rawValue);
    assertThat(parked.size()).isZero();
  }

  private static ArticleDecision decision(int partition, long offset) {
    return ArticleDecision.newBuilder().setArticleId("a-1").setSourcePartition(partition).setSourceOffset(offset)
        .setDuplicate(DuplicateStatus.UNIQUE).setStoryId("a-1").setStoryEvent(StoryEvent.NEW).build();
  }
}
