package io.newswatch.enrich;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.enrich.stream.DecidedArticle;
import io.newswatch.enrich.stream.TaggedArticleSerializer;
import io.newswatch.schemas.avro.TaggedArticle;
import io.newswatch.schemas.internal.ArticleDecision;
import io.newswatch.schemas.internal.ArticleProbe;
import io.newswatch.schemas.internal.DedupEntry;
import io.newswatch.schemas.internal.StoryState;
import io.newswatch.schemas.internal.SurgeState;
import io.newswatch.schemas.registry.SchemaRegistry;
import io.newswatch.schemas.serde.AvroSerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The serdes of the enrich topology: public records on the catalog's topics, internal records on
 * repartition and changelog topics. All go through the registry, so even internal state can be
 * inspected with {@code newswatch tail} and evolves under the same compatibility rules.
 */
public record EnrichSerdes(
    Serde<Article> article,
    Serde<TaggedArticle> tagged,
    Serde<DecidedArticle> taggedOut,
    Serde<Alert> alert,
    Serde<ArticleProbe> probe,
    Serde<ArticleDecision> decision,
    Serde<DedupEntry> dedupEntry,
    Serde<StoryState> story,
    Serde<SurgeState> surge,
    Serde<Subscription> subscription) {

  public static EnrichSerdes with(SchemaRegistry registry) {
    return new EnrichSerdes(
        AvroSerde.specific(registry, Article.class, false),
        AvroSerde.specific(registry, TaggedArticle.class, false),
        // Written only (the tagged topic is read back as TaggedArticle): see TaggedArticleSerializer.
        Serdes.serdeFrom(new TaggedArticleSerializer(registry), (topic, bytes) -> {
          throw new UnsupportedOperationException("decided articles are written only; read TaggedArticle");
        }),
        AvroSerde.specific(registry, Alert.class, false),
        AvroSerde.specific(registry, ArticleProbe.class, false),
        AvroSerde.specific(registry, ArticleDecision.class, false),
        AvroSerde.specific(registry, DedupEntry.class, false),
        AvroSerde.specific(registry, StoryState.class, false),
        AvroSerde.specific(registry, SurgeState.class, false),
        AvroSerde.specific(registry, Subscription.class, false));
  }
}
