package io.newswatch.enrich;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.schemas.avro.TaggedArticle;
import io.newswatch.schemas.internal.BandEntry;
import io.newswatch.schemas.internal.BandPostings;
import io.newswatch.schemas.internal.DedupProbe;
import io.newswatch.schemas.internal.DedupReply;
import io.newswatch.schemas.internal.DedupVotes;
import io.newswatch.schemas.internal.PendingArticle;
import io.newswatch.schemas.internal.SurgeState;
import io.newswatch.schemas.registry.SchemaRegistry;
import io.newswatch.schemas.serde.AvroSerde;
import org.apache.kafka.common.serialization.Serde;

/**
 * The serdes of the enrich topology: public records on the catalog's topics, internal records on
 * repartition and changelog topics. All go through the registry, so even internal state can be
 * inspected with {@code newswatch tail} and evolves under the same compatibility rules.
 */
public record EnrichSerdes(
    Serde<Article> article,
    Serde<TaggedArticle> tagged,
    Serde<Alert> alert,
    Serde<DedupProbe> probe,
    Serde<DedupReply> reply,
    Serde<BandEntry> bandEntry,
    Serde<BandPostings> postings,
    Serde<PendingArticle> pending,
    Serde<DedupVotes> votes,
    Serde<SurgeState> surge,
    Serde<Subscription> subscription) {

  public static EnrichSerdes with(SchemaRegistry registry) {
    return new EnrichSerdes(
        AvroSerde.specific(registry, Article.class, false),
        AvroSerde.specific(registry, TaggedArticle.class, false),
        AvroSerde.specific(registry, Alert.class, false),
        AvroSerde.specific(registry, DedupProbe.class, false),
        AvroSerde.specific(registry, DedupReply.class, false),
        AvroSerde.specific(registry, BandEntry.class, false),
        AvroSerde.specific(registry, BandPostings.class, false),
        AvroSerde.specific(registry, PendingArticle.class, false),
        AvroSerde.specific(registry, DedupVotes.class, false),
        AvroSerde.specific(registry, SurgeState.class, false),
        AvroSerde.specific(registry, Subscription.class, false));
  }
}
